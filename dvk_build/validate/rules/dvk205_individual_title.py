"""DVK205: an individual holder without a position."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK205"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    if ctx.get("holder", "kind") == "ca-nhan" and not ctx.get("holder", "title"):
        yield ctx.problem(RULE, ("holder",), "Cá nhân chưa có chức vụ (`holder.title`).", "Ví dụ: `title: Bí thư Chi bộ ấp Phú Hòa`.")
