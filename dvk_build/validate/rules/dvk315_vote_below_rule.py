"""DVK315: a recognition vote below the majority a cited document sets for that kind of body."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK315"]

_ELECTORATE = {"members": "số thành viên", "present": "số thành viên có mặt"}


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, _ in ctx.items("recognitions"):
        at = ("recognitions", i, "vote")
        body = ctx.config.vote_bodies.get(ctx.word(*at, "body_kind") or "")
        if body is None or body.rule is None:
            continue
        base, in_favor = ctx.count(*at, body.rule.electorate), ctx.count(*at, "in_favor")
        if base is None or in_favor is None or in_favor > base:
            continue  # impossible counts are DVK305's
        if in_favor * 2 <= base:
            need = base // 2 + 1
            yield ctx.problem(
                RULE, (*at, "in_favor"),
                f"Biểu quyết của lần công nhận thứ {i + 1} ({body.label.lower()}): {in_favor} người tán thành, chưa "
                f"hơn một nửa {_ELECTORATE[body.rule.electorate]} ({base}); cần ít nhất {need} người tán thành.",
                f"Đối chiếu lại với biên bản họp. Căn cứ: {body.rule.source}.",
            )
