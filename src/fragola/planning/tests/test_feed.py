"""The carer's iCal feed: their published visits only, and 404 for a bad token."""

from __future__ import annotations

import pytest
from django.test import Client

from fragola.care.models import Visit, VisitStatus
from fragola.core.ical import fold
from fragola.planning import services


def test_the_feed_lists_the_carers_published_visits(planning):
    carla = planning.care.carla_carer
    feed = services.carer_feed_get(carer=carla)
    response = Client().get(f"/ical/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    mine = Visit.objects.filter(carer=carla, status=VisitStatus.ASSIGNED)
    assert mine.exists()
    for visit in mine:
        assert f"UID:visit-{visit.pk}@" in text
    assert f"visit-{planning.care.volunteer_task.pk}@" not in text
    assert "Rossi Maria" in text


def test_a_bad_token_is_not_found(planning):
    assert Client().get("/ical/not-a-token.ics").status_code == 404


@pytest.mark.parametrize("length", [10, 75, 76, 200])
def test_long_lines_are_folded_at_75_octets(length):
    line = "SUMMARY:" + "è" * length
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
