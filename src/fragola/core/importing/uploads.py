"""An uploaded file kept between the dry run and the confirmation, under MEDIA_ROOT/imports.

Only a random token goes into the session; the path is rebuilt from it, so a forged session
value cannot point anywhere else. Files older than a day are swept away at each new upload.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
MAX_AGE_SECONDS = 24 * 3600


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_save(*, content: bytes) -> str:
    folder = upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    token = secrets.token_hex(16)
    (folder / token).write_bytes(content)
    return token


def upload_load(token: str) -> bytes | None:
    path = _path(token)
    return path.read_bytes() if path is not None and path.is_file() else None


def upload_discard(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _path(token: str) -> Path | None:
    return upload_dir() / token if TOKEN_PATTERN.match(token) else None


def _sweep(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
