"""DVK401: a step the dossier has passed is not documented (stage-aware)."""

from typing import Iterator

from ...stage import STEP_REQUIREMENTS, stage_of
from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK401", "missing-step", Severity.ERROR,
    title="Hồ sơ phải ghi đủ các bước đã qua: mô hình được công nhận phải có đủ bước 1 đến bước 4.",
    why="Phần I của hướng dẫn: xây dựng mô hình qua 6 bước nối tiếp; công nhận (bước 5) dựa trên đăng ký, triển khai, theo dõi và tự đánh giá (bước 1-4).",
    bad="recognitions:\n  - tier: co-so ...\n# không có idea.targets, monitoring, evaluation",
    good="idea: {problem: ..., targets: [...], registered: {...}}\nrollout: {plan: {...}}\nmonitoring: [...]\nevaluation: {...}\nrecognitions: [...]",
    clause="I",
    summary=False,  # a summary record from a province's list has no such facts
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    reached = stage_of(ctx.data)
    for step, needs in STEP_REQUIREMENTS.items():
        if step >= reached or step > 4:
            continue  # a draft is judged only for the steps before the furthest it reached
        for path, what in needs:
            value = ctx.get(*path)
            if value in (None, "", [], {}):
                step_label = ctx.config.steps[step]["long"]
                yield ctx.problem(RULE, path, f"{step_label}: thiếu {what} (`{'.'.join(path)}`).",
                                  f"Hồ sơ đã đến {ctx.config.steps[reached]['long'].lower()}, nên phải ghi đủ các bước trước.")
