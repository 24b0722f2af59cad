"""DVK204: one of the three interests is not stated."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK204", "missing-interest", Severity.ERROR,
    title="Mô hình được công nhận phải nêu đủ 03 lợi ích: tập thể, cộng đồng và cá nhân.",
    why="Bước 1 và mục 5.2.a: mô hình phải kết hợp hài hòa 03 lợi ích (tập thể, cộng đồng và cá nhân).",
    bad="interests: {collective: ..., community: ...}",
    good="interests: {collective: ..., community: ..., individual: ...}",
    clause="b1-ket-qua-du-kien",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized or ctx.get("holder", "kind") != "tap-the":
        return
    for key, label in ctx.config.interests.items():
        value = ctx.get("idea", "interests", key)
        if not isinstance(value, str) or not value.strip():
            yield ctx.problem(RULE, ("idea", "interests", key), f"Chưa nêu {label.lower()} (`idea.interests.{key}`).",
                              "Ghi rõ mô hình đem lại gì cho " + label.lower().replace("lợi ích ", "") + ".")
