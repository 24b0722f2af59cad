"""A plain `mkdocs build` writes into a temporary folder beside the site and swaps it in at the end.

So a build that fails (a bad dossier) or is killed midway leaves the previous site as it was, like
`dvk build`; a killed build's folder is removed by the next build (cli_build.clean_stale).
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path

from .cli_build import TMP_MARK, clean_stale, swap_in


class _Count(logging.Handler):
    """Counts the warnings MkDocs logs: in strict mode they abort the build after the last plugin hook."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class AtomicOutput:
    """The temporary folder a build writes into, and the swap that publishes it."""

    def __init__(self, target: Path) -> None:
        self.target = target.absolute()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(self.target)
        self.tmp = self.target.with_name(f".{self.target.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
        self._warnings = _Count()
        logging.getLogger("mkdocs").addHandler(self._warnings)

    def publish(self, strict: bool) -> None:
        """Swap the finished site in; not when strict mode is about to abort on a warning (the old site stays)."""
        if strict and self._warnings.count:
            self.abandon()
        else:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            swap_in(self.tmp, self.target)

    def abandon(self) -> None:
        """A failed build: its folder goes, the site stays."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        shutil.rmtree(self.tmp, ignore_errors=True)
