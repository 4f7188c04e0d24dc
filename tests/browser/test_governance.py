"""Governance in a real browser: the administrator creates and opens a ranked poll, a member
votes on a phone, the administrator closes it and reads a result that names its method; an
administrator convenes an assembly, records attendance and a proxy, and gets the minutes."""

import datetime as dt

import pytest
from django.utils import timezone

from fragola.governance.models import Assembly, AssemblyVoter, Ballot, Poll
from fragola.testing.factories import MembershipFactory
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_members_vote_on_a_phone_and_the_result_names_its_method(page, browser, world):
    member = world.alfa_member.person
    member.user = world.mario
    member.save(update_fields=["user"])
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.alfa.pk}/polls/")
    page.get_by_label("Domanda").fill("Dove facciamo la festa d'estate?")
    page.get_by_label("Tipo").select_option("ranked")
    page.get_by_label("Opzioni, una per riga").fill("Lago\nMare\nMonti")
    closes = timezone.localtime() + dt.timedelta(days=7)
    page.get_by_label("Chiude il").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Salva come bozza").click()
    page.get_by_role("button", name="Apri il voto").click()
    poll = Poll.objects.get(title="Dove facciamo la festa d'estate?")
    assert poll.opened_at is not None

    phone = browser.new_context(locale="it-IT", viewport=PHONE, is_mobile=True, has_touch=True)
    mario = phone.new_page()
    mario.base_url = page.base_url
    log_in(mario, "mario", PASSWORD)
    mario.goto(f"{page.base_url}/org/{world.alfa.pk}/polls/")
    waiting = mario.locator(f'[data-poll="{poll.pk}"]')
    assert "Da votare" in waiting.inner_text()
    waiting.click()
    mario.get_by_label("Mare").select_option("1")
    mario.get_by_label("Monti").select_option("2")
    vote = mario.get_by_role("button", name="Vota")
    box = vote.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    vote.click()
    assert mario.locator("#voted").is_visible()
    assert Ballot.objects.get(poll=poll).voter is None  # anonymous by default
    phone.close()

    page.reload()
    page.get_by_role("button", name="Chiudi ora").click()
    assert page.locator("[data-method]").inner_text() == "irv"
    assert page.locator("[data-winner]").get_attribute("data-winner") == "Mare"


def test_an_administrator_convenes_an_assembly_counts_a_proxy_and_gets_the_minutes(page, world):
    held = timezone.localdate() + dt.timedelta(days=30)
    assembly = Assembly.objects.create(organisation=world.alfa, held_on=held)
    second = MembershipFactory(organisation=world.alfa, person__last_name="Bianchi")
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.alfa.pk}/governance/assemblies/{assembly.pk}/")
    page.get_by_label("Convocata il (data di riferimento)").fill(timezone.localdate().isoformat())
    page.get_by_label("Deleghe per delegato").fill("1")
    page.get_by_role("button", name="Convoca").click()
    assert page.locator("#convened").is_visible()

    first = page.locator(f'tr[data-voter="{world.alfa_member.person}"]')
    first.get_by_label("presenza").select_option("in_person")
    first.get_by_role("button", name="Salva").click()
    row = page.locator(f'tr[data-voter="{second.person}"]')
    row.get_by_label("presenza").select_option("proxy")
    row.get_by_label("delegato").select_option(label=str(world.alfa_member.person))
    row.get_by_role("button", name="Salva").click()
    quorum = page.locator('[data-quorum="1"]')
    assert quorum.get_attribute("data-reached") == "yes"
    assert "2 / 2" in quorum.inner_text()
    assert AssemblyVoter.objects.get(membership=second).delegate is not None

    minutes = page.get_by_role("link", name="Verbale (PDF)").get_attribute("href")
    response = page.request.get(f"{page.base_url}{minutes}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
