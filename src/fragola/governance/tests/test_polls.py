"""Consultations: the services with factories, the pages and the API, around the personas.

Mario is a member of Alfa (his user is linked to Alfa's member); Alice administers Alfa; Bob
coordinates there but is not a member; Charlie (Gamma) must see nothing of Alfa's polls.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fragola.governance import selectors
from fragola.governance.models import Ballot, Poll, PollKind, PollVoter
from fragola.governance.services import polls as services
from fragola.governance.services.polls import PollData
from fragola.governance.voting import Decision
from fragola.registry.models import MemberCategory
from fragola.testing.factories import MembershipFactory, PersonFactory, UserFactory
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db

API = "/api/v1/governance"


def _in_a_week() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=7)


def _data(kind: str = PollKind.RANKED, **changes) -> PollData:
    values = {
        "title": "Where do we hold the summer party?",
        "kind": kind,
        "closes_at": _in_a_week(),
        "options": ["Lago", "Mare", "Monti"] if kind != PollKind.PROPOSAL else [],
    }
    return PollData(**{**values, **changes})


def _opened(organisation, kind: str = PollKind.RANKED, **changes) -> Poll:
    poll = services.poll_create(organisation=organisation, data=_data(kind, **changes))
    return services.poll_open(poll=poll)


def _member(organisation, days: int = 200, category=MemberCategory.WORKER):
    """A member with a login, admitted ``days`` ago."""
    admitted = timezone.localdate() - dt.timedelta(days=days)
    person = PersonFactory(organisation=organisation, user=UserFactory())
    MembershipFactory(
        organisation=organisation, person=person, category=category,
        applied_on=admitted, admitted_on=admitted,
    )  # fmt: skip
    return person.user


def _ids(poll: Poll) -> dict[str, int]:
    return dict(poll.options.values_list("label", "pk"))


@pytest.fixture
def mario(world):
    person = world.alfa_member.person
    person.user = world.mario
    person.save(update_fields=["user"])
    return world.mario


def _refused(call, field: str, message) -> None:
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.message_dict[field] == [str(message)]


# Services -----------------------------------------------------------------------------------


def test_it_refuses_a_consultation_that_cannot_be_held(world):
    alfa = world.alfa

    def create(**changes):
        return lambda: services.poll_create(organisation=alfa, data=_data(**changes))

    _refused(create(kind="dot"), "kind", services.ERR_POLL_KIND)
    _refused(create(category="king"), "category", services.ERR_POLL_CATEGORY)
    _refused(create(options=["Mare"]), "options", services.ERR_POLL_OPTIONS)
    _refused(create(options=["Mare", "Mare "]), "options", services.ERR_POLL_OPTION_TWICE)
    _refused(create(quorum=Decimal("1.5")), "quorum", services.ERR_POLL_QUORUM)
    _refused(create(threshold=Decimal("0.4")), "threshold", services.ERR_POLL_THRESHOLD)
    _refused(create(score_max=0), "score_max", services.ERR_POLL_SCORE_MAX)
    past = timezone.now() - dt.timedelta(minutes=1)
    _refused(create(closes_at=past), "closes_at", services.ERR_POLL_CLOSES_PAST)
    far = timezone.now() + dt.timedelta(days=400)
    _refused(create(closes_at=far), "closes_at", services.ERR_POLL_CLOSES_FAR)
    assert not Poll.objects.exists()


def test_the_electorate_is_frozen_at_opening_from_the_book(world):
    alfa = world.alfa
    veteran, newcomer = _member(alfa, days=200), _member(alfa, days=30)
    poll = _opened(alfa)
    assert selectors.poll_voter_for(poll, veteran) is not None
    assert selectors.poll_voter_for(poll, newcomer) is None  # under 90 days on the book (G2)
    electorate = PollVoter.objects.filter(poll=poll).count()
    _member(alfa, days=400)  # joins the book after opening: not in this poll
    assert PollVoter.objects.filter(poll=poll).count() == electorate
    _refused(lambda: services.poll_open(poll=poll), "status", services.ERR_POLL_NOT_DRAFT)


def test_a_poll_of_one_category_asks_that_category_only(world):
    alfa = world.alfa
    user = _member(alfa, category=MemberCategory.USER)
    worker = _member(alfa)
    poll = _opened(alfa, category=MemberCategory.USER)
    assert selectors.poll_voter_for(poll, user) is not None
    assert selectors.poll_voter_for(poll, worker) is None
    draft = services.poll_create(organisation=alfa, data=_data(category=MemberCategory.SUPPORTER))
    _refused(lambda: services.poll_open(poll=draft), "category", services.ERR_POLL_NO_ELECTORATE)


def test_a_member_votes_once_and_an_outsider_not_at_all(world, mario):
    poll = _opened(world.alfa)
    ids = _ids(poll)
    _refused(
        lambda: services.poll_vote(poll=poll, user=world.bob, marks={ids["Mare"]: 1}),
        "voter",
        services.ERR_NOT_IN_ELECTORATE,
    )
    services.poll_vote(poll=poll, user=mario, marks={ids["Mare"]: 1, ids["Lago"]: 2})
    _refused(
        lambda: services.poll_vote(poll=poll, user=mario, marks={ids["Mare"]: 1}),
        "voter",
        services.ERR_ALREADY_VOTED,
    )
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_an_anonymous_ballot_has_no_link_to_its_voter(world, mario):
    secret = _opened(world.alfa, kind=PollKind.PROPOSAL)
    services.poll_vote(poll=secret, user=mario, answer="agree")
    ballot = Ballot.objects.get(poll=secret)
    assert ballot.voter is None
    assert (
        PollVoter.objects.get(poll=secret, voted_at__isnull=False).membership.person.user == mario
    )
    named = _opened(world.alfa, kind=PollKind.PROPOSAL, anonymous=False)
    services.poll_vote(poll=named, user=mario, answer="disagree")
    assert Ballot.objects.get(poll=named).voter.membership == world.alfa_member


def test_each_kind_of_ballot_is_checked(world, mario):
    def vote(kind: str, error, field: str = "marks", **ballot) -> None:
        poll = _opened(world.alfa, kind=kind)
        marks = {_ids(poll)[label]: value for label, value in ballot.pop("marks", {}).items()}
        _refused(lambda: services.poll_vote(poll=poll, user=mario, marks=marks, **ballot), field,
                 error)  # fmt: skip

    vote(PollKind.PROPOSAL, services.ERR_BALLOT_ANSWER, "answer", answer="maybe")
    vote(PollKind.SINGLE, services.ERR_BALLOT_ONE, marks={"Mare": 1, "Lago": 1})
    vote(PollKind.MULTIPLE, services.ERR_BALLOT_SOME, marks={})
    vote(PollKind.SCORE, services.ERR_BALLOT_SCORE % {"max": 5}, marks={"Mare": 6})
    vote(PollKind.RANKED, services.ERR_BALLOT_RANKS, marks={"Mare": 1, "Lago": 3})
    assert not Ballot.objects.exists()


def test_a_closed_poll_takes_no_vote(world, mario):
    poll = services.poll_close(poll=_opened(world.alfa))
    _refused(lambda: services.poll_vote(poll=poll, user=mario, marks={}), "status",
             services.ERR_POLL_NOT_OPEN)  # fmt: skip
    _refused(lambda: services.poll_close(poll=poll), "status", services.ERR_POLL_NOT_OPEN)


def test_a_ranked_poll_is_counted_by_instant_runoff(world):
    alfa = world.alfa
    voters = [_member(alfa) for _ in range(5)]
    poll = _opened(alfa)
    ids = _ids(poll)
    orders = [("Lago", "Mare"), ("Lago",), ("Monti", "Mare"), ("Mare", "Monti"), ("Mare",)]
    for user, order in zip(voters, orders, strict=True):
        marks = {ids[label]: rank for rank, label in enumerate(order, 1)}
        services.poll_vote(poll=poll, user=user, marks=marks)
    result = selectors.poll_result(poll)
    # Lago 2, Mare 2, Monti 1: Monti goes, its ballot moves to Mare: 3 of 5.
    assert (result.method, result.tally.winner, result.turnout) == ("irv", "Mare", 5)
    assert result.tally.rounds[0].eliminated == ("Monti",)


def test_a_block_blocks_and_the_quorum_counts_turnout(world):
    alfa = world.alfa
    voters = [_member(alfa) for _ in range(4)]
    poll = _opened(alfa, kind=PollKind.PROPOSAL, quorum=Decimal("0.5"))
    electorate = PollVoter.objects.filter(poll=poll).count()  # with Alfa's own member
    services.poll_vote(poll=poll, user=voters[0], answer="agree")
    services.poll_vote(poll=poll, user=voters[1], answer="abstain")
    assert selectors.poll_result(poll).proposal.decision is Decision.NO_QUORUM
    services.poll_vote(poll=poll, user=voters[2], answer="agree")
    passed = selectors.poll_result(poll).proposal
    assert (passed.decision, passed.electorate) == (Decision.PASSED, electorate)
    services.poll_vote(poll=poll, user=voters[3], answer="block")
    assert selectors.poll_result(poll).proposal.decision is Decision.BLOCKED


def test_results_stay_hidden_until_closing_where_chosen(world):
    poll = _opened(world.alfa)
    shown = _opened(world.alfa, results_hidden=False)
    now = timezone.now()
    assert not selectors.results_visible(poll, now)
    assert selectors.results_visible(shown, now)
    assert selectors.results_visible(poll, poll.closes_at)  # closes by itself


# Pages --------------------------------------------------------------------------------------


def test_a_member_sees_the_poll_waiting_for_him_and_votes_on_its_page(world, mario, client_for):
    poll = _opened(world.alfa, kind=PollKind.SINGLE)
    client = client_for("mario")
    listing = client.get(reverse("governance:polls", args=[world.alfa.pk]))
    assert "Needs my vote" in listing.content.decode() or "Da votare" in listing.content.decode()
    url = reverse("governance:poll_vote", args=[world.alfa.pk, poll.pk])
    response = client.post(url, {"option": _ids(poll)["Monti"]})
    assert response.status_code == 302
    page = client.get(reverse("governance:poll", args=[world.alfa.pk, poll.pk]))
    assert b'id="voted"' in page.content and b'id="vote"' not in page.content
    again = client.post(url, {"option": _ids(poll)["Mare"]})
    assert again.status_code == 400
    assert str(services.ERR_ALREADY_VOTED) in again.content.decode()


def test_a_coordinator_who_is_no_member_cannot_vote(world, client_for):
    poll = _opened(world.alfa, kind=PollKind.PROPOSAL)
    bob = client_for("bob")
    page = bob.get(reverse("governance:poll", args=[world.alfa.pk, poll.pk]))
    assert page.status_code == 200 and b'id="vote"' not in page.content
    url = reverse("governance:poll_vote", args=[world.alfa.pk, poll.pk])
    assert bob.post(url, {"answer": "agree"}).status_code == 400
    assert not Ballot.objects.exists()


def test_another_coops_poll_and_a_draft_are_not_found(world, mario, client_for):
    poll = _opened(world.alfa)
    draft = services.poll_create(organisation=world.alfa, data=_data())
    charlie, member = client_for("charlie"), client_for("mario")
    for name in ("governance:poll", "governance:poll_vote"):
        url = reverse(name, args=[world.alfa.pk, poll.pk])
        assert charlie.get(url).status_code in {404, 405}
        assert charlie.post(url, {}).status_code == 404
    gamma_url = reverse("governance:poll", args=[world.gamma.pk, poll.pk])
    assert client_for("charlie").get(gamma_url).status_code == 404
    assert member.get(reverse("governance:poll", args=[world.alfa.pk, draft.pk])).status_code == 404


def test_the_admin_creates_opens_and_closes_a_consultation(world, client_for):
    alice = client_for("alice")
    closes = timezone.localtime(_in_a_week()).strftime("%Y-%m-%dT%H:%M")
    body = {
        "title": "Nuovo orario",
        "kind": "multiple",
        "options": "Mattina\nPomeriggio\nSera",
        "closes_at": closes,
        "anonymous": "on",
        "quorum": "0",
        "threshold": "50",
        "score_max": "5",
    }
    created = alice.post(reverse("governance:poll_add", args=[world.alfa.pk]), body)
    assert created.status_code == 302
    poll = Poll.objects.get(title="Nuovo orario")
    assert list(poll.options.values_list("label", flat=True)) == ["Mattina", "Pomeriggio", "Sera"]
    alice.post(reverse("governance:poll_open", args=[world.alfa.pk, poll.pk]))
    alice.post(reverse("governance:poll_close", args=[world.alfa.pk, poll.pk]))
    poll.refresh_from_db()
    assert poll.opened_at and poll.closed_at
    page = alice.get(reverse("governance:poll", args=[world.alfa.pk, poll.pk]))
    assert b'data-method="approval"' in page.content
    bad = alice.post(reverse("governance:poll_add", args=[world.alfa.pk]), {**body, "options": ""})
    assert bad.status_code == 400 and str(services.ERR_POLL_OPTIONS) in bad.content.decode()


def test_the_list_of_consultations_costs_the_same_for_one_or_ten(world, client_for):
    url = reverse("governance:polls", args=[world.alfa.pk])
    one, ten = one_and_ten(client_for("alice"), url, lambda: _opened(world.alfa))
    assert one.queries == ten.queries


# API ----------------------------------------------------------------------------------------


def _post(client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def test_the_api_creates_opens_takes_a_vote_and_hides_the_count(world, mario, client_for):
    alice, member = client_for("alice"), client_for("mario")
    base = f"{API}/organisations/{world.alfa.pk}/polls"
    body = {"title": "Orto sociale?", "kind": "proposal", "closes_at": _in_a_week().isoformat()}
    created = _post(alice, base, body)
    assert created.status_code == 201, created.content
    poll_id = created.json()["id"]
    assert member.get(f"{base}/{poll_id}").status_code == 404  # a draft
    assert _post(alice, f"{base}/{poll_id}/open").json()["status"] == "open"
    voted = _post(member, f"{base}/{poll_id}/vote", {"answer": "block"})
    assert voted.status_code == 200, voted.content
    assert (voted.json()["i_voted"], voted.json()["result"]) == (True, None)
    twice = _post(member, f"{base}/{poll_id}/vote", {"answer": "agree"})
    assert twice.json()["detail"] == [
        {"field": "voter", "message": str(services.ERR_ALREADY_VOTED)}
    ]
    closed = _post(alice, f"{base}/{poll_id}/close").json()
    assert closed["result"]["method"] == "proposal"
    assert closed["result"]["decision"] == "blocked"
    assert "voter" not in str(closed["result"])


def test_the_api_shows_another_coop_nothing(world, client_for):
    poll = _opened(world.alfa)
    charlie = client_for("charlie")
    base = f"{API}/organisations/{world.alfa.pk}/polls"
    assert charlie.get(base).status_code == 404
    assert charlie.get(f"{base}/{poll.pk}").status_code == 404
    assert _post(charlie, f"{base}/{poll.pk}/vote", {"answer": "agree"}).status_code == 404
    gamma = f"{API}/organisations/{world.gamma.pk}/polls/{poll.pk}"
    assert charlie.get(gamma).status_code == 404


def test_every_page_of_the_coop_tells_a_member_how_many_polls_need_his_vote(
    world, mario, client_for
):
    _opened(world.alfa, kind=PollKind.PROPOSAL)
    _opened(world.alfa)
    member = client_for("mario")
    page = member.get(reverse("organisation_detail", args=[world.alfa.pk])).content.decode()
    assert re.search(r'<span class="badge [^"]*" id="polls-waiting"[^>]*>2</span>', page)
    alice = client_for("alice").get(reverse("organisation_detail", args=[world.alfa.pk]))
    assert b'id="polls-waiting"' not in alice.content
