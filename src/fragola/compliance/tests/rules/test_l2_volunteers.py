from datetime import date

from fragola.compliance.wording import explain_in
from fragola_law import (
    CoopType,
    MemberCategory,
    Status,
    VolunteerFact,
    check_l2_1,
    check_l2_2,
    params_at,
    volunteer_assignment_breach,
)

from .builders import AS_OF, coop, members

PARAMS = params_at(AS_OF)
VOLUNTEER = MemberCategory.VOLUNTEER


def test_it_passes_volunteers_at_exactly_half_of_the_members() -> None:
    result = check_l2_1(coop(members=members(5) + members(5, VOLUNTEER)), PARAMS)
    assert result.status is Status.PASS
    assert (result.numerator, result.denominator, result.value) == (5, 10, 0.5)
    assert "5 soci volontari su 10 soci (50 %) ≤ 50 %" in explain_in("it", result, personal=True)


def test_it_refuses_a_volunteer_over_half_of_the_members() -> None:
    result = check_l2_1(coop(members=members(5) + members(6, VOLUNTEER)), PARAMS)
    assert result.status is Status.BREACH
    assert "6 volunteer members out of 11 members (54.5%) > 50%" in explain_in(
        "en", result, personal=True
    )


def test_it_counts_members_on_the_evaluation_date_only() -> None:
    gone = members(3, prefix="gone", exited_on=date(2026, 6, 29))
    future = members(3, prefix="future", admitted_on=date(2026, 7, 1))
    snapshot = coop(members=members(4) + members(4, VOLUNTEER) + gone + future)
    result = check_l2_1(snapshot, PARAMS)
    assert (result.status, result.denominator) == (Status.PASS, 8)


def test_it_counts_a_member_on_the_day_of_exit() -> None:
    leaving = members(1, prefix="leaving", exited_on=AS_OF)
    result = check_l2_1(coop(members=members(4, VOLUNTEER) + members(3) + leaving), PARAMS)
    assert (result.status, result.denominator) == (Status.PASS, 8)


def test_it_does_not_apply_the_volunteer_share_to_consortia() -> None:
    snapshot = coop(coop_type=CoopType.CONSORTIUM, members=members(3, VOLUNTEER))
    assert check_l2_1(snapshot, PARAMS).status is Status.NOT_APPLICABLE


def test_it_breaches_a_volunteer_rostered_without_insurance() -> None:
    facts = (
        VolunteerFact("anna", date(2026, 1, 1), None, (date(2026, 7, 2),)),
        VolunteerFact("bruno", None, None, (date(2026, 7, 3),)),
    )
    result = check_l2_2(coop(volunteer_facts=facts), PARAMS)
    assert result.status is Status.BREACH
    assert result.details["uncovered"] == (("bruno", (date(2026, 7, 3),)),)
    assert "senza assicurazione valida: 1 su 2 (bruno)" in explain_in("it", result, personal=True)


def test_it_breaches_a_shift_after_the_insurance_ran_out() -> None:
    facts = (VolunteerFact("carla", date(2025, 7, 1), date(2026, 6, 30), (date(2026, 7, 1),)),)
    assert check_l2_2(coop(volunteer_facts=facts), PARAMS).status is Status.BREACH


def test_it_passes_insured_rostered_volunteers() -> None:
    facts = (VolunteerFact("anna", date(2026, 1, 1), date(2026, 12, 31), (date(2026, 12, 31),)),)
    result = check_l2_2(coop(volunteer_facts=facts), PARAMS)
    assert result.status is Status.PASS
    assert "rostered volunteers: 1, all insured" in explain_in("en", result, personal=True)


def test_it_has_nothing_to_check_when_no_volunteer_is_rostered() -> None:
    facts = (VolunteerFact("anna", None, None, ()),)
    assert check_l2_2(coop(volunteer_facts=facts), PARAMS).status is Status.NOT_APPLICABLE


def test_it_names_l2_4_before_l2_2_for_a_volunteer_given_professional_care() -> None:
    assert volunteer_assignment_breach(complementary_task=False, insured=False) == "L2.4"
    assert volunteer_assignment_breach(complementary_task=True, insured=False) == "L2.2"
    assert volunteer_assignment_breach(complementary_task=True, insured=True) is None
