import datetime as dt

import pytest

from fragola.registry.importing import CoopScope, import_coops
from fragola.registry.importing import messages as msg
from fragola.registry.models import ConsortiumMembership, Organisation
from fragola.registry.tests._io_helpers import coops_csv
from fragola.registry.validators import ERR_NAME_L1_3
from fragola.testing.factories import organisation_fiscal_code

pytestmark = pytest.mark.django_db

NEW_COOP = organisation_fiscal_code(901)
NEW_CONSORTIUM = organisation_fiscal_code(902)


def coop_row(**overrides):
    row = {
        "fiscal_code": NEW_COOP, "name": "Delta Cooperativa Sociale", "type": "B",
        "legal_form": "srl", "founded_on": "2012-05-04", "comune_istat": "016024",
        "register_region": "Lombardia", "register_section": "B", "register_number": "B-77",
        "register_date": "01/09/2012", "consortium_fiscal_code": NEW_CONSORTIUM,
        "joined_consortium_on": "2020-01-01",
    }  # fmt: skip
    return {**row, **overrides}


def consortium_row(**overrides):
    row = {
        "fiscal_code": NEW_CONSORTIUM, "name": "Consorzio Lampone", "type": "consorzio",
        "legal_form": "s.r.l.", "founded_on": "2005-01-01", "comune_istat": "16024",
        "register_region": "03", "register_section": "C",
    }  # fmt: skip
    return {**row, **overrides}


def run(content, *, dry_run=False, scope=None):
    return import_coops(content=content, filename="coops.csv", dry_run=dry_run, scope=scope)


def test_it_creates_a_coop_and_links_it_to_a_consortium_listed_after_it(world):
    result = run(coops_csv([coop_row(), consortium_row()]))
    assert result.ok, result.errors
    assert result.created == 2
    delta = Organisation.objects.get(fiscal_code=NEW_COOP)
    assert (delta.register_region.name, delta.register_date) == ("Lombardia", dt.date(2012, 9, 1))
    link = ConsortiumMembership.objects.get(member=delta)
    assert (link.consortium.fiscal_code, link.joined_on) == (NEW_CONSORTIUM, dt.date(2020, 1, 1))


def test_it_links_to_a_consortium_already_in_fragola(world):
    row = coop_row(consortium_fiscal_code=world.consortium.fiscal_code)
    assert run(coops_csv([row])).ok
    assert ConsortiumMembership.objects.filter(
        consortium=world.consortium, member__fiscal_code=NEW_COOP
    ).exists()


def test_reimporting_the_same_coops_changes_nothing(world):
    content = coops_csv([coop_row(), consortium_row()])
    run(content)
    history = Organisation.history.count() + ConsortiumMembership.history.count()
    result = run(content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Organisation.history.count() + ConsortiumMembership.history.count() == history


def test_it_reports_every_bad_coop_row_and_creates_nothing(world):
    rows = [
        coop_row(name="Delta Srl"),
        consortium_row(fiscal_code="12345678901", register_region="Atlantide"),
        coop_row(fiscal_code=organisation_fiscal_code(903), consortium_fiscal_code="", type="Z"),
    ]
    result = run(coops_csv(rows))
    assert {(e.row, e.field) for e in result.errors} == {
        (2, "name"),
        (3, "fiscal_code"),
        (3, "register_region"),
        (4, "type"),
        (4, "consortium_fiscal_code"),  # a joining date without a consortium
    }
    assert str(ERR_NAME_L1_3) in [e.reason for e in result.errors]
    assert not Organisation.objects.filter(fiscal_code=NEW_COOP).exists()


def test_it_reports_an_unknown_consortium(world):
    result = run(coops_csv([coop_row()]))
    assert [(e.row, e.field, e.reason) for e in result.errors] == [
        (2, "consortium_fiscal_code", str(msg.ERR_CONSORTIUM_UNKNOWN))
    ]
    assert not Organisation.objects.filter(fiscal_code=NEW_COOP).exists()


def test_a_consortium_may_not_change_a_coop_it_does_not_manage(world):
    gamma = world.gamma
    renamed = coop_row(
        fiscal_code=gamma.fiscal_code, name="Gamma Nuova Cooperativa Sociale", type="AB",
        consortium_fiscal_code="", joined_consortium_on="",
    )  # fmt: skip
    scope = CoopScope(consortium=world.consortium, may_change=lambda org: False)
    result = run(coops_csv([renamed]), scope=scope)
    assert [(e.row, e.field) for e in result.errors] == [(2, "fiscal_code")]
    gamma.refresh_from_db()
    assert gamma.name == "Gamma Cooperativa Sociale"


def test_a_consortium_may_only_link_coops_to_itself(world):
    scope = CoopScope(consortium=world.consortium, may_change=lambda org: False)
    result = run(coops_csv([consortium_row(), coop_row()]), scope=scope)
    assert [(e.row, e.field) for e in result.errors] == [(3, "consortium_fiscal_code")]
