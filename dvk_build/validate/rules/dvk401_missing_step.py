"""DVK401: a step the dossier has passed is not recorded, by the rules in force when it was recognized."""

import datetime as dt
from typing import Iterator

from ...problem import Problem, Severity
from ...stage import STEP_REQUIREMENTS, stage_of
from ..context import DossierContext, parse_date
from ..rule import Rule, Source

RULE = Rule(
    "DVK401", "missing-step", Severity.ERROR,
    title="Hồ sơ phải ghi các bước đã qua mà quy định đang có hiệu lực khi mô hình được công nhận đòi hỏi.",
    why="Phần I của hướng dẫn bổ sung: xây dựng mô hình qua 6 bước nối tiếp; công nhận (bước 5) dựa trên đăng ký, "
        "triển khai, theo dõi và tự đánh giá (bước 1-4). Hướng dẫn bổ sung có hiệu lực từ ngày ký: mô hình được "
        "biểu quyết công nhận lần đầu trước ngày đó chỉ phải ghi những gì Hướng dẫn 08-HD/BDVTU đòi (ngày đăng ký); "
        "các mốc ngày của từng giai đoạn ghi trong config.yaml (`rules_in_force`).",
    bad="recognitions:\n  - tier: co-so\n    vote: {date: 2024-09-10, ...}\n# không có idea.targets, monitoring, evaluation",
    good="idea: {problem: ..., targets: [...], registered: {...}}\nrollout: {plan: {...}}\nmonitoring: [...]\nevaluation: {...}\nrecognitions: [...]",
    clause="I",
    source=Source.GUIDELINE,
    summary=False,  # a summary record from a province's list has no such facts
)


def judged_on(ctx: DossierContext) -> dt.date:
    """The day whose rules apply: the first recognition vote (or notice), else today (a draft)."""
    days = [parse_date(ctx.get("recognitions", i, "vote", "date")) or parse_date(ctx.get("recognitions", i, "notice", "date"))
            for i, _ in ctx.items("recognitions")]
    known = [d for d in days if d is not None]
    return min(known) if known else ctx.today


def check(ctx: DossierContext) -> Iterator[Problem]:
    reached = stage_of(ctx.data)
    period = ctx.period
    rules = period.rules_on(judged_on(ctx)) if period is not None else None
    required = set(rules.requires) if rules is not None else None  # no configured rules: all of them
    for step, needs in STEP_REQUIREMENTS.items():
        if step >= reached or step > 4:
            continue  # a draft is judged only for the steps before the furthest it reached
        for path, what in needs:
            if required is not None and ".".join(path) not in required:
                continue
            value = ctx.get(*path)
            if value in (None, "", [], {}):
                step_label = ctx.config.steps[step]["long"]
                since = f", theo quy định có hiệu lực khi đó: {rules.label}" if rules is not None else ""
                missing = what if what.startswith("chưa") else f"thiếu {what}"
                yield ctx.problem(RULE, path, f"{step_label}: {missing} (trường `{'.'.join(path)}`){since}.",
                                  f"Hồ sơ đã đến {ctx.config.steps[reached]['long'].lower()}, nên phải ghi các bước trước.")
