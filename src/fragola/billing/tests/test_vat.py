"""VAT decided from the facts: 5 %, N4 or 22 %, split payment around 30 June 2026, stamp duty."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from fragola.billing.vat import (
    ERR_GENERIC_NATURA,
    SPLIT_PAYMENT,
    Authorisation,
    Channel,
    DecisionCode,
    GenericNaturaError,
    IssuerKind,
    LineFacts,
    NoValueInForce,
    Recipient,
    ServiceNature,
    check_natura,
    decide_line,
    decide_split_payment,
    decide_stamp_duty,
)
from fragola_law import Versioned

DAY = date(2026, 5, 31)


def facts(**changes) -> LineFacts:
    base = {
        "issuer": IssuerKind.SOCIAL_COOP,
        "nature": ServiceNature.SOCIAL_CARE,
        "recipient": Recipient.ELDERLY,
        "channel": Channel.CONTRACT,
        "invoice_date": DAY,
    }
    return LineFacts(**{**base, **changes})


@pytest.mark.parametrize("issuer", [IssuerKind.SOCIAL_COOP, IssuerKind.SOCIAL_COOP_CONSORTIUM])
@pytest.mark.parametrize("channel", list(Channel))
def test_a_social_coop_or_its_consortium_charges_5_percent_to_listed_recipients(issuer, channel):
    decision = decide_line(facts(issuer=issuer, channel=channel))
    assert (decision.code, decision.rate, decision.natura) == (DecisionCode.REDUCED, D("5.00"), "")
    assert "Tabella A parte II-bis n. 1" in decision.source
    assert "listed recipient (elderly)" in decision.reason


@pytest.mark.parametrize(
    "nature",
    [
        ServiceNature.HEALTH,
        ServiceNature.HOSPITAL,
        ServiceNature.EDUCATION,
        ServiceNature.RESIDENTIAL,
        ServiceNature.SOCIAL_CARE,
    ],
)
def test_every_art_10_number_of_the_regime_gets_5_percent(nature):
    assert decide_line(facts(nature=nature, recipient=Recipient.MINORS)).rate == D("5.00")


def test_a_recipient_outside_the_list_is_exempt_n4_with_its_reference():
    decision = decide_line(facts(recipient=Recipient.NOT_LISTED))
    assert (decision.code, decision.rate, decision.natura) == (DecisionCode.EXEMPT, D("0.00"), "N4")
    assert decision.reference == "Esente art. 10 c.1 n. 27-ter DPR 633/72"
    assert "not in the list" in decision.reason


def test_another_provider_of_health_care_is_exempt_not_5_percent():
    decision = decide_line(facts(issuer=IssuerKind.OTHER, nature=ServiceNature.HEALTH))
    assert (decision.natura, decision.reference) == ("N4", "Esente art. 10 c.1 n. 18 DPR 633/72")
    assert "only for social co-operatives" in decision.reason


def test_another_provider_of_27_ter_care_charges_22_percent():
    decision = decide_line(facts(issuer=IssuerKind.OTHER))
    assert (decision.code, decision.rate) == (DecisionCode.STANDARD, D("22.00"))


def test_a_consortiums_back_office_service_to_a_member_is_22_percent():
    decision = decide_line(
        facts(
            issuer=IssuerKind.SOCIAL_COOP_CONSORTIUM,
            nature=ServiceNature.OTHER,
            recipient=Recipient.NOT_LISTED,
        )
    )
    assert (decision.code, decision.rate, decision.natura) == (
        DecisionCode.STANDARD,
        D("22.00"),
        "",
    )
    assert decision.source.startswith("DPR 633/1972 art. 16")


def test_before_the_2016_regime_it_refuses_to_guess():
    with pytest.raises(NoValueInForce):
        decide_line(facts(invoice_date=date(2015, 12, 31)))
    assert decide_line(facts(invoice_date=date(2016, 1, 1))).rate == D("5.00")


@pytest.mark.parametrize(
    ("day", "applies"),
    [
        (date(2026, 6, 29), True),
        (date(2026, 6, 30), True),  # the last day Decision (EU) 2023/1552 covers
        (date(2026, 7, 1), False),  # no renewal recorded: VAT is charged and paid to the co-op
        (date(2027, 1, 1), False),
    ],
)
def test_split_payment_to_a_public_body_ends_with_its_authorisation(day, applies):
    decision = decide_split_payment(public_body=True, invoice_date=day)
    assert decision.applies is applies
    assert "2023/1552" in decision.source


def test_a_renewed_authorisation_is_a_new_dated_entry():
    renewal = Versioned(
        "split_payment", date(2026, 7, 1), Authorisation(True, date(2029, 6, 30)), "renewal"
    )
    renewed = (*SPLIT_PAYMENT[:2], renewal)
    decision = decide_split_payment(public_body=True, invoice_date=date(2026, 7, 1), table=renewed)
    assert decision.applies


def test_split_payment_never_applies_to_a_family():
    assert not decide_split_payment(public_body=False, invoice_date=date(2026, 5, 31)).applies


@pytest.mark.parametrize(
    ("untaxed", "due"),
    [(D("77.46"), False), (D("77.47"), False), (D("77.48"), True), (D("1000.00"), True)],
)
def test_stamp_duty_is_due_only_above_77_47(untaxed, due):
    decision = decide_stamp_duty(untaxed_total=untaxed, invoice_date=DAY)
    assert decision.due is due
    assert decision.amount == (D("2.00") if due else D("0.00"))


@pytest.mark.parametrize("natura", ["N2", "N3", "N6"])
def test_generic_natura_is_refused_from_2021(natura):
    check_natura(natura, date(2020, 12, 31))
    with pytest.raises(GenericNaturaError) as exc:
        check_natura(natura, date(2021, 1, 1))
    assert str(exc.value) == ERR_GENERIC_NATURA.format(natura=natura)


def test_detailed_natura_is_accepted():
    for natura in ("N2.1", "N3.5", "N4", "N6.9"):
        check_natura(natura, DAY)
