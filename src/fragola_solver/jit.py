"""Optional Numba acceleration: without Numba the kernels run as plain Python (correct, slow)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

# Keep Numba's on-disk cache out of the source tree.
os.environ.setdefault("NUMBA_CACHE_DIR", os.path.join(tempfile.gettempdir(), "fragola-numba"))

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
