"""The demo keeps its promises: a believable consortium, working logins, a server that starts."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from stdnum.it import codicefiscale

from fragola.core.access import organisation_list_for
from fragola.demo.catalogue import CONSORTIUM, COOPS, DEMO_PASSWORD, PERSONAS
from fragola.demo.services import DemoSummary, demo_codes, demo_load
from fragola.registry.models import (
    MemberCategory,
    Membership,
    Organisation,
    OrganisationType,
    Person,
    PersonKind,
)

TODAY = dt.date(2025, 6, 30)
SERVER_TIMEOUT = 180  # a cold start migrates, loads every app's demo and collects static files


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    # The same fast hasher as the (function-scoped) fixture in conftest.py.
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield demo_load(today=TODAY)
        transaction.set_rollback(True)


@pytest.fixture
def orgs(demo, db) -> dict[str, Organisation]:
    by_code = {o.fiscal_code: o for o in Organisation.objects.all()}
    return {key: by_code[code] for key, code in demo_codes().items()}


def book(organisation: Organisation):
    return Membership.objects.filter(organisation=organisation).in_book_on(TODAY)


def logged_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"
    return client


# The data -------------------------------------------------------------------------------------


def test_it_has_at_least_twelve_cooperatives_of_every_type(orgs):
    coops = [o for o in orgs.values() if o.type != OrganisationType.CONSORTIUM]
    assert len(coops) >= 12
    assert {o.type for o in coops} == {OrganisationType.A, OrganisationType.B, OrganisationType.AB}
    assert all("cooperativa sociale" in o.name.lower() for o in coops)
    assert orgs["consorzio"].type == OrganisationType.CONSORTIUM


def test_it_joins_every_cooperative_to_the_consortium_and_incubates_one(orgs):
    consortium = orgs["consorzio"]
    members = set(consortium.member_links.values_list("member_id", flat=True))
    assert members == {orgs[spec.key].pk for spec in COOPS}
    assert orgs["fragole"].incubated_by == orgs["sentiero"]
    assert all(o.comune.province.abbreviation == "BG" for o in orgs.values())
    assert all(o.comuni_served.exists() for o in orgs.values() if not o.is_consortium)


def test_it_has_over_eight_hundred_members_in_every_category(orgs):
    coops = [o for o in orgs.values() if not o.is_consortium]
    in_book = Membership.objects.filter(organisation__in=coops).in_book_on(TODAY)
    assert in_book.count() >= 800
    assert set(in_book.values_list("category", flat=True)) == set(MemberCategory.values)


def test_it_has_one_cooperative_close_to_a_hundred_members(orgs):
    sizes = {key: book(o).count() for key, o in orgs.items()}
    assert any(90 <= size <= 100 for size in sizes.values())
    assert all(size >= 9 for size in sizes.values()), "G1: at least 9 members"


def test_it_keeps_volunteers_to_half_of_each_book(orgs):
    for organisation in orgs.values():
        counts = book(organisation).aggregate(
            total=Count("pk"), volunteers=Count("pk", filter=Q(category=MemberCategory.VOLUNTEER))
        )
        assert counts["volunteers"] * 2 <= counts["total"], organisation.name


def test_it_gives_everyone_a_valid_fiscal_code(orgs):
    codes = list(Person.objects.values_list("fiscal_code", "kind"))
    assert len(codes) > 800
    assert all(codicefiscale.is_valid(code) for code, _kind in codes)
    assert all(len(code) == (11 if kind == PersonKind.LEGAL else 16) for code, kind in codes)
    assert all(codicefiscale.is_valid(o.fiscal_code) for o in orgs.values())


def test_it_records_exits_applicants_and_share_capital(orgs):
    memberships = Membership.objects.filter(organisation=orgs["girasole"])
    assert memberships.filter(exited_on__isnull=False).exists()
    assert memberships.filter(admitted_on__isnull=True, rejected_on__isnull=True).exists()
    capital = memberships.filter(admitted_on__isnull=False).first().capital_on(TODAY)
    assert capital["subscription"] > 0


def test_it_writes_the_history_of_the_book(orgs):
    member = book(orgs["girasole"]).first()
    history = Membership.history.filter(id=member.pk).order_by("history_date")
    assert [row.history_type for row in history][:2] == ["+", "~"]


def test_it_creates_nothing_when_loaded_again(demo, db):
    models = [m for m in apps.get_models() if m._meta.app_label in {"registry", "auth"}]
    before = {m: m.objects.count() for m in models}
    again = demo_load(today=TODAY)
    assert again.created is False
    assert again.rows_created == 0
    assert {m: m.objects.count() for m in models} == before


# The logins ------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", *(p.username for p in PERSONAS)])
def test_it_lets_every_demo_login_in(demo, db, username):
    # django-axes wants the request that carries the credentials.
    request = RequestFactory().post(reverse("login"))
    assert Client().login(request=request, username=username, password=DEMO_PASSWORD)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p.organisation != CONSORTIUM.key])
def test_it_shows_a_cooperative_login_only_its_cooperative(orgs, persona):
    user = get_user_model().objects.get(username=persona.username)
    own = orgs[persona.organisation]
    assert list(organisation_list_for(user)) == [own]
    client = logged_in(persona.username)
    assert client.get(reverse("home")).status_code == 302
    page = client.get(reverse("organisation_detail", args=[own.pk])).content.decode()
    assert own.name in page
    # Its own page names its consortium and the co-op it incubated; nothing else.
    related = {own, orgs["consorzio"], *own.incubated.all()}
    assert [o.name for o in orgs.values() if o.name in page and o not in related] == []
    other = orgs["arcobaleno"]
    assert client.get(reverse("organisation_detail", args=[other.pk])).status_code == 404


def test_it_links_the_logins_to_their_people_in_the_book(orgs):
    user = get_user_model().objects.get(username="admin.coop")
    membership = Membership.objects.get(person__user=user)
    assert membership.organisation == orgs["girasole"]
    assert membership.category == MemberCategory.WORKER


def test_it_shows_the_consortium_staff_the_consortium_and_its_members(orgs):
    client = logged_in("consorzio")
    page = client.get(reverse("home")).content.decode()
    assert all(o.name in page for o in orgs.values())
    assert client.get(reverse("member_book", args=[orgs["girasole"].pk])).status_code == 200
    # Officina Verde does not share its book with the consortium.
    assert client.get(reverse("member_book", args=[orgs["officina-verde"].pk])).status_code == 404


def test_it_opens_the_django_admin_to_the_superuser(demo, db):
    assert logged_in("admin").get("/admin/").status_code == 200


# The command -----------------------------------------------------------------------------------


def test_it_loads_and_prints_the_logins_without_serving(db):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    output = out.getvalue()
    assert "admin.coop" in output and DEMO_PASSWORD in output
    assert Organisation.objects.filter(name=CONSORTIUM.name).exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                return int(response.status)
        except OSError:  # refused, reset or timed out while the server starts
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time")


def test_it_serves_the_demo_from_a_fresh_data_folder(tmp_path):
    env = {**os.environ, "FRAGOLA_DATA_DIR": str(tmp_path), "FRAGOLA_LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    env.pop("FRAGOLA_STATIC_ROOT", None)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "fragola", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        base = f"http://127.0.0.1:{port}"
        assert wait_for(f"{base}/healthz", deadline) == 200
        assert wait_for(f"{base}/accounts/login/", deadline) == 200
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, output.decode()
    assert b"Fragola demo stopped." in output
