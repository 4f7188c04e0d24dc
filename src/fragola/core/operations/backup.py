"""Back up and restore the database and the media folder into one tar archive.

SQLite is copied with its online backup API (a consistent copy while the server runs);
PostgreSQL with ``pg_dump``/``pg_restore`` in the custom format. The archive holds
``database.sqlite3`` or ``database.pgdump`` and the ``media/`` folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

ERR_MISSING_TOOL = (
    "{tool} is not installed: install PostgreSQL's client programs (e.g. apt-get install "
    "postgresql-client) to back up or restore a PostgreSQL database."
)
ERR_NOT_A_BACKUP = "{path} is not a Fragola backup (no database inside)."
SQLITE_NAME, PG_NAME, MEDIA_NAME = "database.sqlite3", "database.pgdump", "media"


class BackupError(Exception):
    pass


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(ERR_MISSING_TOOL.format(tool=name))
    return found


def _pg_args() -> list[str]:
    s = connection.settings_dict
    args = ["--dbname", str(s["NAME"]), "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if s.get(key):
            args += [flag, str(s[key])]
    return args


def _pg_env() -> dict[str, str]:
    password = connection.settings_dict.get("PASSWORD")
    return {**os.environ, **({"PGPASSWORD": str(password)} if password else {})}


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target_path = folder / SQLITE_NAME
        connection.ensure_connection()
        target = sqlite3.connect(target_path)
        with target:
            connection.connection.backup(target)
        target.close()
        return target_path
    target_path = folder / PG_NAME
    command = [_tool("pg_dump"), "--format=custom", "--file", str(target_path), *_pg_args()]
    subprocess.run(command, check=True, env=_pg_env())  # noqa: S603
    return target_path


def backup_create(*, path: Path) -> Path:
    """Write the archive to ``path``; returns it."""
    with tempfile.TemporaryDirectory() as tmp:
        database = _dump_database(Path(tmp))
        with tarfile.open(path, "w") as archive:
            archive.add(database, arcname=database.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname=MEDIA_NAME)
    return path


def backup_restore(*, path: Path) -> None:
    """Replace the database and the media folder with the archive's."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path) as archive:
        archive.extractall(tmp, filter="data")
        folder = Path(tmp)
        if (folder / SQLITE_NAME).is_file():
            _restore_sqlite(folder / SQLITE_NAME)
        elif (folder / PG_NAME).is_file():
            _restore_pg(folder / PG_NAME)
        else:
            raise BackupError(ERR_NOT_A_BACKUP.format(path=path))
        _restore_media(folder / MEDIA_NAME)


def _restore_sqlite(source_path: Path) -> None:
    if connection.vendor != "sqlite":
        raise BackupError("This backup is of a SQLite database; the configured one is not.")
    connection.ensure_connection()
    source = sqlite3.connect(source_path)
    source.backup(connection.connection)
    source.close()


def _restore_pg(dump: Path) -> None:
    if connection.vendor != "postgresql":
        raise BackupError("This backup is of a PostgreSQL database; the configured one is not.")
    connection.close()
    command = [
        _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
        *_pg_args(), str(dump),
    ]  # fmt: skip
    subprocess.run(command, check=True, env=_pg_env())  # noqa: S603


def _restore_media(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.rmtree(media)
    if source.is_dir():
        shutil.copytree(source, media)
    else:
        media.mkdir(parents=True, exist_ok=True)
