from __future__ import annotations

import datetime as dt

from django.urls import reverse

import fragola_law as r
from fragola.governance.selectors import split_seat

W = r.MemberCategory.WORKER
V = r.MemberCategory.VOLUNTEER
D = dt.date


def _pieces(start, end, spans):
    return [(s.start, s.end, s.member.category) for s in split_seat("1", start, end, spans)]


def test_a_seat_is_cut_along_the_memberships():
    spans = [(D(2024, 3, 1), D(2024, 5, 31), W), (D(2024, 8, 1), None, V)]
    assert _pieces(D(2024, 1, 1), None, spans) == [
        (D(2024, 1, 1), D(2024, 2, 29), None),
        (D(2024, 3, 1), D(2024, 5, 31), W),
        (D(2024, 6, 1), D(2024, 7, 31), None),
        (D(2024, 8, 1), None, V),
    ]
    assert _pieces(D(2024, 4, 1), D(2024, 4, 30), spans) == [(D(2024, 4, 1), D(2024, 4, 30), W)]
    assert _pieces(D(2025, 1, 1), D(2025, 1, 2), []) == [(D(2025, 1, 1), D(2025, 1, 2), None)]


def test_the_page_speaks_italian(world, client_for):
    page = client_for("alice").get(
        reverse("governance:home", args=[world.alfa.pk]), HTTP_ACCEPT_LANGUAGE="it"
    )
    html = page.content.decode()
    assert "Consiglio di amministrazione" in html
    assert "Convoca un&#x27;assemblea" in html or "Convoca un'assemblea" in html
