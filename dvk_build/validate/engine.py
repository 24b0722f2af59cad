"""Running every rule over every dossier; all problems, never only the first."""

from __future__ import annotations

import datetime as dt
import gc
import re
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..config import Config, default_config
from .reading import LoadResult, load_paths
from ..problem import Problem
from .context import DossierContext
from .form import check_form
from .neighbours import Neighbour, neighbours
from .registry import CORPUS_CHECKS, DOSSIER_CHECKS, SUMMARY_CHECKS


class Report(LoadResult):
    """What was loaded, with the problems of the rules too."""

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
        # problems show a path escaped (`\\n` for a line break in a file name): compare it so
        return [d for d in self.dossiers if visible(d.path) not in bad]


# Load-time traps: the value is not what the editor typed, so other verdicts on it are noise.
_TRAP_CODES = frozenset({"DVK005", "DVK006"})


def check_dossier(ctx: DossierContext) -> list[Problem]:
    problems = list(check_form(ctx))
    for check in SUMMARY_CHECKS if ctx.summary_record else DOSSIER_CHECKS:
        problems.extend(check(ctx))
    trapped = {(p.line, p.col) for p in ctx.problems if p.code in _TRAP_CODES}
    if trapped:
        problems = [p for p in problems if (p.line, p.col) not in trapped]
    return problems


def check_loaded(loaded: LoadResult, others: Sequence[Neighbour] = ()) -> Report:
    """The rules on every loaded dossier; those across dossiers also see `others` (not loaded, not reported on)."""
    report = Report(dossiers=loaded.dossiers, problems=list(loaded.problems), files=loaded.files)
    for ctx in loaded.dossiers:
        report.problems.extend(ctx.problems)
        report.problems.extend(check_dossier(ctx))
        ctx.cache.clear()  # the rules' shared work on this dossier (texts, spots): not needed any more
    for check_corpus in CORPUS_CHECKS:
        report.problems.extend(check_corpus(loaded.dossiers, others))
    report.problems = [_one_line(p) for p in report.problems]
    report.problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return report


def _one_line(p: Problem) -> Problem:
    """One output line per problem, nothing a terminal or a CI log would act on.

    A message quoting a value with a line break (a multi-line key, say) shows it as ↵; control
    characters (ESC sequences that clear or hide the screen) and bidi overrides, in a message or in
    a file name, are shown escaped (`\\x1b`), so a value cannot forge a line such as `::error`.
    """
    if "\n" in p.message or "\n" in p.hint:
        p = replace(p, message=p.message.replace("\n", "↵"), hint=p.hint.replace("\n", "↵"))
    if _HIDDEN_RE.search(p.path) or _HIDDEN_RE.search(p.message) or _HIDDEN_RE.search(p.hint):
        p = replace(p, path=visible(p.path), message=visible(p.message), hint=visible(p.hint))
    return p


# C0 and C1 controls, DEL, zero-width and bidi formatting characters, line and paragraph separators.
_HIDDEN_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """text with every invisible or terminal-active character written as an escape (`\\x1b`, `\\u202e`)."""
    def one(m: re.Match[str]) -> str:
        c = m.group(0)
        return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")

    return _HIDDEN_RE.sub(one, text)


def check_paths(
    paths: Iterable[Path], config: Config | None = None, today: dt.date | None = None, root: Path | None = None
) -> Report:
    """Load and validate every dossier under paths (files or folders).

    Given files alone (the pre-commit case), the rules across dossiers also see the other dossiers
    of their folders, read cheaply (neighbours.py).
    """
    paths = list(paths)
    with gc_paused():
        loaded = load_paths(paths, config or default_config(), today or dt.date.today(), root=root)
        files = [p for p in paths if p.is_file()]
        others = neighbours(files, root) if files and len(files) == len(paths) else []
        return check_loaded(loaded, others)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while dossiers pile up: loading keeps every dossier's data alive, so
    each collection would walk all of them again (bench/README.md). Reference counting frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
