"""Recognise uploaded documents by their content, never by the name the sender gave them."""

from __future__ import annotations

from typing import IO

# The first bytes of each accepted kind (a receipt or a certificate: an image or a PDF).
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF", "application/pdf"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (4, b"ftypheic", "image/heic"),
    (4, b"ftypheix", "image/heic"),
    (4, b"ftypmif1", "image/heif"),
)
HEAD_BYTES = 16


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def document_kind(handle: IO[bytes]) -> str | None:
    """The MIME type of an image or PDF read from its first bytes, or None for anything else.

    The handle is left at its start, ready to be saved.
    """
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    if _is_webp(head):
        return "image/webp"
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    return None
