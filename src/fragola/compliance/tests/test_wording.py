"""Rule results worded at the edge: the same finding in Italian and English, numbers and dates
in each language's way, and workers' certificates named only for those who may read them."""

from datetime import date

import pytest
from django.utils import translation

from fragola.compliance.models import ComplianceAlert
from fragola.compliance.services import compliance_scan
from fragola.compliance.tests.rules.builders import AS_OF, coop, disadvantaged, members
from fragola.compliance.tests.scenario import coop as coop_row
from fragola.compliance.tests.scenario import members as member_rows
from fragola.compliance.wording import SENTENCES, explain_in
from fragola.registry.models import MemberCategory as BookCategory
from fragola.registry.models import OrganisationType
from fragola_law import RULES_BY_ID, MemberCategory, Status, check_l2_1, check_l4_4, params_at
from fragola_law.result import facts_to_json

PARAMS = params_at(AS_OF)


def test_every_rule_of_the_engine_has_its_sentences() -> None:
    assert set(SENTENCES) == set(RULES_BY_ID)


def test_it_words_a_breach_in_italian_and_in_english() -> None:
    snapshot = coop(members=members(5) + members(6, MemberCategory.VOLUNTEER))
    result = check_l2_1(snapshot, PARAMS)
    assert result.status is Status.BREACH
    assert explain_in("it", result) == (
        "L2.1 (L. 381/1991 art. 2(1)-(2)): 6 soci volontari su 11 soci (54,5 %) > 50 % "
        "al 30/06/2026."
    )
    assert explain_in("en", result) == (
        "L2.1 (L. 381/1991 art. 2(1)-(2)): 6 volunteer members out of 11 members (54.5%) > 50% "
        "on 2026-06-30."
    )


def test_it_keeps_the_numbers_exact_in_the_result() -> None:
    result = check_l2_1(coop(members=members(5) + members(6, MemberCategory.VOLUNTEER)), PARAMS)
    assert (result.code, result.facts["volunteers"], result.facts["members"]) == ("share", 6, 11)
    assert result.facts["share"] * 11 == 6


def test_it_names_workers_with_expiring_certificates_only_for_a_personal_reader() -> None:
    result = check_l4_4(coop(employments=disadvantaged(1, expires_on=date(2026, 5, 31))), PARAMS)
    assert result.facts["expired"] == (("d0", date(2026, 5, 31)),)
    assert "(d0 31/05/2026)" in explain_in("it", result, personal=True)
    for lang in ("it", "en"):
        public = explain_in(lang, result)
        assert "d0" not in public and "31" not in public.split(":", 1)[1]


def test_it_reads_stored_facts_back_with_their_types() -> None:
    result = check_l4_4(coop(employments=disadvantaged(1, expires_on=date(2026, 5, 31))), PARAMS)
    alert = ComplianceAlert(rule="L4.4", status="warning", code=result.code)
    alert.facts = facts_to_json(result.facts)
    assert alert.result().facts == result.facts
    assert explain_in("en", alert.result(), personal=True) == explain_in(
        "en", result, personal=True
    )


@pytest.mark.django_db
def test_it_words_a_stored_alert_in_the_readers_language() -> None:
    org = coop_row(OrganisationType.A)
    member_rows(org, 5)
    member_rows(org, 6, BookCategory.VOLUNTEER)
    compliance_scan(org_ids=[org.pk], today=AS_OF)
    alert = ComplianceAlert.objects.get(organisation=org, rule="L2.1")
    assert "6 soci volontari su 11 soci (54,5 %) > 50 %" in explain_in("it", alert.result())
    assert "6 volunteer members out of 11 members (54.5%) > 50%" in explain_in("en", alert.result())


def test_rule_titles_carry_the_thresholds_in_force_that_day(monkeypatch) -> None:
    import dataclasses
    from fractions import Fraction

    import fragola_law
    from fragola.compliance.wording import rule_title

    with translation.override("en"):
        assert rule_title("L4.2", AS_OF) == "Disadvantaged workers at least 30%"
        assert rule_title("G3", AS_OF) == "Supporters at most 1/3 of votes"
        assert rule_title("G2", AS_OF) == "90 days on the book to vote"
    with translation.override("it"):
        assert rule_title("L4.2", AS_OF) == "Lavoratori svantaggiati almeno il 30 %"
        assert rule_title("G3", AS_OF) == "Soci sovventori non oltre 1/3 dei voti"
    # A new version of the law changes the title with the rule, not a sentence by hand.
    changed = dataclasses.replace(PARAMS, l4_2_min_disadvantaged_share=Fraction(2, 5))
    monkeypatch.setattr(fragola_law, "params_at", lambda day: changed)
    with translation.override("en"):
        assert rule_title("L4.2", AS_OF) == "Disadvantaged workers at least 40%"
