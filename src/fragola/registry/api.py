"""The registry's API: organisations and the members' book, scoped like the calling user."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["registry"])
