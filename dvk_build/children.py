"""Helper processes of a build end when the build process ends."""

from __future__ import annotations

import os
import signal


def die_with(parent: int) -> None:
    """Linux: end this process when `parent` (the build) ends, so a stopped build leaves no one working.

    Call it first thing in the helper. PR_SET_PDEATHSIG survives an exec; elsewhere the helper ends
    when it finds its pipe closed or its parent gone (`parent_alive`).
    """
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if not parent_alive(parent):  # the parent ended before prctl
        os._exit(1)


def parent_alive(parent: int) -> bool:
    """Whether this process's parent is still `parent` (an orphan is handed to another process)."""
    return os.getppid() == parent
