"""DVK202: a recognized model lacks evidence for a criterion of its holder kind."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import lower_first
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK202"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized:
        return  # a draft is judged only for the steps it has reached
    kind = ctx.word("holder", "kind")
    for crit in ctx.config.criteria.get(kind, ()):
        value = ctx.get("criteria", crit.key)
        if not isinstance(value, str) or not value.strip():
            yield ctx.problem(
                RULE, ("criteria", crit.key) if ctx.get("criteria") else ("recognitions",),
                f"Thiếu minh chứng cho tiêu chí `{crit.key}`: {crit.label}.",
                f"Thêm `criteria.{crit.key}`: nêu việc làm, số liệu cho thấy mô hình “{lower_first(crit.label)}”.",
            )
