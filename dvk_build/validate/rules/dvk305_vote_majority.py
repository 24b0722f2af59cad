"""DVK305: vote counts that cannot be (more in favour or present than the body has members)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK305"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, _ in ctx.items("recognitions"):
        at = ("recognitions", i, "vote")
        members, present, in_favor = (ctx.count(*at, k) for k in ("members", "present", "in_favor"))
        n = f"của lần công nhận thứ {i + 1}"
        if members is not None and present is not None and present > members:
            yield ctx.problem(RULE, (*at, "present"),
                              f"Biểu quyết {n}: số có mặt ({present}) lớn hơn số thành viên ({members}).",
                              "Đối chiếu lại với biên bản họp.")
        if members is not None and in_favor is not None and in_favor > members:
            yield ctx.problem(RULE, (*at, "in_favor"),
                              f"Biểu quyết {n}: số tán thành ({in_favor}) lớn hơn số thành viên ({members}).",
                              "Đối chiếu lại với biên bản họp.")
        elif present is not None and in_favor is not None and in_favor > present:
            yield ctx.problem(RULE, (*at, "in_favor"),
                              f"Biểu quyết {n}: số tán thành ({in_favor}) lớn hơn số có mặt ({present}).",
                              "Đối chiếu lại với biên bản họp.")
