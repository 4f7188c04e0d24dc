"""factory_boy factories for the apps above the registry: workforce, governance, care,
integration, compliance and planning. They build valid rows straight in the database, for
setting a scene; the behaviour under test goes through the apps' services.

The registry's factories (organisations, people, members, roles) are in ``factories``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from fragola.backoffice.models import (
    AllocationRun,
    Charge,
    RequestKind,
    Service,
    ServiceRequest,
)
from fragola.backoffice.models import RunStatus as BackofficeRunStatus
from fragola.care.models import (
    Absence,
    AbsenceKind,
    CarePlan,
    Carer,
    CarerKind,
    Commission,
    Expense,
    PlanService,
    ServiceKind,
    ServiceUser,
    Visit,
    VolunteerLog,
)
from fragola.compliance.models import ComplianceSettings
from fragola.governance.models import Assembly, AssemblyKind, BoardRole, BoardSeat
from fragola.integration.models import JobSite, Team, WorkContract
from fragola.integration.models.conventions import ObjectKindChoice
from fragola.planning.models import PlannedAssignment, PlanningRun, PlanningSettings, RunStatus
from fragola.procurement.models import Contract as PublicContract
from fragola.procurement.models import (
    ContractLot,
    ContractShare,
    Executor,
    Procedure,
    PublicBody,
    PublicBodyKind,
    Tender,
    TenderLot,
)
from fragola.registry.models import OrganisationType
from fragola.testing.factories import (
    OrganisationFactory,
    PersonFactory,
    comune,
    organisation_fiscal_code,
)
from fragola.workforce.models import Branch, Contract, DisadvantageCertificate, Employment

LONG_AGO = dt.date(2023, 1, 1)


def _same_organisation() -> factory.SubFactory:
    """A person of the row's own organisation."""
    return factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))


# Workforce -------------------------------------------------------------------------------------


class EmploymentFactory(factory.django.DjangoModelFactory):
    """A current open-ended contract in a type B co-op, since 1 January 2023."""

    class Meta:
        model = Employment

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.B)
    person = _same_organisation()
    started_on = LONG_AGO
    branch = Branch.B
    contract = Contract.EMPLOYEE
    weekly_hours = Decimal(38)


class DisadvantageCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisadvantageCertificate

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.B)
    person = _same_organisation()
    category = "addiction"
    certified_by = "SerD"
    issued_on = LONG_AGO


# Governance ------------------------------------------------------------------------------------


class BoardSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardSeat

    organisation = factory.SubFactory(OrganisationFactory)
    person = _same_organisation()
    role = BoardRole.DIRECTOR
    started_on = LONG_AGO


class AssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assembly

    organisation = factory.SubFactory(OrganisationFactory)
    held_on = dt.date(2024, 4, 27)
    kind = AssemblyKind.ORDINARY


# Care ------------------------------------------------------------------------------------------


class ServiceUserFactory(factory.django.DjangoModelFactory):
    """Someone in care in Bergamo since 1 January 2023."""

    class Meta:
        model = ServiceUser

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)
    first_name = factory.Iterator(["Angela", "Pietro", "Rosa", "Giovanni"])
    last_name = factory.Sequence(lambda n: f"Rossi{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}")
    address = factory.Sequence(lambda n: f"Via Pignolo {n + 1}")
    comune = factory.LazyFunction(comune)
    latitude = Decimal("45.69823")
    longitude = Decimal("9.67727")
    started_on = LONG_AGO


class CarerFactory(factory.django.DjangoModelFactory):
    """A worker of a type A co-op, 38 hours a week."""

    class Meta:
        model = Carer

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)
    person = _same_organisation()
    kind = CarerKind.WORKER
    weekly_hours = Decimal(38)
    home_comune = factory.LazyFunction(comune)


class CarePlanFactory(factory.django.DjangoModelFactory):
    """An active plan (PAI) since 1 January 2023."""

    class Meta:
        model = CarePlan

    service_user = factory.SubFactory(ServiceUserFactory)
    assessed_on = LONG_AGO
    goals = "Autonomia a domicilio"
    review_on = dt.date(2030, 1, 1)
    valid_from = LONG_AGO


class PlanServiceFactory(factory.django.DjangoModelFactory):
    """An hour of personal care every day between 8 and 10."""

    class Meta:
        model = PlanService

    plan = factory.SubFactory(CarePlanFactory)
    kind = ServiceKind.PERSONAL_CARE
    duration_minutes = 60
    weekdays = "1234567"
    window_start = dt.time(8)
    window_end = dt.time(10)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class VisitFactory(factory.django.DjangoModelFactory):
    """A planned hour of personal care today at 8, for a service user of its own, in its own plan
    (``organisation`` or ``service_user`` to place it)."""

    class Meta:
        model = Visit

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)
    service_user = factory.SubFactory(
        ServiceUserFactory, organisation=factory.SelfAttribute("..organisation")
    )
    plan_service = factory.SubFactory(
        PlanServiceFactory, plan__service_user=factory.SelfAttribute("...service_user")
    )
    day = factory.LazyFunction(timezone.localdate)
    starts_at = factory.LazyAttribute(lambda v: _at(v.day, 8))
    ends_at = factory.LazyAttribute(lambda v: _at(v.day, 9))


class VolunteerLogFactory(factory.django.DjangoModelFactory):
    """Two hours of companionship given today."""

    class Meta:
        model = VolunteerLog

    carer = factory.SubFactory(CarerFactory, kind=CarerKind.VOLUNTEER, weekly_hours=None)
    day = factory.LazyFunction(timezone.localdate)
    hours = Decimal(2)
    activity = ServiceKind.COMPANIONSHIP


class ExpenseFactory(factory.django.DjangoModelFactory):
    """A volunteer's bus ticket claimed today, with its receipt (the file itself is not written)."""

    class Meta:
        model = Expense

    carer = factory.SubFactory(CarerFactory, kind=CarerKind.VOLUNTEER, weekly_hours=None)
    day = factory.LazyFunction(timezone.localdate)
    amount = Decimal("7.20")
    description = "Biglietto dell'autobus"
    receipt = factory.Sequence(lambda n: f"care/receipts/receipt-{n}.pdf")


class AbsenceFactory(factory.django.DjangoModelFactory):
    """A week of holiday from today."""

    class Meta:
        model = Absence

    carer = factory.SubFactory(CarerFactory)
    kind = AbsenceKind.HOLIDAY
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda a: a.starts_on + dt.timedelta(days=6))


# Work integration ------------------------------------------------------------------------------


class WorkContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkContract

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.B)
    client = "Comune di Bergamo"
    object_kind = ObjectKindChoice.GREEN_MAINTENANCE
    value_net_of_vat = Decimal("120000.00")
    started_on = LONG_AGO


class JobSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSite

    contract = factory.SubFactory(WorkContractFactory)
    name = factory.Sequence(lambda n: f"Parco {n + 1}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    site = factory.SubFactory(JobSiteFactory)
    name = factory.Sequence(lambda n: f"Squadra {n + 1}")


# Compliance and planning -----------------------------------------------------------------------


class ComplianceSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplianceSettings
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)


class PlanningSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningSettings
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)


class PlanningRunFactory(factory.django.DjangoModelFactory):
    """A week's plan of a type A co-op whose proposal is ready (``status`` to change it)."""

    class Meta:
        model = PlanningRun

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)
    period_start = dt.date(2024, 3, 4)
    period_end = dt.date(2024, 3, 10)
    status = RunStatus.DONE


class PlannedAssignmentFactory(factory.django.DjangoModelFactory):
    """A visit of a run's proposal, to a new carer of the run's co-op at the visit's time."""

    class Meta:
        model = PlannedAssignment

    run = factory.SubFactory(PlanningRunFactory)
    visit = factory.SubFactory(
        VisitFactory, organisation=factory.SelfAttribute("..run.organisation")
    )
    carer = factory.SubFactory(
        CarerFactory, organisation=factory.SelfAttribute("..run.organisation")
    )
    starts_at = factory.SelfAttribute("visit.starts_at")


class CommissionFactory(factory.django.DjangoModelFactory):
    """The comune pays for a service user's care since 1 January 2023."""

    class Meta:
        model = Commission

    service_user = factory.SubFactory(ServiceUserFactory)
    funder_kind = "comune"
    funder_name = "Comune di Bergamo"
    contract_reference = "SAD 2023"
    starts_on = LONG_AGO


# Public contracts ------------------------------------------------------------------------------


class PublicBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBody

    kind = PublicBodyKind.COMUNE
    name = factory.Sequence(lambda n: f"Comune di Prova {n}")
    fiscal_code = factory.Sequence(lambda n: organisation_fiscal_code(800000 + n))
    ipa_code = factory.Sequence(lambda n: f"C{n:05d}")


def _cig(n: int) -> str:
    return f"B{n:09d}"


class TenderFactory(factory.django.DjangoModelFactory):
    """An open home-care tender of a consortium, being watched; its submission in 20 days."""

    class Meta:
        model = Tender

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.CONSORTIUM)
    body = factory.SubFactory(PublicBodyFactory)
    title = factory.Sequence(lambda n: f"Servizio di assistenza domiciliare {n}")
    cig = factory.Sequence(_cig)
    procedure = Procedure.OPEN
    quality_points = Decimal(70)
    price_points = Decimal(30)
    base_amount = Decimal("500000.00")
    submission_due = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))


class TenderLotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenderLot

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Assistenza domiciliare"
    service = ServiceKind.PERSONAL_CARE
    hours = Decimal("12000.00")
    base_amount = Decimal("250000.00")


class ExecutorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Executor

    tender = factory.SubFactory(TenderFactory)
    coop = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)


class ContractFactory(factory.django.DjangoModelFactory):
    """A two-year contract from 1 January 2024 on an awarded tender."""

    class Meta:
        model = PublicContract

    tender = factory.SubFactory(TenderFactory, state="contract")
    organisation = factory.SelfAttribute("tender.organisation")
    cig = factory.SelfAttribute("tender.cig")
    number = factory.Sequence(lambda n: f"REP-{n + 1}")
    signed_on = dt.date(2023, 12, 15)
    commitment_number = factory.Sequence(lambda n: f"DET-{n + 1}")
    commitment_date = dt.date(2023, 12, 1)
    starts_on = dt.date(2024, 1, 1)
    ends_on = dt.date(2025, 12, 31)
    amount = Decimal("480000.00")


class ContractLotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractLot

    contract = factory.SubFactory(ContractFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Assistenza domiciliare"
    service = ServiceKind.PERSONAL_CARE
    hours_per_month = Decimal("500.00")
    amount = Decimal("240000.00")


class ContractShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractShare

    lot = factory.SubFactory(ContractLotFactory)
    coop = factory.SubFactory(OrganisationFactory, type=OrganisationType.A)
    percent = Decimal("50.00")
    hours_per_month = Decimal("250.00")


# Back office -----------------------------------------------------------------------------------


class ServiceRequestFactory(factory.django.DjangoModelFactory):
    """A new-hire request opened on Monday 3 March 2025 at 10:00 (answer due 15:00 that day)."""

    class Meta:
        model = ServiceRequest

    consortium = factory.SubFactory(OrganisationFactory, type=OrganisationType.CONSORTIUM)
    coop = factory.SubFactory(OrganisationFactory)
    kind = RequestKind.NEW_HIRE
    team = Service.PAYROLL
    subject = factory.Sequence(lambda n: f"Assunzione n. {n}")
    opened_at = factory.LazyFunction(lambda: _at(dt.date(2025, 3, 3), 10))
    response_due = factory.LazyFunction(lambda: _at(dt.date(2025, 3, 3), 15))
    resolution_due = factory.LazyFunction(lambda: _at(dt.date(2025, 3, 5), 10))


class ChargeFactory(factory.django.DjangoModelFactory):
    """A charge of 100.00 € + 22 % VAT for an approved run of March 2025."""

    class Meta:
        model = Charge

    consortium = factory.SubFactory(OrganisationFactory, type=OrganisationType.CONSORTIUM)
    coop = factory.SubFactory(OrganisationFactory)
    run = factory.SubFactory(
        "fragola.testing.factories_apps.AllocationRunFactory",
        consortium=factory.SelfAttribute("..consortium"),
    )
    number = factory.Sequence(lambda n: f"2025/BO/{n + 1}")
    issued_on = dt.date(2025, 4, 1)
    net = Decimal("100.00")
    vat_rate = Decimal("22.00")
    vat = Decimal("22.00")
    total = Decimal("122.00")


class AllocationRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllocationRun

    consortium = factory.SubFactory(OrganisationFactory, type=OrganisationType.CONSORTIUM)
    period = dt.date(2025, 3, 1)
    status = BackofficeRunStatus.APPROVED
    approved_at = factory.LazyFunction(lambda: _at(dt.date(2025, 4, 1), 9))
