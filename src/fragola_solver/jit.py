"""Optional Numba acceleration: without Numba the kernels run as plain Python (correct, slow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

try:  # pragma: no cover - depends on the environment
    from numba import njit as _njit

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False


def jit(func: F) -> F:
    """Compile ``func`` with Numba (cached on disk) when available."""
    if HAVE_NUMBA:
        return _njit(cache=True, nogil=True)(func)  # type: ignore[no-any-return]
    return func
