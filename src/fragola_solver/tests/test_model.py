"""The generic model: validation and the default travel-time matrix."""

from __future__ import annotations

import pytest

from fragola_solver.model import Service, Sync, TimeWindow, Visit, travel_from_coordinates


def test_it_turns_coordinates_into_travel_minutes_with_a_circuity_factor() -> None:
    # Two points 10 km apart on a plane: 13 km of road at 30 km/h = 26 minutes.
    m = travel_from_coordinates([(0.0, 0.0), (10.0, 0.0)], geographic=False)
    assert m[0, 1] == pytest.approx(26.0)
    assert m[1, 0] == pytest.approx(26.0) and m[0, 0] == 0.0


def test_it_uses_great_circle_distances_for_longitude_and_latitude() -> None:
    # One degree of latitude is about 111.2 km.
    m = travel_from_coordinates([(11.0, 45.0), (11.0, 46.0)], circuity=1.0, speed_kmh=60.0)
    assert m[0, 1] == pytest.approx(111.2, rel=1e-3)


def test_it_refuses_a_two_carer_visit_without_synchronisation() -> None:
    with pytest.raises(ValueError, match="sync"):
        Visit("v", 1, (TimeWindow(0, 10),), (Service("a", 5), Service("b", 5)))
    with pytest.raises(ValueError, match="one or two"):
        Visit("v", 1, (), (Service("a", 5),), Sync.NONE)
