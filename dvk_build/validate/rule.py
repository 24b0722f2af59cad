"""What a rule is: a stable code, a kebab-case name, a severity and its documentation."""

from __future__ import annotations

from dataclasses import dataclass

from ..problem import Severity


@dataclass(frozen=True)
class Rule:
    """A rule's identity and its Vietnamese documentation for editors.

    `title` says what it checks, `why` cites the guideline or the format,
    `bad` and `good` are YAML/Markdown snippets for the rules reference.
    """

    code: str
    name: str
    severity: Severity
    title: str
    why: str
    bad: str = ""
    good: str = ""
    clause: str = ""  # guideline clause id (see validate/traceability.py)
    # False for rules on what only a full dossier records (the six steps, criteria, the vote):
    # a summary record (`record: tom-tat`) from a province's list is not checked by them
    summary: bool = True
