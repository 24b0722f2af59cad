"""DVK204: one of the three interests is not stated.

Step 1 of the guideline asks every model, collective or individual, for its expected results,
among them "kết hợp hài hòa 03 lợi ích (tập thể, cộng đồng và cá nhân)"; criterion 5.2.a repeats
it for tập thể. Which holder kinds are checked is config.yaml's `interests_required_for` (both
kinds in the shipped configuration).
"""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK204", "missing-interest", Severity.ERROR,
    title="Mô hình được công nhận phải nêu đủ 03 lợi ích: tập thể, cộng đồng và cá nhân.",
    why="Bước 1: kết quả dự kiến của mọi mô hình, của tập thể hay cá nhân, gồm việc kết hợp hài hòa 03 lợi ích "
        "(tập thể, cộng đồng và cá nhân); mục 5.2.a nhắc lại tiêu chí này cho tập thể.",
    bad="interests: {collective: ..., community: ...}",
    good="interests: {collective: ..., community: ..., individual: ...}",
    clause="b1-ket-qua-du-kien",
    source=Source.GUIDELINE,
    summary=False,  # a summary record from a province's list has no such facts
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized or ctx.word("holder", "kind") not in ctx.config.interests_required_for:
        return
    for key, label in ctx.config.interests.items():
        value = ctx.get("idea", "interests", key)
        if not isinstance(value, str) or not value.strip():
            yield ctx.problem(RULE, ("idea", "interests", key), f"Chưa nêu {label.lower()} (`idea.interests.{key}`).",
                              "Ghi rõ mô hình đem lại gì cho " + label.lower().replace("lợi ích ", "") + ".")
