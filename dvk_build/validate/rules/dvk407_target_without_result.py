"""DVK407: a registered target has no result in the evaluation."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK407", "target-without-result", Severity.WARNING,
    title="Mỗi chỉ tiêu đã đăng ký nên có kết quả khi đánh giá.",
    why="Bước 4: đánh giá kết quả, hiệu quả so với mục tiêu, chỉ tiêu ban đầu; chỉ tiêu bỏ ngỏ làm tự đánh giá thiếu căn cứ.",
    bad="targets: [{id: ho-cam-ket, ...}, {id: tuyen-duong, ...}]\nresults: [{target: ho-cam-ket, actual: 125}]",
    good="results: [{target: ho-cam-ket, actual: 125}, {target: tuyen-duong, actual: 3}]",
    clause="b4-danh-gia",
    source=Source.GUIDELINE,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.items("evaluation", "results"):
        return
    done = {r["target"] for _, r in ctx.items("evaluation", "results") if isinstance(r.get("target"), str)}
    for i, target in ctx.items("idea", "targets"):
        if isinstance(target.get("id"), str) and target["id"] not in done:
            yield ctx.problem(RULE, ("idea", "targets", i, "id"), f"Chỉ tiêu “{target.get('indicator') or target['id']}” (`{target['id']}`) chưa có kết quả đánh giá.",
                              f"Thêm `{{target: {target['id']}, actual: ...}}` vào `evaluation.results`.")
