"""DVK411: a recognition names an evaluation date the dossier has no evaluation for."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext, fmt_date, parse_date
from ..rule import Rule, Source

RULE = Rule(
    "DVK411", "unknown-evaluation", Severity.ERROR,
    title="Ngày đánh giá làm căn cứ của một lần công nhận phải là ngày của lần đánh giá hoặc đánh giá lại đã ghi.",
    why="Mô hình được công nhận ở cấp cơ sở rồi đề nghị cấp huyện thì được đánh giá lại; mỗi lần công nhận ghi lần "
        "đánh giá nó căn cứ (`evaluation_date`) để trang hiện đúng lịch sử. Ngày không khớp lần đánh giá nào là nhập nhầm.",
    bad="evaluation: {date: 2023-06-30, ...}\nre_evaluations:\n  - {date: 2023-09-05, ...}\nrecognitions:\n"
        "  - {tier: huyen, evaluation_date: 2023-09-15, ...}",
    good="evaluation: {date: 2023-06-30, ...}\nre_evaluations:\n  - {date: 2023-09-05, ...}\nrecognitions:\n"
         "  - {tier: huyen, evaluation_date: 2023-09-05, ...}",
    clause="so-lieu",
    source=Source.FORMAT,
    summary=False,
)


def evaluation_dates(ctx: DossierContext) -> list:
    days = [parse_date(ctx.get("evaluation", "date"))]
    days += [parse_date(ctx.get("re_evaluations", i, "date")) for i, _ in ctx.items("re_evaluations")]
    return [d for d in days if d is not None]


def check(ctx: DossierContext) -> Iterator[Problem]:
    known = evaluation_dates(ctx)
    for i, _ in ctx.items("recognitions"):
        day = parse_date(ctx.get("recognitions", i, "evaluation_date"))
        if day is not None and day not in known:
            listed = ", ".join(fmt_date(d) for d in sorted(known)) or "chưa ghi lần đánh giá nào"
            yield ctx.problem(RULE, ("recognitions", i, "evaluation_date"),
                              f"Lần công nhận thứ {i + 1} căn cứ lần đánh giá ngày {fmt_date(day)}, nhưng hồ sơ không có "
                              "lần đánh giá nào vào ngày đó.",
                              f"Ghi đúng ngày của một lần đánh giá ({listed}), hoặc thêm lần đánh giá lại vào `re_evaluations`.")
