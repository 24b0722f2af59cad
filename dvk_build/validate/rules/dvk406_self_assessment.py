"""DVK406: the declared self-assessment differs from the level the results suggest (a reading: a warning)."""

from typing import Any, Iterator

from ...assessment import compute
from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK406", "self-assessment-mismatch", Severity.WARNING,
    title="Mức tự đánh giá (vượt, bằng, kém) khác với mức mà số liệu chỉ tiêu gợi ý.",
    why="Bước 4: tập thể (cá nhân) tự đánh giá “căn cứ kết quả dự kiến của mô hình theo bản đăng ký”; hướng dẫn để "
        "việc đánh giá cho tập thể. dvk tính một mức từ số liệu (tất cả đạt và có chỉ tiêu vượt: vượt; tất cả vừa "
        "đạt: bằng; có chỉ tiêu chưa đạt: kém) và hiện bên cạnh mức tự đánh giá trên trang; khác nhau thì chỉ nhắc "
        "kiểm tra lại số liệu.",
    bad="targets: [{id: ho-cam-ket, target: 120, ...}]\nresults: [{target: ho-cam-ket, actual: 100}]\nself_assessment: vuot",
    good="targets: [{id: ho-cam-ket, target: 120, ...}]\nresults: [{target: ho-cam-ket, actual: 125}]\nself_assessment: vuot",
    clause="b4-tu-danh-gia",
    source=Source.READING,
    cite="Hướng dẫn để tập thể (cá nhân) tự đánh giá “căn cứ kết quả dự kiến”; mức dvk tính từ số liệu (tất cả đạt và có chỉ tiêu vượt là “vượt”, tất cả vừa đạt là “bằng”, có chỉ tiêu chưa đạt là “kém”) chỉ là cách đọc của dvk để đối chiếu.",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    # malformed ids and result names are DVK102/DVK104's; only well-formed pairs are compared
    targets = [t for _, t in ctx.items("idea", "targets") if isinstance(t.get("id"), str)]
    for at, results in evaluations(ctx):
        declared = ctx.word(*at, "self_assessment")
        computed = compute(targets, [r for r in results if isinstance(r.get("target"), str)])
        if declared in ctx.config.self_assessment and computed and computed != declared:
            labels = ctx.config.self_assessment
            yield ctx.problem(
                RULE, (*at, "self_assessment"),
                f"Tự đánh giá “{labels[declared]['label']}”; số liệu kết quả so với chỉ tiêu gợi ý mức "
                f"“{labels[computed]['label']}”.",
                "Mức tự đánh giá là của tập thể; nếu số liệu ghi nhầm thì sửa số liệu, nếu không thì giữ nguyên.",
            )


def evaluations(ctx: DossierContext) -> list[tuple[tuple[str | int, ...], list[dict[str, Any]]]]:
    """(path, results) of the evaluation and of each re-evaluation."""
    out: list[tuple[tuple[str | int, ...], list[dict[str, Any]]]] = [
        (("evaluation",), [r for _, r in ctx.items("evaluation", "results")])
    ]
    for i, _ in ctx.items("re_evaluations"):
        results = ctx.get("re_evaluations", i, "results")
        out.append((("re_evaluations", i), [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []))
    return out
