"""The view of one loaded dossier that rules read, and a helper to report problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..config import SUMMARY_RECORD, Config, Period
from ..load.yamltree import PathKey, Tree
from ..problem import Problem
from .rule import Rule, Source

# Said after every problem of a rule that is only dvk's reading of the guideline (a warning).
READING_NOTE = "Đây là cách đọc của dvk, không phải yêu cầu của hướng dẫn."


@dataclass
class DossierContext:
    path: str  # as shown to editors (relative where possible)
    slug: str
    data: dict[str, Any]
    tree: Tree
    body: str
    body_first_line: int
    config: Config
    today: dt.date
    bundle_dir: str | None = None  # folder of a bundle dossier, else None
    problems: list[Problem] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # values several rules derive (text spots)

    def get(self, *path: str | int) -> Any:
        """The value at path, or None when any step is missing or of the wrong type."""
        node: Any = self.data
        for step in path:  # the rules ask about 120 values of each dossier: one type test per step
            if isinstance(step, str):
                if not isinstance(node, dict):
                    return None
                node = node.get(step)
            else:
                if not isinstance(node, list) or step >= len(node):
                    return None
                node = node[step]
            if node is None:
                return None
        return node

    def word(self, *path: str | int) -> str | None:
        """The value at path when it is text, else None: a list or number where a slug is expected
        is the form checks' to report, and must not reach a dict lookup (unhashable)."""
        value = self.get(*path)
        return value if isinstance(value, str) else None

    def count(self, *path: str | int) -> int | None:
        """The value at path when it is a whole number (YAML's true/false are not), else None."""
        value = self.get(*path)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def period(self) -> Period | None:
        """The configured period the dossier names, or None when unknown or malformed."""
        return self.config.periods.get(self.word("period") or "")

    def items(self, *path: str | int) -> list[tuple[int, dict[str, Any]]]:
        """(index, item) of the mapping items of a list, skipping malformed ones."""
        value = self.get(*path)
        if not isinstance(value, list):
            return []
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]

    def problem(
        self, rule: Rule, at: PathKey, message: str, hint: str = "", on_key: bool = False
    ) -> Problem:
        line, col = self.tree.key_pos(at) if on_key else self.tree.pos(at)
        if rule.source is Source.READING:
            hint = f"{hint} {READING_NOTE}".strip()
        return Problem(self.path, line, col, rule.code, rule.name, rule.severity, message, hint)

    def label(self, at: PathKey) -> str:
        """Vietnamese label of a data path, e.g. ('idea', 'targets', 0, 'id')."""
        dotted = field_path(at)
        while dotted.endswith("[]") and dotted not in self.config.field_labels:
            dotted = dotted[:-2]  # an item of a plain list (`fields[]`) is named after its list
        return self.config.label(dotted)

    @property
    def summary_record(self) -> bool:
        """`record: tom-tat`: known only from a province's list, checked only on what a list holds."""
        return self.data.get("record") == SUMMARY_RECORD

    def where(self, at: PathKey) -> str:
        """How an editor finds a value: its Vietnamese label, the field path, and list positions counted from 1.

        `(“Số thành viên của cơ quan biểu quyết”, lần công nhận thứ 2, trường `recognitions[].vote.members`)`
        rather than `recognitions.1.vote.members`: editors count from 1, not from 0.
        """
        parts = [f"lần công nhận thứ {at[i] + 1}" if at[i - 1] == "recognitions" else
                 f"{_ITEM.get(str(at[i - 1]), 'mục')} thứ {at[i] + 1}"
                 for i in range(1, len(at)) if isinstance(at[i], int)]
        return ", ".join([f"“{self.label(at)}”"] + parts + [f"trường `{field_path(at)}`"])

    @property
    def recognized(self) -> bool:
        return bool(self.items("recognitions"))

    def evaluations(self) -> list[tuple[PathKey, list[tuple[int, dict[str, Any]]]]]:
        """(path, its results as `items` gives them) of the evaluation and of each re-evaluation."""
        return [(("evaluation",), self.items("evaluation", "results"))] + [
            (("re_evaluations", i), self.items("re_evaluations", i, "results")) for i, _ in self.items("re_evaluations")]

    def date_texts(self) -> list[tuple[PathKey, str]]:
        """Every text value of a `date` key with its path, in document order (computed once)."""
        found = self.cache.get("date_texts")
        if found is None:
            found = self.cache["date_texts"] = []
            _walk_dates(self.data, (), found)
        return found

    def dates(self) -> list[tuple[PathKey, dt.date]]:
        """Every valid date in the dossier with its path (invalid ones are DVK106's)."""
        return [(path, day) for path, raw in self.date_texts() if (day := parse_date(raw))]


# What one item of a list is called, by the list's key (positions are counted from 1).
_ITEM = {
    "monitoring": "lần theo dõi", "targets": "chỉ tiêu", "results": "kết quả", "awards": "lần khen thưởng",
    "sites": "nơi nhân rộng", "attachments": "tệp đính kèm", "re_evaluations": "lần đánh giá lại",
    "fields": "lĩnh vực", "core_team": "dòng", "activities": "hoạt động", "sources": "nguồn", "follow_up": "lần",
}


def field_path(at: PathKey) -> str:
    """The declared field a data path is a value of: ('idea', 'targets', 0, 'id') → `idea.targets[].id`."""
    return ".".join("[]" if isinstance(p, int) else str(p) for p in at).replace(".[]", "[]")


def _walk_dates(node: Any, path: PathKey, out: list[tuple[PathKey, str]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "date" and isinstance(value, str):
                out.append((path + (key,), value))
            elif isinstance(value, (dict, list)):
                _walk_dates(value, path + (key,), out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                _walk_dates(value, path + (i,), out)


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
