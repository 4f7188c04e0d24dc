"""Fragola's settings, read from the environment (12-factor).

Every value has a safe default for the embedded setup (SQLite in a data folder outside the
source tree); production sets ``DATABASE_URL``, ``FRAGOLA_SECRET_KEY``, ``FRAGOLA_ALLOWED_HOSTS``.
"""

from fragola.settings.base import *  # noqa: F403
