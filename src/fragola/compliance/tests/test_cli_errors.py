"""``fragola compliance check`` names what it cannot use on its command line, exiting 2."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from fragola.compliance.management.commands.compliance import ERR_DATE, ERR_UNKNOWN_COOP
from fragola.compliance.tests.scenario import coop

pytestmark = pytest.mark.django_db


def _check(*args: str) -> CommandError:
    with pytest.raises(CommandError) as exc:
        call_command("compliance", "check", "--lang", "en", *args, stdout=io.StringIO())
    assert exc.value.returncode == 2
    return exc.value


def test_it_names_the_fiscal_code_no_organisation_has():
    error = _check("--coop", "00000000000")
    with translation.override("en"):
        assert str(error) == translation.gettext(ERR_UNKNOWN_COOP) % {"code": "00000000000"}


def test_it_names_the_date_it_cannot_read():
    error = _check("--coop", coop().fiscal_code, "--as-of", "31/12/2025")
    with translation.override("en"):
        assert str(error) == translation.gettext(ERR_DATE) % {"value": "31/12/2025"}
