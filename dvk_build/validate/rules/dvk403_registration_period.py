"""DVK403: the registration date falls outside the dossier's period."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext, fmt_date, parse_date
from ..rule import Rule, Source

RULE = Rule(
    "DVK403", "registration-outside-period", Severity.WARNING,
    title="Ngày đăng ký xây dựng mô hình nên nằm trong giai đoạn của hồ sơ.",
    why="Mô hình được đăng ký và công nhận theo giai đoạn (2021-2025, 2026-2030); đăng ký ngoài giai đoạn là ghi nhầm giai đoạn hoặc ngày.",
    bad="period: 2021-2025\nidea:\n  registered: {date: 2026-03-01}",
    good="period: 2026-2030\nidea:\n  registered: {date: 2026-03-01}",
    clause="b1-dang-ky",
    source=Source.READING,
    cite="Hướng dẫn không nói mô hình phải đăng ký trong giai đoạn nó được công nhận (một mô hình có thể đăng ký cuối giai đoạn trước); dvk chỉ nhắc kiểm tra giai đoạn hoặc ngày.",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    day = parse_date(ctx.get("idea", "registered", "date"))
    if period and day and not (period.start <= day <= period.end):
        yield ctx.problem(RULE, ("idea", "registered", "date"),
                          f"Ngày đăng ký {fmt_date(day)} nằm ngoài {period.label.lower()} ({fmt_date(period.start)} - {fmt_date(period.end)}).",
                          "Sửa lại ngày đăng ký hoặc trường `period`.")
