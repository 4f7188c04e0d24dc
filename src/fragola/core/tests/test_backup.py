"""``fragola backup`` and ``fragola restore``: data changed after a backup comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from fragola.registry.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_brings_back_the_data_and_the_media_of_the_backup(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "receipts").mkdir(parents=True)
    (settings.MEDIA_ROOT / "receipts" / "r1.pdf").write_bytes(b"%PDF-1.4 receipt")
    archive = tmp_path / "fragola.tar"
    call_command("backup", str(archive))

    Organisation.objects.filter(pk=world.alfa.pk).update(name="Renamed by mistake")
    (settings.MEDIA_ROOT / "receipts" / "r1.pdf").unlink()
    (settings.MEDIA_ROOT / "stray.txt").write_text("after the backup")

    call_command("restore", str(archive))
    assert Organisation.objects.get(pk=world.alfa.pk).name == world.alfa.name
    assert (Path(settings.MEDIA_ROOT) / "receipts" / "r1.pdf").read_bytes() == b"%PDF-1.4 receipt"
    assert not (Path(settings.MEDIA_ROOT) / "stray.txt").exists()


def test_a_file_that_is_not_a_backup_is_refused_by_name(tmp_path):
    import tarfile

    from django.core.management.base import CommandError

    bogus = tmp_path / "bogus.tar"
    with tarfile.open(bogus, "w"):
        pass
    with pytest.raises(CommandError, match="not a Fragola backup"):
        call_command("restore", str(bogus))
