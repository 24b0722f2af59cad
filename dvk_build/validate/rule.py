"""What a rule is: a stable code, a kebab-case name, a severity, its source and its documentation (rules.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from importlib.resources import files

import yaml

from ..problem import Severity


class Source(str, Enum):
    """Where a rule's requirement comes from. Only a reading of dvk's own may not block publication."""

    GUIDELINE = "guideline"  # a clause of the guideline (Rule.clause names it)
    FORMAT = "format"  # the data contract (docs/DOSSIER-FORMAT.md): what a machine needs to read a dossier
    CITED = "cited"  # another document, named with its article in Rule.cite
    REFORM = "reform"  # the 2025 reform of local government (two levels, no districts)
    READING = "reading"  # dvk's own reading of the guideline: a warning at most


@dataclass(frozen=True)
class Rule:
    """A rule's identity and its Vietnamese documentation for editors.

    `title` says what it checks, `why` explains it, `bad` and `good` are YAML/Markdown snippets
    for the rules reference. `source` says where the requirement comes from and `cite` names the
    document and article (CITED, REFORM) or says what dvk reads into the guideline (READING).
    """

    code: str
    name: str
    severity: Severity
    title: str
    why: str
    bad: str = ""
    good: str = ""
    clause: str = ""  # clause id of the traceability table (validate/guideline.yaml)
    source: Source = Source.FORMAT
    cite: str = ""
    # False for rules on what only a full dossier records (the six steps, criteria, the vote):
    # a summary record (`record: tom-tat`) from a province's list is not checked by them
    summary: bool = True


def _load() -> dict[str, Rule]:
    data = yaml.load(files(__package__).joinpath("rules.yaml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {code: Rule(code, **{**entry, "severity": Severity(entry["severity"]), "source": Source(entry.get("source", "format"))})
            for code, entry in data.items()}


RULES: dict[str, Rule] = _load()  # by code, in the order of rules.yaml (by code)
