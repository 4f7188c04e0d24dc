"""Other apps add their part of the demo (care, work integration…) without the registry
importing them: each registers a loader from its ``AppConfig.ready()``.

A loader receives the demo's organisations and the day the demo is built around, must be
idempotent like the registry's demo, and returns the extra logins it created to print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from fragola.registry.demo.logins import DemoLogin
from fragola.registry.models import Organisation

DemoExtension = Callable[[Sequence[Organisation], dt.date], Sequence[DemoLogin]]

_extensions: dict[str, DemoExtension] = {}


def register_demo_extension(name: str, loader: DemoExtension) -> None:
    _extensions[name] = loader


def run_demo_extensions(organisations: Sequence[Organisation], today: dt.date) -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    for loader in _extensions.values():
        logins.extend(loader(organisations, today))
    return logins
