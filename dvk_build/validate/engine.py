"""Running every rule over every dossier; all problems, never only the first."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config, default_config
from ..load.files import LoadResult, load_paths
from ..problem import Problem
from .context import DossierContext
from .form import check_form
from .registry import CORPUS_CHECKS, DOSSIER_CHECKS


@dataclass
class Report:
    dossiers: list[DossierContext] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def failed_paths(self) -> set[str]:
        return {p.path for p in self.errors}

    def valid(self) -> list[DossierContext]:
        """Dossiers with no error (warnings publish)."""
        bad = self.failed_paths()
        return [d for d in self.dossiers if d.path not in bad]


# Load-time traps: the value is not what the editor typed, so other verdicts on it are noise.
_TRAP_CODES = frozenset({"DVK005", "DVK006"})


def check_dossier(ctx: DossierContext) -> list[Problem]:
    problems = list(check_form(ctx))
    for check in DOSSIER_CHECKS:
        problems.extend(check(ctx))
    trapped = {(p.line, p.col) for p in ctx.problems if p.code in _TRAP_CODES}
    if trapped:
        problems = [p for p in problems if (p.line, p.col) not in trapped]
    return problems


def check_loaded(loaded: LoadResult) -> Report:
    report = Report(dossiers=loaded.dossiers, problems=list(loaded.problems), files=loaded.files)
    for ctx in loaded.dossiers:
        report.problems.extend(ctx.problems)
        report.problems.extend(check_dossier(ctx))
        ctx.cache.clear()  # the rules' shared work on this dossier (texts, spots): not needed any more
    for check_corpus in CORPUS_CHECKS:
        report.problems.extend(check_corpus(loaded.dossiers))
    report.problems = [_one_line(p) for p in report.problems]
    report.problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return report


def _one_line(p: Problem) -> Problem:
    """A message quoting a value with a line break (a multi-line key, say) stays one output line."""
    if "\n" in p.message or "\n" in p.hint:
        return replace(p, message=p.message.replace("\n", "↵"), hint=p.hint.replace("\n", "↵"))
    return p


def check_paths(
    paths: Iterable[Path], config: Config | None = None, today: dt.date | None = None, root: Path | None = None
) -> Report:
    """Load and validate every dossier under paths (files or folders)."""
    with gc_paused():
        loaded = load_paths(list(paths), config or default_config(), today or dt.date.today(), root=root)
        return check_loaded(loaded)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while dossiers pile up.

    Loading keeps every dossier's data alive, so each collection walks all of them again: with
    10,000 dossiers that was a third of the run. Reference counting still frees everything that
    is not a cycle; the collector runs again (if it ran before) as soon as we are done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
