"""Every database constraint of every Fragola model has its check in a service or a form.

A constraint the database enforces alone turns ordinary bad input into a server error (an
``IntegrityError``). So each constraint (``Meta.constraints`` and fields declared ``unique``) is
listed in ``GUARDS`` with how it is kept:

- ``Refused``: a service refuses the input with a field error; the test breaks the rule through
  the service and expects that field error (an error-message constant, in the user's language);
- ``Upsert``: the service finds the existing row instead of adding a second one; the test calls
  it twice and expects one row;
- ``NotInput``: the value never comes from a person (a status the services set, a generated
  token, the ISTAT territory), or the model is edited only through the Django admin, whose
  model forms validate constraints themselves; the reason is written beside it.

``test_it_lists_every_constraint_of_every_model`` fails when a model gains a constraint that is
not in the table, so a new constraint cannot ship without its check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.backoffice import services as backoffice
from fragola.backoffice.allocation import DriverValue as BoValue
from fragola.backoffice.allocation import Pool as BoPool
from fragola.backoffice.services import pay as bo_pay
from fragola.billing import notifications as sdi
from fragola.billing import runs as billing_runs
from fragola.billing import services as billing
from fragola.billing.models import (
    BilledVisit,
    ContractTerms,
    Invoice,
    InvoiceState,
    NumberingSeries,
    ReceivedFile,
)
from fragola.billing.tests import setup as billing_setup
from fragola.care import services as care
from fragola.care.models import CarerQualification, HealthRecord, Visit, VolunteerLog
from fragola.care.services import carers as care_carers
from fragola.care.services import people as care_people
from fragola.care.services import plans as care_plans
from fragola.care.services import visits as care_visits
from fragola.care.services import volunteers as care_volunteers
from fragola.care.tests.personas import CareWorld, build_care_world
from fragola.governance import services as governance
from fragola.governance.services import assemblies, polls
from fragola.integration import services as integration
from fragola.integration.models import Outcome, PlannedKind, ReferringService, TimesheetEntry
from fragola.integration.services import conventions, work
from fragola.planning.services import runs
from fragola.procurement import services as procurement
from fragola.procurement.models import ContractShare, PublicBody, TenderFeed
from fragola.procurement.services import bids, bodies, contracts, tenders
from fragola.procurement.tests import helpers as procurement_helpers
from fragola.registry import roles
from fragola.registry import services as registry
from fragola.registry.models import (
    Membership,
    Person,
    PersonKind,
    ShareMovementKind,
)
from fragola.testing.factories import MembershipFactory, PersonFactory
from fragola.testing.factories_apps import (
    CommissionFactory,
    ServiceUserFactory,
    WorkContractFactory,
)
from fragola.testing.personas import World
from fragola.workforce import services as workforce

pytestmark = pytest.mark.django_db

Trigger = Callable[[CareWorld], Any]


@dataclass(frozen=True)
class Refused:
    message: Any  # the error-message constant the service raises
    field: str
    trigger: Trigger


@dataclass(frozen=True)
class Upsert:
    """``trigger`` calls the service twice and returns how many rows the rule covers."""

    trigger: Trigger


@dataclass(frozen=True)
class NotInput:
    reason: str


Guard = Refused | Upsert | NotInput

# --- small builders ------------------------------------------------------------------------------


def _day(n: int = 0) -> dt.date:
    return dt.date(2025, 3, 3) + dt.timedelta(days=n)


def _employment_data(**changes: Any) -> workforce.EmploymentData:
    values: dict[str, Any] = {
        "started_on": _day(),
        "branch": "B",
        "contract": "employee",
        "weekly_hours": Decimal("30"),
    }
    return workforce.EmploymentData(**{**values, **changes})


def _hire(c: CareWorld, **changes: Any) -> Any:
    beta = c.world.beta
    return workforce.employment_start(
        organisation=beta,
        person=PersonFactory(organisation=beta),
        data=_employment_data(**changes),
        check=False,
    )


def _certificate(c: CareWorld, **changes: Any) -> Any:
    beta = c.world.beta
    values: dict[str, Any] = {"category": "addiction", "issued_on": _day()}
    return workforce.certificate_record(
        organisation=beta,
        person=PersonFactory(organisation=beta),
        data=workforce.CertificateData(**{**values, **changes}),
        scan=False,
    )


def _poll(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "title": "Orto sociale?",
        "kind": "single",
        "options": ["Sì", "No"],
        "closes_at": timezone.now() + dt.timedelta(days=7),
    }
    data = polls.PollData(**{**values, **changes})
    return polls.poll_create(organisation=c.world.alfa, data=data)


def _convene(c: CareWorld, **changes: Any) -> Any:
    """An assembly of Alfa (one member, admitted long ago) convened a month ahead."""
    assembly = governance.assembly_schedule(
        organisation=c.world.alfa, held_on=_day(30), kind="ordinary"
    )
    data = assemblies.Convening(**{"convened_on": _day(), **changes})
    return assemblies.assembly_convene(assembly=assembly, data=data)


def _vote(c: CareWorld, *answers: str) -> None:
    """Mario (Alfa's member) votes on a proposal that is not anonymous: each answer in turn."""
    person = c.world.alfa_member.person
    person.user = c.world.mario
    person.save(update_fields=["user"])
    poll = polls.poll_open(poll=_poll(c, kind="proposal", anonymous=False))
    for answer in answers:
        polls.poll_vote(poll=poll, user=c.world.mario, answer=answer)


def _project_data(**changes: Any) -> integration.ProjectData:
    values: dict[str, Any] = {
        "referring_service": ReferringService.SERD,
        "referrer_name": "SerD Bergamo",
        "goals": "Autonomia lavorativa",
        "weekly_hours": Decimal("20"),
        "started_on": _day(),
    }
    return integration.ProjectData(**{**values, **changes})


def _project(c: CareWorld, **changes: Any) -> Any:
    beta = c.world.beta
    return integration.project_start(
        organisation=beta, person=PersonFactory(organisation=beta), data=_project_data(**changes)
    )


def _contract(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "organisation": c.world.beta,
        "client": "Comune di Bergamo",
        "object_kind": "green_maintenance",
        "value_net_of_vat": Decimal("50000"),
        "started_on": _day(),
    }
    return work.work_contract_create(**{**values, **changes})


def _convention(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "public_body": "Comune di Bergamo",
        "object_kind": "green_maintenance",
        "value_net_of_vat": Decimal("10000"),
        "checked_on": _day(),
    }
    data = conventions.ConventionData(**{**values, **changes})
    return conventions.convention_record(organisation=c.world.beta, data=data)


def _site(c: CareWorld) -> Any:
    return work.job_site_create(contract=_contract(c), name="Parco Suardi")


def _service_user(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "organisation": c.world.alfa,
        "first_name": "Ada",
        "last_name": "Verdi",
        "address": "Via Roma 1",
        "comune": c.maria.comune,
        "started_on": _day(),
    }
    return care.service_user_register(**{**values, **changes})


def _commission(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "service_user": c.maria,
        "funder_kind": "comune",
        "funder_name": "Comune di Bergamo",
        "contract_reference": "Accreditamento SAD",
        "starts_on": _day(),
        "hours": {"personal_care": Decimal("20")},
    }
    return care.commission_create(**{**values, **changes})


def _plan(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "service_user": c.giovanni,
        "assessed_on": _day(),
        "goals": "Autonomia",
        "review_on": _day(90),
        "valid_from": _day(),
    }
    return care.care_plan_create(**{**values, **changes})


def _plan_service(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "plan": c.plan,
        "kind": "personal_care",
        "duration_minutes": 60,
        "weekdays": "12345",
        "window_start": dt.time(8),
        "window_end": dt.time(10),
    }
    return care.plan_service_add(**{**values, **changes})


def _receipt() -> SimpleUploadedFile:
    return SimpleUploadedFile("scontrino.pdf", b"%PDF-1.4 receipt", "application/pdf")


def _expense(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "carer": c.vera_volunteer,
        "day": c.today,
        "amount": Decimal("3.20"),
        "description": "Autobus",
        "receipt": _receipt(),
    }
    return care.expense_claim(**{**values, **changes})


def _applicant(c: CareWorld) -> Membership:
    return MembershipFactory(organisation=c.world.alfa, admitted_on=None, member_number=None)


def _person_data(**changes: Any) -> registry.PersonData:
    values: dict[str, Any] = {
        "kind": PersonKind.LEGAL,
        "fiscal_code": "00000000000",
        "legal_name": "",
    }
    return registry.PersonData(**{**values, **changes})


def _checked_in_twice(c: CareWorld) -> Any:
    visit = c.visit_today
    care.visit_check_in(visit=visit, by=c.world.carla, at=visit.starts_at)
    return care.visit_check_out(
        visit=visit, by=c.world.carla, at=visit.starts_at - dt.timedelta(minutes=5)
    )


def _twice(fn: Callable[[], Any], count: Callable[[], int]) -> int:
    fn()
    fn()
    return count()


def _billing_duplicate_number(c: CareWorld) -> Any:
    # 1/2026 was delivered, then the series was set back: the next one would be 1/2026 again.
    alfa = c.world.alfa
    billing_setup.profile(alfa)
    first = billing.invoice_issue(invoice=billing_setup.comune_draft(alfa))
    Invoice.objects.filter(pk=first.pk).update(state=InvoiceState.DELIVERED)
    NumberingSeries.objects.filter(organisation=alfa).update(last_number=0)
    return billing.invoice_issue(invoice=billing_setup.comune_draft(alfa))


def _billing_notification_twice(c: CareWorld) -> int:
    alfa = c.world.alfa
    billing_setup.profile(alfa)
    invoice = billing.invoice_issue(invoice=billing_setup.comune_draft(alfa))
    at = timezone.now()
    sent = billing.invoice_send(invoice=invoice, at=at)
    receipt = sdi.Simulator().submit(sent.name, bytes(sent.content), at=at)
    return _twice(
        lambda: billing.notification_import(name=receipt.name, data=receipt.data, received_at=at),
        lambda: ReceivedFile.objects.filter(organisation=alfa).count(),
    )


def _billing_run_twice(c: CareWorld) -> int:
    alfa = c.world.alfa
    billing_setup.profile(alfa)
    billed = billing_setup.visit(billing_setup.billable(alfa), dt.date(2026, 5, 4))
    return _twice(
        lambda: billing_runs.billing_run(
            organisation=alfa, month=dt.date(2026, 5, 1), today=dt.date(2026, 6, 1)
        ),
        lambda: BilledVisit.objects.filter(visit=billed).count(),
    )


def _billing_terms_twice(c: CareWorld) -> int:
    contract = billing_setup.billable(c.world.alfa).share.lot.contract
    return _twice(
        lambda: billing_runs.contract_terms_set(contract=contract, bill_missed=True),
        lambda: ContractTerms.objects.filter(contract=contract).count(),
    )


def _billing_profile_twice(c: CareWorld) -> int:
    return _twice(
        lambda: billing_setup.profile(c.world.alfa),
        lambda: type(c.world.alfa).objects.filter(billing_profile__isnull=False).count(),
    )


# --- procurement ---------------------------------------------------------------------------------


def _tender(c: CareWorld, **changes: Any) -> Any:
    return procurement_helpers.tender_for(c.world, **changes)


def _public_contract(c: CareWorld, **changes: Any) -> Any:
    tender = procurement_helpers.awarded(c.world, c.world.alfa)
    return procurement.contract_record(
        tender=tender, data=procurement_helpers.contract_data(**changes)
    )


def _share(c: CareWorld, **changes: Any) -> Any:
    lot = _public_contract(c).lots.get()
    values: dict[str, Any] = {"percent": Decimal(100), "hours_per_month": Decimal(10)}
    return procurement.contract_share_set(lot=lot, coop=c.world.alfa, **{**values, **changes})


def _body(**changes: Any) -> Any:
    values: dict[str, Any] = {"kind": "comune", "name": "Comune", "fiscal_code": "80034840167"}
    return procurement.public_body_upsert(data=procurement.PublicBodyData(**{**values, **changes}))


def _lot(c: CareWorld, tender: Any, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "number": 1, "title": "Lotto", "service": "personal_care", "hours": Decimal(10),
        "base_amount": Decimal(10),
    }  # fmt: skip
    return procurement.lot_add(tender=tender, **{**values, **changes})


def _price_twice(c: CareWorld) -> int:
    lot = _public_contract(c).lots.get()
    return _twice(
        lambda: procurement.contract_price_set(
            lot=lot, service="nursing", qualification="nurse", price_per_hour=Decimal(30)
        ),
        lambda: lot.prices.count(),
    )


def _share_twice(c: CareWorld) -> int:
    lot = _public_contract(c).lots.get()
    return _twice(
        lambda: procurement.contract_share_set(
            lot=lot, coop=c.world.alfa, percent=Decimal(50), hours_per_month=Decimal(1)
        ),
        lambda: ContractShare.objects.filter(lot=lot).count(),
    )


def _contract_lot(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {"title": "Bis", "service": "nursing", "hours_per_month": Decimal(1)}
    return procurement.contract_lot_add(contract=_public_contract(c), **{**values, **changes})


def _later(days: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def _named_twice(c: CareWorld) -> Any:
    tender = _tender(c)
    for _attempt in range(2):
        procurement.executor_name(
            tender=tender, coop=c.world.alfa, user=c.world.sara, on=timezone.localdate()
        )


def _contract_twice(c: CareWorld) -> Any:
    contract = _public_contract(c)
    return procurement.contract_record(
        tender=contract.tender, data=procurement_helpers.contract_data(number="other")
    )


def _linked_twice(c: CareWorld, link: Callable[..., Any], **rows: Any) -> Any:
    share = _share(c)
    link(share=share, **rows)
    return link(share=share, **rows)


# --- the table ---------------------------------------------------------------------------------

STATUS_BY_SERVICES = "the status is set by the services' transitions, never typed in"
ISTAT = "the territory is loaded from ISTAT's tables by a command, never typed in"
GENERATED = "a random token generated by the code"
SOLVER = "written by the planner from the solver's output, never typed in"
ADMIN_ONLY = "edited only in the Django admin, whose model forms validate constraints"
BY_APPROVAL = "charges and their lines are computed and numbered by the approval of a draft run"

GUARDS: dict[str, Guard] = {
    # billing
    "billing_customer_office_code_length": Refused(
        billing.ERR_PUBLIC_OFFICE_CODE,
        "office_code",
        lambda c: billing_setup.comune(c.world.alfa, office_code="UFX9ABC"),
    ),
    "billing_invoice_number_unique_per_year": Refused(
        billing.ERR_CHECKS, "number", _billing_duplicate_number
    ),
    "billing_series_one_per_year": NotInput("the series is found or made by invoice_issue"),
    "billing_line_natura_iff_zero_rate": NotInput(
        "rate and Natura are decided by the VAT engine, never typed in"
    ),
    "billing_received_file_once": Upsert(_billing_notification_twice),
    "billing.IssuerProfile.organisation": Upsert(_billing_profile_twice),
    "billing.BilledVisit.visit": Upsert(_billing_run_twice),
    "billing.BilledHours.entry": NotInput(
        "set by the billing run, which counts only timesheet entries not yet billed"
    ),
    "billing.ContractTerms.contract": Upsert(_billing_terms_twice),
    "billing.SentFile.name": NotInput("the official file name, from the issuer's progressive"),
    # core
    "core.PersonalAccessToken.token_hash": NotInput(GENERATED),
    "core.WorkerHeartbeat.worker_id": NotInput(
        "each worker process writes its own generated id, never typed in"
    ),
    "compliance_standing_one_per_rule": NotInput(
        "written by the compliance checks, one row per co-op and rule, as an upsert"
    ),
    "scheduled_firing_once": NotInput(
        "written by the scheduler: a second claim of a slot is how it learns the slot has fired"
    ),
    # registry
    "registry.Region.istat_code": NotInput(ISTAT),
    "import_job_status_valid": NotInput(STATUS_BY_SERVICES),
    "import_job_progress_at_most_100": NotInput(
        "the progress is written by the import job as it goes, never typed in"
    ),
    "registry.Province.istat_code": NotInput(ISTAT),
    "registry.Comune.istat_code": NotInput(ISTAT),
    "registry.Comune.cadastral_code": NotInput(ISTAT),
    "registry.Organisation.fiscal_code": Refused(
        _("An organisation with this fiscal code already exists."),
        "fiscal_code",
        lambda c: registry.organisation_update(
            organisation=c.world.beta,
            data=registry.OrganisationData(
                type=c.world.beta.type,
                name=c.world.beta.name,
                fiscal_code=c.world.alfa.fiscal_code,
                legal_form=c.world.beta.legal_form,
                founded_on=c.world.beta.founded_on,
                comune=c.world.beta.comune,
            ),
        ),
    ),
    "organisation_type_valid": Refused(
        models.Field.default_error_messages["invalid_choice"],
        "type",
        lambda c: registry.organisation_update(
            organisation=c.world.beta,
            data=registry.OrganisationData(
                type="Z",
                name=c.world.beta.name,
                fiscal_code=c.world.beta.fiscal_code,
                legal_form=c.world.beta.legal_form,
                founded_on=c.world.beta.founded_on,
                comune=c.world.beta.comune,
            ),
        ),
    ),
    "organisation_legal_form_valid": Refused(
        models.Field.default_error_messages["invalid_choice"],
        "legal_form",
        lambda c: registry.organisation_update(
            organisation=c.world.beta,
            data=registry.OrganisationData(
                type=c.world.beta.type,
                name=c.world.beta.name,
                fiscal_code=c.world.beta.fiscal_code,
                legal_form="plc",
                founded_on=c.world.beta.founded_on,
                comune=c.world.beta.comune,
            ),
        ),
    ),
    "consortium_membership_left_after_joined": NotInput(
        "no service sets the day a co-op leaves a consortium; only the Django admin does"
    ),
    "consortium_membership_not_itself": Refused(
        registry.ERR_CONSORTIUM_ITSELF,
        "member",
        lambda c: registry.consortium_member_add(
            consortium=c.world.consortium, member=c.world.consortium, joined_on=_day()
        ),
    ),
    "person_fiscal_code_unique_per_org": Upsert(
        lambda c: _twice(
            lambda: registry.person_upsert(
                organisation=c.world.alfa,
                data=_person_data(fiscal_code="00743110157", legal_name="Ente Alfa"),
            ),
            lambda: Person.objects.filter(fiscal_code="00743110157").count(),
        )
    ),
    "person_has_a_name": Refused(
        forms.Field.default_error_messages["required"],
        "legal_name",
        lambda c: registry.person_upsert(
            organisation=c.world.alfa, data=_person_data(fiscal_code="00743110157")
        ),
    ),
    "membership_number_unique_per_org": Refused(
        registry.ERR_NUMBER_TAKEN,
        "member_number",
        lambda c: registry.membership_admit(
            membership=_applicant(c),
            admitted_on=_day(),
            member_number=c.world.alfa_member.member_number,
        ),
    ),
    "membership_category_valid": Refused(
        registry.ERR_CATEGORY,
        "category",
        lambda c: registry.membership_apply(
            organisation=c.world.alfa,
            person=PersonFactory(organisation=c.world.alfa),
            category="honorary",
            applied_on=_day(),
        ),
    ),
    "membership_admitted_after_applied": Refused(
        registry.ERR_ADMIT_BEFORE_APPLY,
        "admitted_on",
        lambda c: registry.membership_admit(
            membership=_applicant(c), admitted_on=dt.date(2019, 1, 1)
        ),
    ),
    "membership_exited_after_admitted": Refused(
        registry.ERR_EXIT_BEFORE_ADMIT,
        "exited_on",
        lambda c: registry.membership_exit(
            membership=c.world.alfa_member, exited_on=dt.date(2019, 1, 1), reason="withdrawal"
        ),
    ),
    "membership_exit_has_reason": Refused(
        _("Choose a valid exit reason."),
        "exit_reason",
        lambda c: registry.membership_exit(
            membership=c.world.alfa_member, exited_on=_day(), reason="boredom"
        ),
    ),
    "membership_admitted_has_number": NotInput(
        "an admission always takes the number given or the next free one"
    ),
    "share_movement_positive": Refused(
        registry.ERR_AMOUNT_NOT_POSITIVE,
        "amount",
        lambda c: registry.share_movement_record(
            membership=c.world.alfa_member,
            kind=ShareMovementKind.SUBSCRIPTION,
            amount=Decimal("0"),
            date=_day(),
        ),
    ),
    "share_movement_kind_valid": Refused(
        registry.ERR_MOVEMENT_KIND,
        "kind",
        lambda c: registry.share_movement_record(
            membership=c.world.alfa_member, kind="gift", amount=Decimal("5"), date=_day()
        ),
    ),
    "role_unique_per_user_org": Refused(
        roles.ERR_ROLE_EXISTS,
        "role",
        lambda c: roles.role_grant(
            organisation=c.world.alfa,
            email=c.world.bob.email,
            first_name="",
            last_name="",
            name="coordinator",
        ),
    ),
    "role_name_valid": Refused(
        roles.ERR_ROLE_NAME,
        "role",
        lambda c: roles.role_grant(
            organisation=c.world.alfa,
            email="nuovo@example.org",
            first_name="",
            last_name="",
            name="emperor",
        ),
    ),
    # workforce
    "employment_ends_after_start": Refused(
        workforce.ERR_END_BEFORE_START, "ended_on", lambda c: _hire(c, ended_on=_day(-1))
    ),
    "employment_branch_valid": Refused(
        workforce.ERR_BRANCH, "branch", lambda c: _hire(c, branch="C")
    ),
    "employment_contract_valid": Refused(
        workforce.ERR_CONTRACT, "contract", lambda c: _hire(c, contract="gig")
    ),
    "employment_weekly_hours_range": Refused(
        workforce.ERR_HOURS, "weekly_hours", lambda c: _hire(c, weekly_hours=Decimal("169"))
    ),
    "certificate_expires_after_issue": Refused(
        workforce.ERR_EXPIRES_BEFORE_ISSUE,
        "expires_on",
        lambda c: _certificate(c, expires_on=_day(-1)),
    ),
    "certificate_category_valid": Refused(
        workforce.ERR_CATEGORY, "category", lambda c: _certificate(c, category="tired")
    ),
    # compliance (its app's own services and pages)
    "compliance.ComplianceSettings.organisation": Upsert(
        lambda c: _twice(
            lambda: _compliance_settings(c, "total"),
            lambda: _compliance_settings_count(c),
        )
    ),
    "compliance_settings_denominator_valid": NotInput(
        "chosen from a list on the compliance settings page (a ChoiceField refuses anything else)"
    ),
    "compliance_alert_one_open_per_rule_status": NotInput(
        "alerts are opened by the compliance scan, which looks for the open one first"
    ),
    "compliance_alert_status_valid": NotInput(STATUS_BY_SERVICES),
    # care
    "carer_unique_per_person_kind": Refused(
        care_carers.ERR_ALREADY_CARER,
        "person",
        lambda c: care.carer_register(person=c.walter.person, kind="worker"),
    ),
    "carer_kind_valid": Refused(
        care_carers.ERR_CARER_KIND,
        "kind",
        lambda c: care.carer_register(person=c.walter.person, kind="robot"),
    ),
    "carer_volunteer_has_no_contract_hours": Refused(
        care_carers.ERR_VOLUNTEER_HOURS,
        "weekly_hours",
        lambda c: care.carer_register(
            person=c.walter.person, kind="volunteer", weekly_hours=Decimal("10")
        ),
    ),
    "carer_qualification_unique": Upsert(
        lambda c: _twice(
            lambda: care.qualification_add(carer=c.walter, kind="oss"),
            lambda: CarerQualification.objects.filter(carer=c.walter, kind="oss").count(),
        )
    ),
    "availability_weekday_range": Refused(
        care_carers.ERR_SLOT_ORDER,
        "availability",
        lambda c: care.availability_set(carer=c.walter, slots=[(8, dt.time(8), dt.time(12))]),
    ),
    "availability_order": Refused(
        care_carers.ERR_SLOT_ORDER,
        "availability",
        lambda c: care.availability_set(carer=c.walter, slots=[(1, dt.time(12), dt.time(8))]),
    ),
    "absence_ends_after_start": Refused(
        care_carers.ERR_ABSENCE_ORDER,
        "ends_on",
        lambda c: care.absence_record(
            carer=c.walter, kind="holiday", starts_on=_day(), ends_on=_day(-1)
        ),
    ),
    "service_user_ends_after_start": Refused(
        care_people.ERR_CARE_ENDS_BEFORE_START,
        "ended_on",
        lambda c: _service_user(c, ended_on=_day(-1)),
    ),
    "service_user_latitude_range": Refused(
        care_people.ERR_LATITUDE,
        "latitude",
        lambda c: _service_user(c, latitude=Decimal("200"), longitude=Decimal("9.6")),
    ),
    "care.HealthRecord.service_user": Upsert(
        lambda c: _twice(
            lambda: care.health_record_update(
                service_user=c.maria, by=c.world.bob, conditions="Diabete", care_needs=""
            ),
            lambda: HealthRecord.objects.filter(service_user=c.maria).count(),
        )
    ),
    "consent_withdrawn_after_given": Refused(
        care_people.ERR_WITHDRAWN_BEFORE_GIVEN,
        "withdrawn_on",
        lambda c: care.consent_withdraw(
            consent=care.consent_record(
                service_user=c.maria, purpose="care", given_on=_day(), by=c.world.bob
            ),
            withdrawn_on=_day(-1),
            by=c.world.bob,
        ),
    ),
    "consent_purpose_valid": Refused(
        care_people.ERR_CONSENT_PURPOSE,
        "purpose",
        lambda c: care.consent_record(
            service_user=c.maria, purpose="marketing", given_on=_day(), by=c.world.bob
        ),
    ),
    "family_member_user_unique_per_service_user": Refused(
        care_people.ERR_FAMILY_LOGIN_TAKEN,
        "username",
        lambda c: care.family_member_add(service_user=c.maria, name="Fiona", user=c.fiona),
    ),
    "commission_funder_valid": Refused(
        care_people.ERR_FUNDER_KIND, "funder_kind", lambda c: _commission(c, funder_kind="bank")
    ),
    "commission_co_payment_positive": Refused(
        care_people.ERR_NEGATIVE_CO_PAYMENT,
        "co_payment_per_hour",
        lambda c: _commission(c, co_payment_per_hour=Decimal("-1")),
    ),
    "commission_ends_after_start": Refused(
        care_people.ERR_COMMISSION_ENDS_BEFORE_START,
        "ends_on",
        lambda c: _commission(c, ends_on=_day(-1)),
    ),
    "authorised_hours_unique": NotInput(
        "the hours come as a mapping from service to hours, so a service appears once"
    ),
    "authorised_hours_positive": Refused(
        care_people.ERR_AUTHORISED_HOURS,
        "hours_per_month",
        lambda c: _commission(c, hours={"personal_care": Decimal("0")}),
    ),
    "plan_review_after_assessment": Refused(
        care_plans.ERR_REVIEW_BEFORE_ASSESSMENT, "review_on", lambda c: _plan(c, review_on=_day(-1))
    ),
    "plan_valid_range": Refused(
        care_plans.ERR_PLAN_ENDS_BEFORE_START, "valid_to", lambda c: _plan(c, valid_to=_day(-1))
    ),
    "plan_status_valid": NotInput(STATUS_BY_SERVICES),
    "plan_service_window_order": Refused(
        care_plans.ERR_WINDOW_TOO_SHORT,
        "window_end",
        lambda c: _plan_service(c, window_start=dt.time(10), window_end=dt.time(8)),
    ),
    "plan_service_one_or_two_carers": Refused(
        care_plans.ERR_CARERS_NEEDED, "carers_needed", lambda c: _plan_service(c, carers_needed=3)
    ),
    "plan_service_duration_range": Refused(
        care_plans.ERR_DURATION, "duration_minutes", lambda c: _plan_service(c, duration_minutes=0)
    ),
    "plan_service_volunteers_complementary": Refused(
        care_plans.ERR_VOLUNTEERS_SUBSTITUTIVE,
        "for_volunteers",
        lambda c: _plan_service(c, for_volunteers=True),
    ),
    "visit_unique_per_service_day_slot": Upsert(
        lambda c: _twice(
            lambda: care.visits_generate(plan=c.plan, start=c.today, end=c.today),
            lambda: Visit.objects.filter(plan_service=c.personal_care, day=c.today).count(),
        )
    ),
    "visit_status_valid": NotInput(STATUS_BY_SERVICES),
    "visit_order": NotInput(
        "a visit's times come from its plan service's start and duration (5 to 720 minutes)"
    ),
    "visit_check_out_after_check_in": Refused(
        care_visits.ERR_CHECK_OUT_BEFORE_IN, "checked_out_at", _checked_in_twice
    ),
    "visit_assigned_has_carer": NotInput(
        "a visit becomes assigned only through an assignment, which names the carer"
    ),
    "volunteer_log_hours_range": Refused(
        care_volunteers.ERR_HOURS_RANGE,
        "hours",
        lambda c: care.volunteer_hours_log(carer=c.vera_volunteer, day=c.today, hours=Decimal(25)),
    ),
    "care.VolunteerLog.visit": Upsert(
        lambda c: _twice(
            lambda: care_visits._log_volunteer_hours(_volunteer_visit_done(c)),
            lambda: VolunteerLog.objects.filter(visit=c.volunteer_task).count(),
        )
    ),
    "expense_amount_positive": Refused(
        care_volunteers.ERR_AMOUNT_POSITIVE, "amount", lambda c: _expense(c, amount=Decimal("0"))
    ),
    "expense_has_receipt": Refused(
        care_volunteers.ERR_RECEIPT_REQUIRED, "receipt", lambda c: _expense(c, receipt=None)
    ),
    # integration
    "convention_value_positive": Refused(
        conventions.ERR_VALUE, "value_net_of_vat", lambda c: _convention(c, value_net_of_vat=0)
    ),
    "convention_object_valid": Refused(
        conventions.ERR_OBJECT, "object_kind", lambda c: _convention(c, object_kind="weapons")
    ),
    "integration_project_closed_has_outcome": Refused(
        integration.ERR_OUTCOME,
        "outcome",
        lambda c: integration.project_close(project=_project(c), ended_on=_day(9), outcome=""),
    ),
    "integration_project_ends_after_start": Refused(
        integration.ERR_END_BEFORE_START,
        "ended_on",
        lambda c: integration.project_close(
            project=_project(c), ended_on=_day(-1), outcome=Outcome.DROPPED_OUT
        ),
    ),
    "integration_project_hours_range": Refused(
        integration.ERR_HOURS, "weekly_hours", lambda c: _project(c, weekly_hours=Decimal(-1))
    ),
    "integration_project_service_valid": Refused(
        integration.ERR_SERVICE, "referring_service", lambda c: _project(c, referring_service="x")
    ),
    "project_review_held_has_outcome": Refused(
        integration.ERR_REVIEW_OUTCOME,
        "outcome",
        lambda c: integration.review_record(project=_project(c), scheduled_on=_day(), held=True),
    ),
    "work_contract_value_not_negative": Refused(
        work.ERR_VALUE,
        "value_net_of_vat",
        lambda c: _contract(c, value_net_of_vat=Decimal(-1)),
    ),
    "work_contract_ends_after_start": Refused(
        work.ERR_ENDS_BEFORE_START, "ends_on", lambda c: _contract(c, ends_on=_day(-1))
    ),
    "team_name_unique_per_site": Refused(
        work.ERR_TEAM_NAME_TAKEN, "name", lambda c: _two_teams(c, "Squadra Verde")
    ),
    "team_assignment_ends_after_start": NotInput(
        "an assignment is created open; no service or page sets its end"
    ),
    "timesheet_hours_in_a_day": Refused(
        integration.ERR_DAY_HOURS,
        "hours",
        lambda c: integration.timesheet_record(employment=_hire(c), day=_day(), hours=Decimal(25)),
    ),
    "timesheet_unique_per_day_site": Upsert(lambda c: _timesheet_twice(c)),
    "planned_change_end_names_employment": Refused(
        integration.ERR_PLANNED_END,
        "employment",
        lambda c: integration.planned_change_add(
            organisation=c.world.beta, kind=PlannedKind.END, on=_day()
        ),
    ),
    # governance
    "board_seat_end_after_start": Refused(
        governance.ERR_END_BEFORE_START,
        "ended_on",
        lambda c: governance.board_seat_add(
            organisation=c.world.alfa,
            person=c.world.alfa_member.person,
            role="president",
            started_on=_day(),
            ended_on=_day(-1),
        ),
    ),
    "poll_kind_valid": Refused(polls.ERR_POLL_KIND, "kind", lambda c: _poll(c, kind="dot")),
    "poll_quorum_fraction": Refused(
        polls.ERR_POLL_QUORUM, "quorum", lambda c: _poll(c, quorum=Decimal(2))
    ),
    "poll_threshold_majority": Refused(
        polls.ERR_POLL_THRESHOLD, "threshold", lambda c: _poll(c, threshold=Decimal("0.2"))
    ),
    "poll_score_max_range": Refused(
        polls.ERR_POLL_SCORE_MAX, "score_max", lambda c: _poll(c, score_max=101)
    ),
    "poll_closed_after_opened": NotInput(STATUS_BY_SERVICES),
    "poll_option_label_unique": Refused(
        polls.ERR_POLL_OPTION_TWICE, "options", lambda c: _poll(c, options=["Sì", "Sì"])
    ),
    "poll_option_position_unique": NotInput("options are numbered by the service, in order"),
    "poll_voter_unique": Refused(
        polls.ERR_POLL_NOT_DRAFT,
        "status",
        lambda c: polls.poll_open(poll=polls.poll_open(poll=_poll(c))),
    ),
    "ballot_answer_valid": Refused(polls.ERR_BALLOT_ANSWER, "answer", lambda c: _vote(c, "maybe")),
    "governance.Ballot.voter": Refused(
        polls.ERR_ALREADY_VOTED, "voter", lambda c: _vote(c, "agree", "agree")
    ),
    "assembly_proxy_limit_at_most_ten": Refused(
        assemblies.ERR_PROXY_LIMIT, "proxy_limit", lambda c: _convene(c, proxy_limit=11)
    ),
    "assembly_legal_person_votes_range": Refused(
        assemblies.ERR_LEGAL_PERSON_VOTES,
        "legal_person_votes",
        lambda c: _convene(c, legal_person_votes=6),
    ),
    "assembly_voter_unique": Refused(
        assemblies.ERR_ASSEMBLY_CONVENED,
        "convened_on",
        lambda c: assemblies.assembly_convene(
            assembly=_convene(c), data=assemblies.Convening(_day())
        ),
    ),
    "assembly_voter_votes_range": NotInput(
        "computed at convening from the statute's votes of a legal person, themselves checked"
    ),
    "assembly_voter_proxy_has_delegate": Refused(
        assemblies.ERR_ATTENDANCE,
        "attendance",
        lambda c: assemblies.attendance_record(
            voter=_convene(c).voters.first(), attendance="proxy"
        ),
    ),
    # back office
    "backoffice_agreement_ends_after_start": Refused(
        backoffice.ERR_ENDS_BEFORE_START,
        "ends_on",
        lambda c: _agreement(c, ends_on=_day(-1)),
    ),
    "backoffice_agreement_fee_not_negative": Refused(
        backoffice.ERR_FEE_NEGATIVE, "monthly_fee", lambda c: _agreement(c, monthly_fee=Decimal(-1))
    ),
    "backoffice_agreement_unique_start": Refused(
        backoffice.ERR_AGREEMENT_EXISTS, "starts_on", lambda c: (_agreement(c), _agreement(c))
    ),
    "backoffice_request_satisfaction_1_to_5": Refused(
        backoffice.ERR_SATISFACTION,
        "satisfaction",
        lambda c: backoffice.request_rate(
            request=backoffice.request_resolve(request=_bo_request(c)), satisfaction=0
        ),
    ),
    "backoffice_request_answered_after_opened": Refused(
        backoffice.ERR_BEFORE_OPENING,
        "answer",
        lambda c: backoffice.request_answer(
            request=_bo_request(c), answer="x", at=timezone.now() - dt.timedelta(days=1)
        ),
    ),
    "backoffice_request_resolved_after_opened": Refused(
        backoffice.ERR_BEFORE_OPENING,
        "resolved_at",
        lambda c: backoffice.request_resolve(
            request=_bo_request(c), at=timezone.now() - dt.timedelta(days=1)
        ),
    ),
    "backoffice_escalation_once_per_breach": Upsert(lambda c: _escalate_twice(c)),
    "backoffice_time_entry_minutes_in_a_day": Refused(
        backoffice.ERR_MINUTES,
        "minutes",
        lambda c: backoffice.request_log_time(
            request=_bo_request(c), user=None, worked_on=timezone.localdate(), minutes=1441
        ),
    ),
    "backoffice_run_period_first_of_month": Refused(
        backoffice.ERR_PERIOD, "period", lambda c: _bo_run(c, period=dt.date(2025, 3, 2))
    ),
    "backoffice_run_approved_has_time": NotInput(STATUS_BY_SERVICES),
    "backoffice_pool_unique_name": Refused(
        backoffice.ERR_POOL_REPEATED,
        "pools",
        lambda c: _bo_run(c, pools=[BoPool("P", Decimal(1), "d"), BoPool("P", Decimal(2), "d")]),
    ),
    "backoffice_pool_amount_not_negative": Refused(
        backoffice.ERR_POOL_NEGATIVE,
        "pools",
        lambda c: _bo_run(c, pools=[BoPool("P", Decimal(-1), "d")]),
    ),
    "backoffice_driver_value_unique": Refused(
        backoffice.ERR_DRIVER_REPEATED,
        "values",
        lambda c: _bo_run(c, values=[_bo_value(c, 1), _bo_value(c, 2)]),
    ),
    "backoffice_driver_value_not_negative": Refused(
        backoffice.ERR_DRIVER_NEGATIVE, "values", lambda c: _bo_run(c, values=[_bo_value(c, -1)])
    ),
    "backoffice_pay_one_per_month": Upsert(lambda c: _pay_twice(c, month=3)),
    "backoffice_pay_one_per_year": Upsert(lambda c: _pay_twice(c, month=None)),
    "backoffice_pay_month_1_to_12": Refused(
        bo_pay.ERR_PAY_MONTH, "month", lambda c: _pay(c, month=13)
    ),
    "backoffice_pay_amounts_not_negative": Refused(
        bo_pay.ERR_PAY_NEGATIVE, "gross_pay", lambda c: _pay(c, gross_pay=Decimal(-1))
    ),
    "backoffice_pay_contract_percent_range": Refused(
        bo_pay.ERR_PAY_PERCENT, "contract_percent", lambda c: _pay(c, contract_percent=Decimal(0))
    ),
    "backoffice_charge_one_per_coop": NotInput(BY_APPROVAL),
    "backoffice_charge_unique_number": NotInput(BY_APPROVAL),
    "backoffice_line_one_per_pool": NotInput(BY_APPROVAL),
    "backoffice_line_amount_not_negative": NotInput(BY_APPROVAL),
    # planning
    "planning_settings_shift_order": NotInput(ADMIN_ONLY),
    "planning_settings_weights_positive": NotInput(ADMIN_ONLY),
    "planning.PlanningSettings.organisation": NotInput(ADMIN_ONLY),
    "planning_run_period_order": Refused(
        runs.ERR_PERIOD,
        "end",
        lambda c: runs.planning_run_start(
            organisation=c.world.alfa,
            start=timezone.localdate() + dt.timedelta(days=7),  # planning looks ahead
            end=timezone.localdate() + dt.timedelta(days=6),
            actor=c.world.bob,
        ),
    ),
    "planning_run_progress_range": NotInput("progress is counted by the planner"),
    "planning_run_status_valid": NotInput(STATUS_BY_SERVICES),
    "planning_run_kind_valid": NotInput("set by the service that starts a run or a repair"),
    "planned_assignment_unique": NotInput(SOLVER),
    "planned_assignment_has_carer_or_left_out": NotInput(SOLVER),
    "planning.CarerFeed.carer": Upsert(lambda c: _feed_twice(c)),
    "planning.CarerFeed.token": NotInput(GENERATED),
    # procurement
    "public_body_kind_valid": Refused(bodies.ERR_BODY_KIND, "kind", lambda c: _body(kind="castle")),
    "procurement.PublicBody.fiscal_code": Upsert(
        lambda c: _twice(lambda: _body(), lambda: PublicBody.objects.count())
    ),
    "tender_cig_unique_per_organisation": Refused(
        tenders.ERR_CIG_TAKEN, "cig", lambda c: (_tender(c), _tender(c))
    ),
    "tender_procedure_valid": Refused(
        tenders.ERR_PROCEDURE, "procedure", lambda c: _tender(c, procedure="auction")
    ),
    "tender_state_valid": NotInput(STATUS_BY_SERVICES),
    "tender_amounts_not_negative": Refused(
        tenders.ERR_AMOUNT, "base_amount", lambda c: _tender(c, base_amount=Decimal(-1))
    ),
    "tender_labour_cost_within_base": Refused(
        tenders.ERR_LABOUR_COST, "labour_cost", lambda c: _tender(c, labour_cost=Decimal(10**7))
    ),
    "tender_points_range": Refused(
        tenders.ERR_POINTS_RANGE, "price_points", lambda c: _tender(c, price_points=Decimal(-5))
    ),
    "tender_social_services_not_lowest_price": Refused(
        tenders.ERR_LOWEST_PRICE_SOCIAL, "criterion", lambda c: _tender(c, criterion="lowest_price")
    ),
    "tender_labour_intensive_price_cap": Refused(
        tenders.ERR_PRICE_POINTS_CAP,
        "price_points",
        lambda c: _tender(c, quality_points=Decimal(50), price_points=Decimal(50)),
    ),
    "tender_clarifications_before_submission": Refused(
        tenders.ERR_CLARIFICATIONS_AFTER_SUBMISSION,
        "clarifications_due",
        lambda c: _tender(c, clarifications_due=_later(30), opening_at=None),
    ),
    "tender_opening_after_submission": Refused(
        tenders.ERR_OPENING_BEFORE_SUBMISSION,
        "opening_at",
        lambda c: _tender(c, opening_at=_later(1)),
    ),
    "tender_lot_number_unique": Refused(
        tenders.ERR_LOT_NUMBER_TAKEN, "number", lambda c: _lot(c, _lot(c, _tender(c)).tender)
    ),
    "tender_lot_not_negative": Refused(
        tenders.ERR_AMOUNT, "hours", lambda c: _lot(c, _tender(c), hours=Decimal(-1))
    ),
    "executor_unique_per_tender": Refused(bids.ERR_ALREADY_NAMED, "coop", _named_twice),
    "procurement.Contract.tender": Refused(contracts.ERR_NOT_AWARDED, "state", _contract_twice),
    "contract_number_unique": Refused(
        contracts.ERR_CONTRACT_NUMBER_TAKEN,
        "number",
        lambda c: procurement.contract_record(
            tender=procurement_helpers.awarded(c.world, c.world.alfa),
            data=procurement_helpers.contract_data(number=_public_contract(c).number),
        ),
    ),
    "contract_ends_after_start": Refused(
        contracts.ERR_CONTRACT_ENDS_BEFORE_START,
        "ends_on",
        lambda c: _public_contract(c, ends_on=dt.date(2020, 1, 1)),
    ),
    "contract_amount_not_negative": Refused(
        tenders.ERR_AMOUNT, "amount", lambda c: _public_contract(c, amount=Decimal(-1))
    ),
    "contract_lot_unique": Refused(
        contracts.ERR_CONTRACT_LOT_TAKEN, "number", lambda c: _contract_lot(c, number=1)
    ),
    "contract_lot_not_negative": Refused(
        tenders.ERR_AMOUNT,
        "hours_per_month",
        lambda c: _contract_lot(c, number=2, hours_per_month=Decimal(-1)),
    ),
    "contract_price_unique": Upsert(_price_twice),
    "contract_price_positive": Refused(
        contracts.ERR_PRICE,
        "price_per_hour",
        lambda c: procurement.contract_price_set(
            lot=_public_contract(c).lots.get(),
            service="nursing",
            qualification="nurse",
            price_per_hour=Decimal(0),
        ),
    ),
    "contract_share_unique": Upsert(_share_twice),
    "contract_share_range": Refused(
        contracts.ERR_SHARE_RANGE, "percent", lambda c: _share(c, percent=Decimal(101))
    ),
    "contract_share_hours_not_negative": Refused(
        tenders.ERR_AMOUNT, "hours_per_month", lambda c: _share(c, hours_per_month=Decimal(-1))
    ),
    "procurement.CommissionLink.commission": Refused(
        contracts.ERR_COMMISSION_LINKED,
        "commission",
        lambda c: _linked_twice(
            c,
            procurement.commission_link,
            commission=CommissionFactory(
                service_user=ServiceUserFactory(organisation=c.world.alfa)
            ),
        ),
    ),
    "procurement.WorkContractLink.work_contract": Refused(
        contracts.ERR_WORK_CONTRACT_LINKED,
        "work_contract",
        lambda c: _linked_twice(
            c,
            procurement.work_contract_link,
            work_contract=WorkContractFactory(organisation=c.world.alfa),
        ),
    ),
    "procurement.TenderFeed.organisation": Upsert(
        lambda c: _twice(
            lambda: procurement.tender_feed_get(organisation=c.world.consortium),
            lambda: TenderFeed.objects.count(),
        )
    ),
    "procurement.TenderFeed.token": NotInput(GENERATED),
}


def _agreement(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "consortium": c.world.consortium,
        "coop": c.world.alfa,
        "service": "payroll",
        "starts_on": _day(),
        "monthly_fee": Decimal("100.00"),
    }
    return backoffice.agreement_add(**{**values, **changes})


def _bo_request(c: CareWorld) -> Any:
    return backoffice.request_open(coop=c.world.alfa, kind="new_hire", subject="Assunzione")


def _escalate_twice(c: CareWorld) -> int:
    from fragola.backoffice.models import Escalation

    request = _bo_request(c)
    later = request.response_due + dt.timedelta(minutes=1)
    backoffice.requests_escalate(now=later)
    backoffice.requests_escalate(now=later)
    return Escalation.objects.filter(request=request, breach="response").count()


def _bo_value(c: CareWorld, value: int) -> BoValue:
    return BoValue(c.world.alfa.fiscal_code, "d", Decimal(value))


def _bo_run(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "consortium": c.world.consortium,
        "period": dt.date(2025, 3, 1),
        "pools": [BoPool("P", Decimal(1), "d")],
        "values": [_bo_value(c, 1)],
    }
    return backoffice.run_prepare(**{**values, **changes})


def _pay(c: CareWorld, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "year": 2025,
        "month": 3,
        "gross_pay": Decimal("1800.00"),
        "labour_cost": Decimal("2500.00"),
        "contract_percent": Decimal("100"),
    }
    data = bo_pay.PayData(**{**values, **changes})
    return bo_pay.pay_record(
        organisation=c.world.alfa, person=c.world.alfa_member.person, data=data
    )


def _pay_twice(c: CareWorld, month: int | None) -> int:
    from fragola.backoffice.models import PayRecord

    return _twice(
        lambda: _pay(c, month=month),
        lambda: PayRecord.objects.filter(person=c.world.alfa_member.person, month=month).count(),
    )


def _compliance_settings(c: CareWorld, denominator: str) -> Any:
    from fragola.compliance.services import compliance_settings_update

    return compliance_settings_update(
        organisation=c.world.alfa, l4_3_denominator=denominator, g4_count_volunteers=False
    )


def _compliance_settings_count(c: CareWorld) -> int:
    from fragola.compliance.models import ComplianceSettings

    return ComplianceSettings.objects.filter(organisation=c.world.alfa).count()


def _volunteer_visit_done(c: CareWorld) -> Visit:
    visit = c.volunteer_task
    if visit.status != "done":
        care.volunteer_task_take(visit=visit, volunteer=c.vera_volunteer, by=c.world.vera)
        care.visit_check_in(visit=visit, by=c.world.vera, at=visit.starts_at)
        care.visit_check_out(
            visit=visit, by=c.world.vera, at=visit.starts_at + dt.timedelta(minutes=60)
        )
    return visit


def _two_teams(c: CareWorld, name: str) -> Any:
    site = _site(c)
    work.team_create(site=site, name=name)
    return work.team_create(site=site, name=name.upper())


def _timesheet_twice(c: CareWorld) -> int:
    employment = _hire(c)
    return _twice(
        lambda: integration.timesheet_record(employment=employment, day=_day(), hours=Decimal(4)),
        lambda: TimesheetEntry.objects.filter(employment=employment).count(),
    )


def _feed_twice(c: CareWorld) -> int:
    from fragola.planning.models import CarerFeed
    from fragola.planning.services.publish import carer_feed_get

    return _twice(
        lambda: carer_feed_get(carer=c.carla_carer),
        lambda: CarerFeed.objects.filter(carer=c.carla_carer).count(),
    )


# --- the walk ----------------------------------------------------------------------------------


def _fragola_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("fragola.")]


def constraint_names() -> set[str]:
    """Every constraint of every Fragola model: named constraints, and unique fields as
    ``app.Model.field`` (a primary key is never typed in, so it is left out)."""
    names: set[str] = set()
    for model in _fragola_models():
        names.update(c.name for c in model._meta.constraints if c.name)
        for field in model._meta.local_fields:
            if field.unique and not field.primary_key:
                names.add(f"{model._meta.label}.{field.name}")
        assert not model._meta.unique_together, f"{model._meta.label}: use a UniqueConstraint"
    return names


def test_it_lists_every_constraint_of_every_model():
    walked = constraint_names()
    assert sorted(walked - GUARDS.keys()) == [], "constraints without a check in GUARDS"
    assert sorted(GUARDS.keys() - walked) == [], "GUARDS names constraints that no longer exist"


def test_it_says_why_a_constraint_needs_no_check():
    assert all(g.reason.strip() for g in GUARDS.values() if isinstance(g, NotInput))


@pytest.fixture
def c(world: World) -> CareWorld:
    return build_care_world(world)


def _pattern(message: Any) -> re.Pattern[str]:
    """The message as a pattern: its ``%(name)s`` placeholders match any text."""
    parts = re.split(r"%\(\w+\)[sdr]", str(message))
    return re.compile(".*".join(re.escape(part) for part in parts), re.S)


REFUSED = sorted(name for name, guard in GUARDS.items() if isinstance(guard, Refused))
UPSERTS = sorted(name for name, guard in GUARDS.items() if isinstance(guard, Upsert))


@pytest.mark.parametrize("name", REFUSED)
def test_it_refuses_input_that_breaks_the_constraint_with_a_field_error(c, name):
    guard = GUARDS[name]
    assert isinstance(guard, Refused)
    with pytest.raises(ValidationError) as exc:
        guard.trigger(c)
    errors = exc.value.message_dict.get(guard.field, [])
    assert any(_pattern(guard.message).fullmatch(error) for error in errors), (
        f"{name}: expected {guard.message!r} on {guard.field!r}, got {exc.value.message_dict}"
    )


@pytest.mark.parametrize("name", UPSERTS)
def test_it_keeps_one_row_when_the_same_thing_is_recorded_twice(c, name):
    guard = GUARDS[name]
    assert isinstance(guard, Upsert)
    assert guard.trigger(c) == 1


def test_it_refuses_in_italian_by_default(c):
    with pytest.raises(ValidationError) as exc:
        _service_user(c, latitude=Decimal("200"))
    assert exc.value.message_dict["latitude"] == ["La latitudine è compresa tra -90 e 90 gradi."]
