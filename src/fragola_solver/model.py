"""Generic home-care routing and scheduling model: frozen dataclasses in and out.

One model serves every use: benchmark readers (Mankowska, UHHC) and the Django platform convert into
it. Times are minutes from the start of the horizon (day ``d`` starts at ``d * day_length``);
travel times are minutes and are indexed by *location* integers into ``Problem.travel``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

import numpy as np
import numpy.typing as npt

INF = math.inf

FloatMatrix = npt.NDArray[np.float64]


class Sync(Enum):
    """How the two services of a two-carer visit are tied together."""

    NONE = "none"  # single-service visit
    INDEPENDENT = "independent"  # two carers, no timing relation
    SIMULTANEOUS = "simultaneous"  # both start at the same time
    SEQUENTIAL = "sequential"  # second starts gap_min..gap_max after the first


class WindowRef(Enum):
    """Whether a time window bounds the service start or the service end (UHHC allows both)."""

    START = "start"
    END = "end"


@dataclass(frozen=True)
class TimeWindow:
    start: float  # earliest service start (hard: the carer waits)
    end: float  # latest start (or end, see WindowRef); being later is tardiness (soft)


@dataclass(frozen=True)
class Shift:
    """A span of a day when the carer works. A carer may have several shifts a day (split
    availability, 8:00-12:00 and 15:00-19:00): each one is a separate route from home and back,
    and the carer is not available between them. The end of a day's last shift is soft
    (working past it is overtime); the end of an earlier shift is hard (back home by then)."""

    start: float
    end: float
    day: int = 0


@dataclass(frozen=True)
class Break:
    """A break (e.g. lunch) of ``duration`` minutes to take between ``earliest`` and ``latest``."""

    earliest: float
    latest: float
    duration: float


@dataclass(frozen=True)
class Carer:
    id: str
    skills: frozenset[str]
    start_location: int
    end_location: int
    shifts: tuple[Shift, ...] = (Shift(0.0, INF),)
    breaks: tuple[Break, ...] = ()
    max_daily_minutes: float = INF  # working minutes a day (departure to return, all shifts)
    max_weekly_minutes: float = INF

    def shifts_on(self, day: int) -> tuple[Shift, ...]:
        """The carer's shifts of ``day`` in start order (``Route.shift`` indexes them)."""
        return tuple(sorted((s for s in self.shifts if s.day == day), key=lambda s: s.start))

    def shift_at(self, day: int, minute: float) -> int:
        """Index (in ``shifts_on(day)``) of the shift a visit starting at ``minute`` belongs
        to: the last one starting at or before it (0 if none does)."""
        starts = [s.start for s in self.shifts_on(day)]
        return max((i for i, start in enumerate(starts) if start <= minute), default=0)


@dataclass(frozen=True)
class Service:
    skill: str
    duration: float


@dataclass(frozen=True)
class Visit:
    """One visit to a client; one service (one carer) or two services (two distinct carers)."""

    id: str
    location: int
    windows: tuple[TimeWindow, ...]
    services: tuple[Service, ...]
    sync: Sync = Sync.NONE
    gap_min: float = 0.0  # SEQUENTIAL only: start(second) - start(first) in [gap_min, gap_max]
    gap_max: float = 0.0
    preferred: frozenset[str] = frozenset()  # soft
    refused: frozenset[str] = frozenset()  # hard
    optional: bool = False
    left_out_penalty: float = 1.0  # multiplied by Weights.left_out
    day: int = 0
    client: str = ""  # continuity across days is measured per client

    def __post_init__(self) -> None:
        if not 1 <= len(self.services) <= 2:
            raise ValueError(f"visit {self.id}: one or two services expected")
        if not 1 <= len(self.windows) <= 2:
            raise ValueError(f"visit {self.id}: one or two time windows expected")
        if (len(self.services) == 2) == (self.sync is Sync.NONE):
            raise ValueError(f"visit {self.id}: sync must be NONE iff there is one service")


@dataclass(frozen=True)
class Weights:
    """Objective weights; every component is a non-negative number of minutes or counts."""

    travel: float = 1.0
    tardiness: float = 1.0
    max_tardiness: float = 0.0
    overtime: float = 1.0
    preference: float = 0.0  # per service by a non-preferred carer when preferences exist
    left_out: float = 1000.0  # times Visit.left_out_penalty
    fairness: float = 0.0  # (max - min) working minutes among carers
    waiting: float = 0.0
    max_idle: float = 0.0
    missed_break: float = 0.0
    continuity: float = 0.0  # per extra distinct carer seen by a client over the horizon


@dataclass(frozen=True, eq=False)
class Problem:
    name: str
    carers: tuple[Carer, ...]
    visits: tuple[Visit, ...]
    travel: FloatMatrix  # travel[i, j] minutes between locations i and j (read-only)
    weights: Weights = Weights()
    window_ref: WindowRef = WindowRef.START
    days: int = 1
    day_length: float = 1440.0
    # Visits may not be served by the same carer twice (two-carer visits need two people).
    coordinates: tuple[tuple[float, float], ...] = field(default=())

    def __post_init__(self) -> None:
        self.travel.setflags(write=False)
        ids = [v.id for v in self.visits]
        if len(set(ids)) != len(ids):
            raise ValueError("visit ids must be unique")

    def visit(self, visit_id: str) -> Visit:
        return self.visit_index[visit_id]

    @cached_property
    def visit_index(self) -> dict[str, Visit]:
        return {v.id: v for v in self.visits}

    @cached_property
    def carer_index(self) -> dict[str, Carer]:
        return {c.id: c for c in self.carers}

    def carer(self, carer_id: str) -> Carer:
        return self.carer_index[carer_id]


@dataclass(frozen=True)
class Stop:
    visit_id: str
    service: int  # index into Visit.services
    start: float  # service start time


@dataclass(frozen=True)
class Route:
    carer_id: str
    stops: tuple[Stop, ...]
    day: int = 0
    break_start: float | None = None  # start of the break, when the carer has one
    shift: int = 0  # which of the carer's shifts of ``day`` (index in ``Carer.shifts_on``)


@dataclass(frozen=True)
class Solution:
    routes: tuple[Route, ...]
    left_out: tuple[str, ...] = ()

    def stops_of(self, visit_id: str) -> list[tuple[str, Stop]]:
        return [(r.carer_id, s) for r in self.routes for s in r.stops if s.visit_id == visit_id]


def travel_from_coordinates(
    coordinates: list[tuple[float, float]] | tuple[tuple[float, float], ...],
    *,
    geographic: bool = True,
    circuity: float = 1.3,
    speed_kmh: float = 30.0,
) -> FloatMatrix:
    """Travel minutes from coordinates: great-circle (lon, lat) or Euclidean distance times a
    road-circuity factor (roads are ~30 % longer than the crow flies) at an average speed."""
    pts = np.asarray(coordinates, dtype=np.float64)
    if geographic:
        lon, lat = np.radians(pts[:, 0]), np.radians(pts[:, 1])
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        a = (
            np.sin(dlat / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
        )
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    else:
        km = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2))
    return np.asarray(km * circuity / speed_kmh * 60.0, dtype=np.float64)
