"""The closest name to a mistyped one, for a hint: difflib's choice, asked of the few names that share most pairs of letters."""

from __future__ import annotations

import difflib
from typing import Iterable

SHORTLIST = 20  # difflib compares the typed name with these only: each comparison is slow, a catalogue has 10,000 names


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def closest(name: str, names: Iterable[str]) -> str | None:
    """The name difflib.get_close_matches would pick, or None.

    A name it would pick shares most of its letter pairs with the typed one, so the shortlist of
    the names sharing the most pairs holds it; difflib then decides among those as before.
    """
    typed = _pairs(name)
    shortlist = sorted(names, key=lambda candidate: -len(typed & _pairs(candidate)))[:SHORTLIST]
    found = difflib.get_close_matches(name, shortlist, n=1, cutoff=0.6)
    return found[0] if found else None
