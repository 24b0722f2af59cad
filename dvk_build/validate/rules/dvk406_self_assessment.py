"""DVK406: the declared self-assessment does not match the results."""

from typing import Iterator

from ...assessment import compute
from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK406", "self-assessment-mismatch", Severity.ERROR,
    title="Mức tự đánh giá (vượt, bằng, kém) phải khớp với kết quả so với chỉ tiêu.",
    why="Bước 4: căn cứ kết quả dự kiến theo bản đăng ký để tự đánh giá theo 03 mức. Tất cả đạt và có chỉ tiêu vượt: `vuot`; tất cả vừa đạt: `bang`; có chỉ tiêu chưa đạt: `kem`.",
    bad="targets: [{id: ho-cam-ket, target: 120, ...}]\nresults: [{target: ho-cam-ket, actual: 100}]\nself_assessment: vuot",
    good="targets: [{id: ho-cam-ket, target: 120, ...}]\nresults: [{target: ho-cam-ket, actual: 125}]\nself_assessment: vuot",
    clause="b4-tu-danh-gia",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    declared = ctx.word("evaluation", "self_assessment")
    # malformed ids and result names are DVK102/DVK104's; only well-formed pairs are compared
    targets = [t for _, t in ctx.items("idea", "targets") if isinstance(t.get("id"), str)]
    results = [r for _, r in ctx.items("evaluation", "results") if isinstance(r.get("target"), str)]
    computed = compute(targets, results)
    if declared in ctx.config.self_assessment and computed and computed != declared:
        labels = ctx.config.self_assessment
        yield ctx.problem(
            RULE, ("evaluation", "self_assessment"),
            f"Tự đánh giá “{labels[declared]['label']}” nhưng theo kết quả so với chỉ tiêu thì là “{labels[computed]['label']}”.",
            f"Sửa thành `self_assessment: {computed}`, hoặc kiểm tra lại số liệu kết quả.",
        )
