"""The load of a working day: each simulated person signs in once, then opens their pages.

Used by ``load.py`` (which starts the servers and reads the figures); the pages and ids come from
the environment it sets. A 5 s think time between requests, as people read what they opened.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, task

PAGES: dict[str, list[str]] = json.loads(os.environ.get("FRAGOLA_LOAD_PAGES", "{}"))
PASSWORD = os.environ.get("FRAGOLA_LOAD_PASSWORD", "")
THINK = float(os.environ.get("FRAGOLA_LOAD_THINK", "5"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSONA_WEIGHTS = {
    "scala.admin": 2,
    "scala.coordinatore": 3,
    "scala.operatore": 6,
    "scala.volontario": 2,
    "scala.socio": 1,
    "scala.famiglia": 2,
    "scala.tutor": 1,
    "scala.consorzio": 1,
}


class Person(HttpUser):
    """One person of the co-op or the consortium; the persona is drawn by weight."""

    wait_time = between(THINK * 0.8, THINK * 1.2)

    def on_start(self) -> None:
        names = [p for p in PERSONA_WEIGHTS if p in PAGES]
        self.persona = random.choices(names, [PERSONA_WEIGHTS[p] for p in names])[0]
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(page.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.persona,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            headers={"Referer": f"{self.host}/accounts/login/"},
        )

    @task
    def open_a_page(self) -> None:
        path = random.choice(PAGES[self.persona])
        self.client.get(path, name=f"{self.persona} {path}")


class Hello(HttpUser):
    """The hello-world baseline in the same run: a view that only asks the database it is up."""

    fixed_count = int(os.environ.get("FRAGOLA_LOAD_HELLO", "10"))
    wait_time = between(THINK * 0.8, THINK * 1.2)

    @task
    def hello(self) -> None:
        self.client.get("/healthz/live", name="hello world /healthz/live")
