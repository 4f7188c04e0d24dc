"""Path converters for the pages: an id is what a database key can hold, or the page is a 404.

Django's ``int`` converter takes any number of digits; 2**63 then reaches the database, where
SQLite raises OverflowError (a 500) instead of finding nothing.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("Not an id")  # Django answers: no such page
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
