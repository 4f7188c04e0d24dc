"""The plumbing every app's API uses: ids, dates and times, pages, errors and throttling.

An app's ``api.py`` declares its router and endpoints with these and nothing else:

* ``Id`` for every id (path, query or body): 1 to 2**63 - 1, what a database key can hold. An id
  in the path outside that range is a 404 like any other id that names nothing.
* ``Date`` and ``LocalTime``: ISO text only (``"2025-03-01"``, ``"08:30"``); ``0`` is not 1970.
* ``Page``: ``?page=`` and ``?page_size=`` with bounds; the answer is ``{"items", "count"}``.
* ``NOT_FOUND`` and ``WRITE_ERRORS`` for the responses an endpoint declares, ``service_errors()``
  to turn a service's ``ValidationError`` into the 422 ``{"detail": [{"field", "message"}]}``.
* ``FragolaAPI`` documents in the schema the answers every operation can give (401, 404, 422,
  429…) and ``UserThrottle`` bounds each user's calls per minute (django-ninja's throttling).
"""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination
from ninja.schema import DjangoGetter
from ninja.throttling import UserRateThrottle
from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from fragola.core.login_guard import client_address

# The largest key a 64-bit signed integer column holds (SQLite and PostgreSQL bigint).
MAX_ID = 2**63 - 1
# Bounded so that a huge page number is a 422, not an integer overflow in the database.
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100

ERR_NOT_ISO_DATE = _("Use an ISO date: YYYY-MM-DD.")
ERR_NOT_ISO_TIME = _("Use a time of day: HH:MM or HH:MM:SS.")
ERR_NUL = _("Null characters are not allowed.")
ERR_NOT_AN_OBJECT = _("Send a JSON object.")

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def _iso_date(value: object) -> object:
    # Pydantic's lax mode reads 0 or "0" as 1970-01-01 (a Unix time); only ISO text is a date.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        return value
    raise ValueError(str(ERR_NOT_ISO_DATE))


def _iso_time(value: object) -> object:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and ISO_TIME.match(value):
        return value
    raise ValueError(str(ERR_NOT_ISO_TIME))


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
# A time of day in Europe/Rome, without offset. OpenAPI's ``format: time`` demands an offset
# (RFC 3339), so the schema says what is really sent: a pattern.
LocalTime = Annotated[
    dt.time,
    BeforeValidator(_iso_time),
    PlainSerializer(lambda value: value.strftime("%H:%M:%S"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": ISO_TIME.pattern, "example": "08:30:00"}),
]


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text columns; refuse it here instead of failing with a 500.
    if "\x00" in value:
        raise ValueError(str(ERR_NUL))
    return value


NoNul = AfterValidator(_no_nul)


# --- shapes of errors --------------------------------------------------------------------------


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class DetailOut(Schema):
    detail: str


class InputSchema(Schema):
    """A request body: a JSON object. Ninja's schemas read any value attribute by attribute, so
    ``[null, null]`` would otherwise pass as an object with every field left out."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: object) -> object:
        # Ninja hands the body over wrapped in its DjangoGetter.
        body = value._obj if isinstance(value, DjangoGetter) else value
        if isinstance(body, dict | Schema):
            return value
        raise ValueError(str(ERR_NOT_AN_OBJECT))


NOT_FOUND = {404: DetailOut}
WRITE_ERRORS = {404: DetailOut, 422: ValidationErrorOut}


class Page(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """A Django ValidationError as a flat list of field/message pairs, translated now."""
    pairs: Iterable[tuple[str, list[str]]] = (
        exc.message_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.messages)]
    )
    return [
        {"field": field, "message": str(message)}
        for field, messages in pairs
        for message in messages
    ]


def raise_422(exc: ValidationError, cause: BaseException | None = None) -> NoReturn:
    raise NinjaValidationError(field_errors(exc)) from (cause or exc)


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn a service's ValidationError into the API's 422 (rendered by ``FragolaAPI``)."""
    try:
        yield
    except ValidationError as exc:
        raise_422(exc)


def request_field_error(error: dict[str, Any]) -> dict[str, Any]:
    """Ninja's parsing errors in the same shape as the services' ones: field and message."""
    if "field" in error:
        return error
    loc = [str(part) for part in error.get("loc", ())]
    loc = loc[2:] if loc[:1] == ["body"] else loc[1:]
    # Pydantic prefixes our own messages with "Value error, "; the user needs only the message.
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return {"field": ".".join(loc) or "__all__", "message": message}


def names_nothing(errors: list[dict[str, Any]]) -> bool:
    """True when the request failed only on its path: an id that cannot name any row."""
    return bool(errors) and all(tuple(error.get("loc", ()))[:1] == ("path",) for error in errors)


# --- throttling --------------------------------------------------------------------------------


class UserThrottle(UserRateThrottle):
    """Calls per user (or per address before authentication), at ``FRAGOLA_API_RATE``.

    The rate is read on each call so that a deployment (or a test) can change it in settings.
    """

    scope = "fragola-user"

    def __init__(self) -> None:
        super().__init__(rate=settings.FRAGOLA_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.FRAGOLA_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request)


# --- the schema documents every answer ---------------------------------------------------------

UNSAFE = {"post", "put", "patch", "delete"}
COMMON_ANSWERS = {
    "400": "The body is not JSON.",
    "401": "Authentication required.",
    "403": "CSRF check failed (browser session without its CSRF token).",
    "404": "Not found, or not visible to the caller.",
    "422": "The request does not validate.",
    "429": "Too many requests: wait and retry.",
}


def _detail_ref(code: str) -> dict[str, Any]:
    name = "ValidationErrorOut" if code == "422" else "DetailOut"
    return {
        "description": COMMON_ANSWERS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def _answers(method: str, operation: dict[str, Any]) -> list[str]:
    params = operation.get("parameters", [])
    codes = ["401", "429"] if operation.get("security") else ["429"]
    if any(param.get("in") == "path" for param in params):
        codes.append("404")
    if params or "requestBody" in operation:
        codes.append("422")
    if "requestBody" in operation:
        codes.append("400")
    if method in UNSAFE:
        codes.append("403")
    return codes


ERROR_SCHEMAS = {
    "DetailOut": {
        "title": "DetailOut",
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "string"}},
        "required": ["detail"],
    },
    "FieldError": {
        "title": "FieldError",
        "type": "object",
        "properties": {
            "field": {"title": "Field", "type": "string"},
            "message": {"title": "Message", "type": "string"},
        },
        "required": ["field", "message"],
    },
    "ValidationErrorOut": {
        "title": "ValidationErrorOut",
        "type": "object",
        "properties": {
            "detail": {
                "title": "Detail",
                "type": "array",
                "items": {"$ref": "#/components/schemas/FieldError"},
            }
        },
        "required": ["detail"],
    },
}


class FragolaAPI(NinjaAPI):
    """NinjaAPI whose schema lists, for each operation, every status code it can answer."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, shape in ERROR_SCHEMAS.items():
            components.setdefault(name, shape)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for code in _answers(method, operation):
                    responses.setdefault(code, _detail_ref(code))
        return schema
