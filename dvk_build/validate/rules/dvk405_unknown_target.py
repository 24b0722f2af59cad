"""DVK405: an evaluation result that names no registered target."""

import difflib
from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK405"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    ids = [t.get("id") for _, t in ctx.items("idea", "targets") if isinstance(t.get("id"), str)]
    places = [((*at, "results", i), r) for at, results in ctx.evaluations() for i, r in results]
    for at, result in places:
        name = result.get("target")
        if isinstance(name, str) and name not in ids:
            near = difflib.get_close_matches(name, ids, n=1, cutoff=0.5)
            hint = f"Có phải ý bạn là `{near[0]}`?" if near else "Các chỉ tiêu đã đăng ký: " + (", ".join(f"`{x}`" for x in ids) or "chưa có") + "."
            yield ctx.problem(RULE, (*at, "target"), f"Kết quả ghi cho chỉ tiêu `{name}` nhưng chỉ tiêu này chưa đăng ký.", hint)
