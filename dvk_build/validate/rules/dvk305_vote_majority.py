"""DVK305: the recognition vote is not carried by more than half of the members."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK305", "vote-not-majority", Severity.ERROR,
    title="Biểu quyết công nhận phải được quá nửa số thành viên cấp ủy tán thành.",
    why="Mục 5.2: cấp ủy, tổ chức đảng họp, thảo luận và biểu quyết công nhận; nghị quyết chỉ có giá trị khi quá nửa tán thành.",
    bad="vote: {date: 2023-07-10, members: 15, in_favor: 7}",
    good="vote: {date: 2023-07-10, members: 15, in_favor: 14}",
    clause="5.2",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, _ in ctx.items("recognitions"):
        members = ctx.get("recognitions", i, "vote", "members")
        in_favor = ctx.get("recognitions", i, "vote", "in_favor")
        if not isinstance(members, int) or not isinstance(in_favor, int) or isinstance(members, bool):
            continue
        at = ("recognitions", i, "vote", "in_favor")
        if in_favor > members:
            yield ctx.problem(RULE, at, f"Số phiếu tán thành ({in_favor}) lớn hơn số thành viên ({members}).", "Kiểm tra lại biên bản biểu quyết.")
        elif in_favor * 2 <= members:
            yield ctx.problem(RULE, at, f"{in_favor}/{members} phiếu tán thành chưa quá nửa số thành viên.",
                              f"Cần ít nhất {members // 2 + 1}/{members} phiếu tán thành.")
