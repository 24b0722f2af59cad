"""DVK408: two targets (or two results) share an id."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK408", "duplicate-target", Severity.ERROR,
    title="Mã chỉ tiêu không được trùng; mỗi chỉ tiêu chỉ có một kết quả.",
    why="Kết quả được đối chiếu với chỉ tiêu theo mã; mã trùng làm không biết kết quả thuộc chỉ tiêu nào.",
    bad="targets:\n  - {id: ho-cam-ket, ...}\n  - {id: ho-cam-ket, ...}",
    good="targets:\n  - {id: ho-cam-ket, ...}\n  - {id: ho-thuc-hien, ...}",
    clause="so-lieu",
    source=Source.FORMAT,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, key in ((("idea", "targets"), "id"), (("evaluation", "results"), "target")):
        seen: set[str] = set()
        for i, item in ctx.items(*path):
            value = item.get(key)
            if isinstance(value, str):
                if value in seen:
                    yield ctx.problem(RULE, path + (i, key), f"Mã `{value}` bị lặp lại.", "Mỗi mã chỉ dùng một lần.")
                seen.add(value)
