"""`fragola backup` and `fragola restore` say what went wrong in core.operations' words."""

from __future__ import annotations

import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fragola.core.operations import backup
from fragola.core.operations.backup import ERR_MISSING_TOOL, ERR_NOT_A_BACKUP

pytestmark = pytest.mark.django_db


def test_a_restore_names_the_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar"
    with tarfile.open(bogus, "w"):
        pass
    with pytest.raises(CommandError) as exc:
        call_command("restore", str(bogus))
    assert str(exc.value) == ERR_NOT_A_BACKUP.format(path=bogus)


def test_a_postgresql_backup_without_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(backup.connection, "vendor", "postgresql")
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    archive = tmp_path / "fragola.tar"
    with pytest.raises(CommandError) as exc:
        call_command("backup", str(archive))
    assert str(exc.value) == ERR_MISSING_TOOL.format(tool="pg_dump")
    assert not archive.exists()
