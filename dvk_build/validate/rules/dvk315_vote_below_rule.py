"""DVK315: a recognition vote below the majority a cited document sets for that kind of body."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK315", "vote-below-rule", Severity.ERROR,
    title="Số tán thành phải đạt mức mà văn bản căn cứ đặt ra cho loại cơ quan biểu quyết (nếu cấu hình có).",
    why="Hướng dẫn (mục 5.2) chỉ nói cấp ủy, tổ chức đảng họp, thảo luận và biểu quyết, không nêu tỷ lệ. Tỷ lệ chỉ "
        "được kiểm tra cho loại cơ quan mà config.yaml (`vote_bodies`) ghi kèm văn bản căn cứ: ban chấp hành và ban "
        "thường vụ theo Điều lệ Đảng. Chi bộ và hồ sơ không ghi loại cơ quan chỉ được ghi lại, không kiểm tra.",
    bad="vote: {date: 2023-07-10, body_kind: ban-thuong-vu, members: 15, present: 12, in_favor: 7}",
    good="vote: {date: 2023-07-10, body_kind: ban-thuong-vu, members: 15, present: 12, in_favor: 11}",
    clause="dieu-le-dang",
    source=Source.CITED,
    summary=False,  # a summary record from a province's list has no vote
    cite="Điều lệ Đảng Cộng sản Việt Nam (2011), Điều 9, khoản 5 (nghị quyết của cơ quan lãnh đạo của Đảng chỉ có giá "
         "trị thi hành khi có hơn một nửa số thành viên tán thành), áp dụng cho loại cơ quan ghi trong `vote_bodies` "
         "của config.yaml.",
)

_ELECTORATE = {"members": "số thành viên", "present": "số thành viên có mặt"}


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, _ in ctx.items("recognitions"):
        at = ("recognitions", i, "vote")
        body = ctx.config.vote_bodies.get(ctx.word(*at, "body_kind") or "")
        if body is None or body.rule is None:
            continue
        base = ctx.get(*at, body.rule.electorate)
        in_favor = ctx.get(*at, "in_favor")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (base, in_favor)):
            continue
        if in_favor > base:
            continue  # impossible counts are DVK305's
        if in_favor * 2 <= base:
            need = base // 2 + 1
            yield ctx.problem(
                RULE, (*at, "in_favor"),
                f"Biểu quyết của lần công nhận thứ {i + 1} ({body.label.lower()}): {in_favor} người tán thành, chưa "
                f"hơn một nửa {_ELECTORATE[body.rule.electorate]} ({base}); cần ít nhất {need} người tán thành.",
                f"Đối chiếu lại với biên bản họp. Căn cứ: {body.rule.source}.",
            )
