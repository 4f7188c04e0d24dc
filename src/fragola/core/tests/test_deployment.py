"""Production settings pass Django's deployment checks; idle sessions end."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.test import Client
from django.urls import reverse

from fragola.core.sessions import LAST_SEEN
from fragola.testing.processes import SRC

PRODUCTION = {
    "FRAGOLA_SECRET_KEY": "k3Y-for-the-deployment-check-0123456789-abcdefghijklmnop",
    "FRAGOLA_DEBUG": "false",
    "FRAGOLA_ALLOWED_HOSTS": "fragola.example.org",
    "FRAGOLA_SECURE_COOKIES": "true",
    "FRAGOLA_SSL_REDIRECT": "true",
    "FRAGOLA_HSTS_SECONDS": "31536000",
    "FRAGOLA_HSTS_SUBDOMAINS": "true",
    "FRAGOLA_HSTS_PRELOAD": "true",
}


def test_check_deploy_has_no_warning_with_the_production_environment(tmp_path):
    # A production server has none of the test process's settings: the browser tests allow
    # Django's ORM in Playwright's event loop, which the deployment check rightly refuses.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**inherited, **PRODUCTION, "FRAGOLA_DATA_DIR": str(tmp_path), "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "fragola", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.django_db
def test_an_idle_session_is_logged_out(world, settings):
    settings.FRAGOLA_SESSION_IDLE_MINUTES = 30
    alice = Client()
    alice.force_login(world.alice)
    assert alice.get(reverse("token_list")).status_code == 200
    session = alice.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = alice.get(reverse("token_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_an_active_session_stays(world, settings):
    alice = Client()
    alice.force_login(world.alice)
    session = alice.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert alice.get(reverse("token_list")).status_code == 200
    assert alice.get(reverse("token_list")).status_code == 200
