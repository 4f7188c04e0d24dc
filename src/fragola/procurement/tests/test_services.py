"""The services of public contracts, called directly: every rule refuses with its field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from fragola.core.italy.codes import ERR_ORG_FISCAL_CODE
from fragola.integration.tests.helpers import hire
from fragola.procurement import services
from fragola.procurement.models import ContractLot, Executor, Tender, TenderState
from fragola.procurement.services import bids, bodies, contracts, tenders
from fragola.procurement.tests.helpers import (
    awarded,
    contract_data,
    member,
    move,
    tender_data,
    tender_for,
)
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import (
    CarerFactory,
    CommissionFactory,
    ServiceUserFactory,
    TenderFactory,
    VisitFactory,
    WorkContractFactory,
)

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict[field]


# Public bodies -----------------------------------------------------------------------------------


def body_data(**changes) -> services.PublicBodyData:
    values = {"kind": "comune", "name": "Comune di Bergamo", "fiscal_code": "80034840167"}
    return services.PublicBodyData(**{**values, **changes})


def test_it_records_a_public_body_once_by_fiscal_code():
    first, created = services.public_body_upsert(data=body_data(ipa_code="uf a794"))
    same, unchanged = services.public_body_upsert(data=body_data(ipa_code="UFA794"))
    moved, updated = services.public_body_upsert(data=body_data(ipa_code="UFB000"))
    assert (created, unchanged, updated) == ("created", "unchanged", "updated")
    assert first.pk == same.pk == moved.pk
    assert first.ipa_code == "UFA794"


def test_it_refuses_a_bad_ipa_code_and_fiscal_code_by_field():
    with pytest.raises(ValidationError) as caught:
        services.public_body_upsert(data=body_data(ipa_code="12", fiscal_code="123", kind="x"))
    errors = caught.value.message_dict
    assert errors["ipa_code"] == [bodies.ERR_IPA_CODE]
    assert errors["fiscal_code"] == [ERR_ORG_FISCAL_CODE]
    assert errors["kind"] == [bodies.ERR_BODY_KIND]


def test_it_imports_public_bodies_from_a_csv_file():
    content = (
        "kind;name;fiscal_code;ipa_code;split_payment;comune_istat\n"
        "comune;Comune di Bergamo;80034840167;C_A794;sì;016024\n"
        "ats;ATS di Bergamo;04114370168;ATSBG1;no;\n"
    ).encode()
    content = content.replace(b"C_A794", b"CA7940")
    result = services.import_public_bodies(content=content, filename="enti.csv", dry_run=False)
    assert result.ok and result.created == 2
    ats = services.public_body_upsert(
        data=body_data(
            fiscal_code="04114370168",
            kind="health",
            name="ATS di Bergamo",
            ipa_code="ATSBG1",
            split_payment=False,
        )
    )[0]
    assert ats.kind == "health" and not ats.split_payment


def test_it_imports_no_public_body_when_a_row_is_bad():
    content = (
        b"kind,name,fiscal_code,ipa_code\n"
        b"comune,Comune di Bergamo,80034840167,CA7940\n"
        b"castle,Castello,80034840167,TOOLONGCODE\n"
    )
    result = services.import_public_bodies(content=content, filename="enti.csv", dry_run=False)
    assert not result.ok
    fields = {(e.row, e.field) for e in result.errors}
    assert (3, "kind") in fields and (3, "fiscal_code") in fields
    assert services.public_body_upsert  # nothing saved:
    from fragola.procurement.models import PublicBody

    assert PublicBody.objects.count() == 0
    result = services.import_public_bodies(
        content=b"kind,name,fiscal_code,ipa_code\ncomune,X,80034840167,TOOLONGCODE\n",
        filename="enti.csv",
        dry_run=False,
    )
    assert [(e.row, e.field) for e in result.errors] == [(2, "ipa_code")]


# Tenders -----------------------------------------------------------------------------------------


def test_it_records_a_tender_of_the_consortium(world):
    tender = tender_for(world, cig="a1b2c3d4e5")
    assert tender.state == TenderState.WATCHING
    assert tender.cig == "A1B2C3D4E5"


def test_it_refuses_a_tender_to_a_cooperative(world):
    def call():
        return services.tender_record(organisation=world.alfa, data=tender_data())

    assert refused(call, "organisation") == [tenders.ERR_NOT_CONSORTIUM]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"cig": "ABC"}, "cig", tenders.ERR_CIG),
        ({"cig": "A1B2C3D4E$"}, "cig", tenders.ERR_CIG),
        ({"cup": "J12345"}, "cup", tenders.ERR_CUP),
        ({"cpv": "85310000"}, "cpv", tenders.ERR_CPV),
        ({"procedure": "auction"}, "procedure", tenders.ERR_PROCEDURE),
        ({"title": " "}, "title", tenders.ERR_TITLE),
        ({"criterion": "coin"}, "criterion", tenders.ERR_CRITERION),
        (
            {"criterion": "lowest_price", "price_points": Decimal(30)},
            "criterion",
            tenders.ERR_LOWEST_PRICE_SOCIAL,
        ),
        (
            {"quality_points": Decimal(60), "price_points": Decimal(40)},
            "price_points",
            tenders.ERR_PRICE_POINTS_CAP,
        ),
        ({"quality_points": Decimal(60)}, "quality_points", tenders.ERR_POINTS_TOTAL),
        ({"price_points": Decimal(-1)}, "price_points", tenders.ERR_POINTS_RANGE),
        ({"base_amount": Decimal(-1)}, "base_amount", tenders.ERR_AMOUNT),
        ({"labour_cost": Decimal("600000")}, "labour_cost", tenders.ERR_LABOUR_COST),
    ],
)
def test_it_refuses_a_bad_tender_naming_the_field(world, changes, field, error):
    def call():
        return tender_for(world, **changes)

    assert refused(call, field) == [error]
    assert not Tender.objects.exists()


def test_it_lets_a_tender_that_is_not_labour_intensive_give_price_more_points(world):
    tender = tender_for(
        world, labour_intensive=False, quality_points=Decimal(40), price_points=Decimal(60)
    )
    assert tender.price_points == 60


def test_it_refuses_deadlines_out_of_order(world):
    now = timezone.now()

    def call():
        return tender_for(
            world,
            clarifications_due=now + dt.timedelta(days=30),
            submission_due=now + dt.timedelta(days=20),
            opening_at=now + dt.timedelta(days=19),
        )

    with pytest.raises(ValidationError) as caught:
        call()
    errors = caught.value.message_dict
    assert errors["clarifications_due"] == [tenders.ERR_CLARIFICATIONS_AFTER_SUBMISSION]
    assert errors["opening_at"] == [tenders.ERR_OPENING_BEFORE_SUBMISSION]


def test_it_refuses_the_same_cig_twice_in_a_consortium(world):
    tender_for(world)
    assert refused(lambda: tender_for(world), "cig") == [tenders.ERR_CIG_TAKEN]


def test_it_moves_a_tender_only_along_its_pipeline(world):
    tender = tender_for(world)

    def call():
        return move(world, tender, "submitted")

    assert "submitted" not in TenderState.WATCHING or refused(call, "state")
    tender = move(world, tender, "go_no_go", "preparing")
    assert tender.state == "preparing"
    assert refused(lambda: move(world, tender, "submitted"), "executors") == [
        tenders.ERR_NO_EXECUTORS
    ]
    assert refused(lambda: move(world, tender, "awarded"), "state")


def test_it_declines_a_tender_with_its_reason(world):
    tender = services.tender_move(
        tender=tender_for(world), to="declined", user=world.sara, on=timezone.localdate(),
        note="Importo troppo basso",
    )  # fmt: skip
    assert (tender.state, tender.decision_note) == ("declined", "Importo troppo basso")
    assert refused(lambda: services.tender_update(tender=tender, data=tender_data()), "state") == [
        tenders.ERR_TENDER_CLOSED
    ]


def test_it_awards_only_a_submitted_tender_within_its_base(world):
    tender = tender_for(world)
    assert refused(lambda: services.tender_award(tender=tender, amount=Decimal(1)), "state")
    services.executor_name(tender=tender, coop=world.alfa, user=world.sara, on=timezone.localdate())
    tender = move(world, tender, "go_no_go", "preparing", "submitted")

    def call():
        return services.tender_award(tender=tender, amount=Decimal("600000"))

    assert refused(call, "awarded_amount") == [tenders.ERR_AWARDED_AMOUNT]
    assert services.tender_award(tender=tender, amount=Decimal("1")).state == "awarded"


def test_it_adds_lots_within_the_base_amount(world):
    tender = tender_for(world)
    lot = services.lot_add(tender=tender, number=1, title="Nord", service="personal_care",
                           hours=Decimal(100), base_amount=Decimal("300000"))  # fmt: skip
    assert lot.number == 1
    with pytest.raises(ValidationError) as caught:
        services.lot_add(tender=tender, number=1, title="Sud", service="flying",
                         hours=Decimal(-1), base_amount=Decimal("300000"))  # fmt: skip
    errors = caught.value.message_dict
    assert errors["number"] == [tenders.ERR_LOT_NUMBER_TAKEN]
    assert errors["service"] == [tenders.ERR_LOT_SERVICE]
    assert errors["hours"] == [tenders.ERR_AMOUNT]
    assert errors["base_amount"] == [tenders.ERR_LOTS_OVER_BASE]


# Bids --------------------------------------------------------------------------------------------


def name(world, tender, coop) -> Executor:
    return services.executor_name(
        tender=tender, coop=coop, user=world.sara, on=timezone.localdate()
    )


def test_it_names_only_member_coops_once(world):
    tender = tender_for(world)
    name(world, tender, world.alfa)
    assert refused(lambda: name(world, tender, world.alfa), "coop") == [bids.ERR_ALREADY_NAMED]
    assert refused(lambda: name(world, tender, world.gamma), "coop") == [bids.ERR_NOT_MEMBER]


def test_it_refuses_a_coop_that_bids_in_the_same_tender_in_another_form(world):
    other = OrganisationFactory(type=OrganisationType.CONSORTIUM)
    elsewhere = TenderFactory(organisation=other, cig="A1B2C3D4E5")
    Executor.objects.create(tender=elsewhere, coop=world.alfa)
    tender = tender_for(world)
    errors = refused(lambda: name(world, tender, world.alfa), "coop")
    assert errors == [str(bids.ERR_BIDS_ELSEWHERE) % {"cig": "A1B2C3D4E5"}]


def test_it_checks_each_named_coops_30_percent_in_a_reserved_tender(world):
    tender = tender_for(world, procedure="reserved")
    for disadvantaged in (True, True, False, False, False):
        hire(world.beta, disadvantaged=disadvantaged)
    assert name(world, tender, world.beta).coop == world.beta  # 40 %
    weak = member(world, OrganisationType.B, "Cooperativa Debole")
    for disadvantaged in (True, False, False, False, False):  # 1 to 4 others (L4.3)
        hire(weak, disadvantaged=disadvantaged)
    errors = refused(lambda: name(world, tender, weak), "coop")
    assert errors == [
        str(bids.ERR_RESERVED_SHARE)
        % {"name": "Cooperativa Debole", "limit": "30", "share": "25.0"}
    ]


def test_it_refuses_a_type_a_coop_in_a_reserved_tender(world):
    tender = tender_for(world, procedure="reserved")
    errors = refused(lambda: name(world, tender, world.alfa), "coop")
    assert "Alfa Cooperativa Sociale" in errors[0]


def test_it_names_no_coop_once_the_bid_is_submitted(world):
    tender = tender_for(world)
    executor = name(world, tender, world.alfa)
    move(world, tender, "go_no_go", "preparing", "submitted")
    assert refused(lambda: name(world, tender, world.beta), "state") == [tenders.ERR_TENDER_CLOSED]
    assert refused(lambda: services.executor_remove(executor=executor), "state")


# Contracts ---------------------------------------------------------------------------------------


def test_an_award_becomes_a_contract_with_its_lots(world):
    tender = awarded(world, world.alfa, world.beta, lots=2)
    contract = services.contract_record(tender=tender, data=contract_data(cup="j11h22000000001"))
    tender.refresh_from_db()
    assert tender.state == "contract"
    assert (contract.cig, contract.cup) == (tender.cig, "J11H22000000001")
    lots = list(ContractLot.objects.filter(contract=contract))
    assert [lot.number for lot in lots] == [1, 2]
    assert lots[0].hours_per_month == Decimal("1000.00")  # 24,000 h over 24 months
    assert lots[0].amount == Decimal("225000.00")  # half of the award


def test_it_refuses_a_contract_before_the_award(world):
    tender = tender_for(world)
    errors = refused(lambda: services.contract_record(tender=tender, data=contract_data()), "state")
    assert errors == [contracts.ERR_NOT_AWARDED]


def test_it_refuses_a_bad_contract_naming_each_field(world):
    tender = awarded(world, world.alfa)
    data = contract_data(
        number=" ", commitment_number="", ends_on=dt.date(2024, 1, 1), amount=Decimal(-1), cup="X"
    )
    with pytest.raises(ValidationError) as caught:
        services.contract_record(tender=tender, data=data)
    errors = caught.value.message_dict
    assert errors["number"] == [contracts.ERR_CONTRACT_NUMBER]
    assert errors["commitment_number"] == [contracts.ERR_COMMITMENT_NUMBER]
    assert errors["ends_on"] == [contracts.ERR_CONTRACT_ENDS_BEFORE_START]
    assert errors["amount"] == [tenders.ERR_AMOUNT]
    assert errors["cup"] == [tenders.ERR_CUP]


def test_it_refuses_a_contract_number_twice_and_a_tender_without_cig(world):
    services.contract_record(tender=awarded(world, world.alfa), data=contract_data())
    second = awarded(world, world.alfa)
    errors = refused(
        lambda: services.contract_record(tender=second, data=contract_data()), "number"
    )
    assert errors == [contracts.ERR_CONTRACT_NUMBER_TAKEN]
    Tender.objects.filter(pk=second.pk).update(cig="")
    second.refresh_from_db()
    data = contract_data(number="other")
    assert refused(lambda: services.contract_record(tender=second, data=data), "cig") == [
        contracts.ERR_CONTRACT_CIG
    ]


def test_it_splits_a_lot_among_the_named_coops_up_to_100_percent(world):
    contract = services.contract_record(
        tender=awarded(world, world.alfa, world.beta), data=contract_data()
    )
    lot = contract.lots.get()
    services.contract_share_set(
        lot=lot, coop=world.alfa, percent=Decimal(60), hours_per_month=Decimal(600)
    )

    def call():
        return services.contract_share_set(
            lot=lot, coop=world.beta, percent=Decimal(50), hours_per_month=Decimal(500)
        )

    assert refused(call, "percent") == [contracts.ERR_SHARES_OVER_100]

    def call():
        return services.contract_share_set(
            lot=lot, coop=world.gamma, percent=Decimal(10), hours_per_month=Decimal(1)
        )

    assert refused(call, "coop") == [contracts.ERR_NOT_EXECUTOR]

    def call():
        return services.contract_share_set(
            lot=lot, coop=world.beta, percent=Decimal(0), hours_per_month=Decimal(-1)
        )

    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict["percent"] == [contracts.ERR_SHARE_RANGE]
    assert caught.value.message_dict["hours_per_month"] == [tenders.ERR_AMOUNT]


def test_it_sets_prices_per_service_and_qualification(world):
    contract = services.contract_record(tender=awarded(world, world.alfa), data=contract_data())
    lot = contract.lots.get()
    services.contract_price_set(
        lot=lot, service="personal_care", qualification="oss", price_per_hour=Decimal("22.50")
    )
    price = services.contract_price_set(
        lot=lot, service="personal_care", qualification="oss", price_per_hour=Decimal("23.00")
    )
    assert lot.prices.get().price_per_hour == price.price_per_hour == Decimal("23.00")
    with pytest.raises(ValidationError) as caught:
        services.contract_price_set(
            lot=lot, service="x", qualification="y", price_per_hour=Decimal(0)
        )
    errors = caught.value.message_dict
    assert errors["service"] == [tenders.ERR_LOT_SERVICE]
    assert errors["qualification"] == [contracts.ERR_QUALIFICATION]
    assert errors["price_per_hour"] == [contracts.ERR_PRICE]


def test_it_adds_a_contract_lot_once_per_number(world):
    contract = services.contract_record(tender=awarded(world, world.alfa), data=contract_data())

    def call():
        return services.contract_lot_add(
            contract=contract,
            number=1,
            title="Bis",
            service="nursing",
            hours_per_month=Decimal(1),
            amount=Decimal(-1),
        )

    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict["number"] == [contracts.ERR_CONTRACT_LOT_TAKEN]
    assert caught.value.message_dict["amount"] == [tenders.ERR_AMOUNT]


def share_of(world, coop, hours=Decimal(10)):
    contract = services.contract_record(tender=awarded(world, coop), data=contract_data())
    return services.contract_share_set(
        lot=contract.lots.get(), coop=coop, percent=Decimal(100), hours_per_month=hours
    )


def test_it_links_a_care_commission_of_the_same_coop_once(world):
    share = share_of(world, world.alfa)
    commission = CommissionFactory(service_user=ServiceUserFactory(organisation=world.alfa))
    services.commission_link(share=share, commission=commission)
    assert refused(
        lambda: services.commission_link(share=share, commission=commission), "commission"
    ) == [contracts.ERR_COMMISSION_LINKED]
    other = CommissionFactory(service_user=ServiceUserFactory(organisation=world.gamma))
    assert refused(
        lambda: services.commission_link(share=share, commission=other), "commission"
    ) == [contracts.ERR_COMMISSION_OTHER_COOP]


def test_it_links_a_type_b_work_contract_of_the_same_coop_once(world):
    share = share_of(world, world.beta)
    work = WorkContractFactory(organisation=world.beta)
    services.work_contract_link(share=share, work_contract=work)
    assert refused(
        lambda: services.work_contract_link(share=share, work_contract=work), "work_contract"
    ) == [contracts.ERR_WORK_CONTRACT_LINKED]
    other = WorkContractFactory(organisation=world.gamma)
    assert refused(
        lambda: services.work_contract_link(share=share, work_contract=other), "work_contract"
    ) == [contracts.ERR_WORK_CONTRACT_OTHER_COOP]


def test_it_counts_delivered_hours_against_the_month_with_alerts(world):
    from fragola.procurement import selectors

    share = share_of(world, world.alfa, hours=Decimal(2))
    user = ServiceUserFactory(organisation=world.alfa)
    commission = CommissionFactory(service_user=user)
    services.commission_link(share=share, commission=commission)
    month = dt.date(2025, 3, 1)
    carer = CarerFactory(organisation=world.alfa)
    plan = {"plan_service__plan__commission": commission}
    for day in (3, 4):
        VisitFactory(
            organisation=world.alfa, service_user=user, day=month.replace(day=day),
            status="done", carer=carer, **plan,
        )  # fmt: skip
    VisitFactory(
        organisation=world.alfa, service_user=user, day=month.replace(day=5), status="missed",
        **plan,
    )  # fmt: skip
    share = selectors.shares_with_links(type(share).objects.filter(pk=share.pk))[0]
    rows = selectors.hours_rows([share], [dt.date(2025, 2, 1), month])
    assert [(r.delivered, r.percent, r.alert) for r in rows] == [
        (Decimal(0), Decimal("0.0"), ""),
        (Decimal("2.00"), Decimal("100.0"), "full"),
    ]


def test_it_names_each_bad_row_of_a_public_body_file():
    content = (
        b"kind,name,fiscal_code,comune_istat\n"
        b"comune,Comune di Bergamo,80034840167,999999\n"
        b"comune,Comune di Bergamo bis,80034840167,\n"
    )
    result = services.import_public_bodies(content=content, filename="enti.csv", dry_run=True)
    errors = {(e.row, e.field): e.reason for e in result.errors}
    assert errors[2, "comune_istat"] == str(bodies.ERR_COMUNE)
    assert errors[3, "fiscal_code"] == str(bodies.ERR_DUPLICATE_BODY) % {"row": 2}
    assert refused(lambda: services.public_body_upsert(data=body_data(name=" ")), "name") == [
        bodies.ERR_NAME_REQUIRED
    ]


def test_it_names_both_states_of_a_move_it_refuses(world):
    tender = tender_for(world)
    errors = refused(lambda: move(world, tender, "submitted"), "state")
    labels = {"from": TenderState.WATCHING.label, "to": TenderState.SUBMITTED.label}
    assert errors == [str(tenders.ERR_TRANSITION) % labels]


def test_it_finds_no_reserved_threshold_before_the_code_was_in_force(world):
    tender = tender_for(world, procedure="reserved")
    with pytest.raises(ValidationError) as caught:
        services.reserved_check(
            user=world.sara, tender=tender, coops=[world.beta], on=dt.date(2000, 1, 1)
        )
    assert caught.value.message_dict["coop"] == [bids.ERR_NO_THRESHOLD]


def test_the_command_imports_public_bodies_all_or_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,name,fiscal_code\ncomune,X,123\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import", "public-bodies", str(bad))
    assert caught.value.returncode == 1
    assert "row 2, fiscal_code" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_text("kind,name,fiscal_code\nats,ATS di Bergamo,04114370168\n", encoding="utf-8")
    call_command("import", "public-bodies", str(good))
    assert "1 created" in capsys.readouterr().out


def test_it_builds_what_the_simulator_and_the_optimiser_will_read(world):
    from fragola.procurement.inputs import assignment_input, simulation_input

    tender = tender_for(world, title="SAD Nord", base_amount=Decimal("500000.00"))
    services.lot_add(
        tender=tender, number=1, title="Nord", service="personal_care", hours=Decimal(100),
        base_amount=Decimal(1000), comuni=[world.alfa.comune],
    )  # fmt: skip
    name(world, tender, world.alfa)
    simulated = simulation_input(tender)
    assert (simulated["base_amount"], simulated["technical"]["points"]) == ("500000.00", 70)
    assert simulated["price"]["points"] == 30
    assigned = assignment_input(tender, on=dt.date(2025, 1, 1))
    assert assigned["lots"][0]["comuni"] == [world.alfa.comune.istat_code]
    assert [coop["id"] for coop in assigned["coops"]] == [str(world.alfa.pk)]
