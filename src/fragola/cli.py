"""The ``fragola`` command: Fragola's own commands and Django's management commands.

``fragola demo``, ``fragola import …``, ``fragola export …`` and every Django command
(``fragola migrate``, ``fragola runserver``, ``fragola createsuperuser``…) run through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fragola.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["fragola", *args])


if __name__ == "__main__":
    main()
