"""Optional Numba acceleration: without Numba the kernels run as plain Python (correct, slow)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def _source_digest() -> str:
    """Digest of the solver's source. Numba's cache only checks the file of each compiled
    function, not the functions it calls from other files: a kernel changed in one module
    would otherwise leave its callers' stale machine code in use."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Keep Numba's on-disk cache out of the source tree, one folder per version of the source.
os.environ.setdefault(
    "NUMBA_CACHE_DIR", os.path.join(tempfile.gettempdir(), "fragola-numba", _source_digest())
)

try:  # pragma: no cover - depends on the environment
    from numba import njit as _njit

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False


def jit(func: F) -> F:
    """Compile ``func`` with Numba (cached on disk) when available."""
    if HAVE_NUMBA:
        return cast(F, _njit(cache=True, nogil=True)(func))
    return func


def jit_inline(func: F) -> F:
    """Like ``jit`` but inlined into its callers: helpers that take the array tuples would
    otherwise pay reference counting on every array at every call."""
    if HAVE_NUMBA:
        return cast(F, _njit(cache=True, nogil=True, inline="always")(func))
    return func
