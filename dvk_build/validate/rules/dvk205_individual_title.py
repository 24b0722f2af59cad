"""DVK205: an individual holder without a position."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK205", "individual-without-title", Severity.WARNING,
    title="Chủ thể là cá nhân nên ghi chức vụ hoặc vai trò.",
    why="Mục 5.2.a (cá nhân): người được công nhận là người trực tiếp tham mưu, tổ chức hoặc chủ công thực hiện mô hình; chức vụ giúp đơn vị khác biết nên liên hệ ai.",
    bad="holder: {kind: ca-nhan, name: Nguyễn Văn A, title: null}",
    good="holder: {kind: ca-nhan, name: Nguyễn Văn A, title: Trưởng ấp Phú Hòa}",
    clause="5.2.a-cn-vai-tro",
    source=Source.READING,
    cite="Hướng dẫn không đòi cá nhân phải có chức vụ (người chủ công có thể là người dân không giữ chức vụ nào); dvk khuyên ghi để đơn vị khác biết nên liên hệ ai.",
    summary=False,  # a summary record from a province's list has no such facts
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if ctx.get("holder", "kind") == "ca-nhan" and not ctx.get("holder", "title"):
        yield ctx.problem(RULE, ("holder",), "Cá nhân chưa có chức vụ (`holder.title`).", "Ví dụ: `title: Bí thư Chi bộ ấp Phú Hòa`.")
