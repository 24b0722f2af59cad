"""A problem found in a dossier: file, position, rule code and Vietnamese message."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """One diagnostic. Line and column are 1-based, as editors count them."""

    path: str
    line: int
    col: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity.value}
