"""DVK306: a notice number not in the usual form (`05-TB/ĐU`)."""

import re
from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK306", "notice-number-format", Severity.WARNING,
    title="Số thông báo, quyết định nên theo dạng thường dùng: số-loại văn bản/cơ quan ban hành.",
    why="Số hiệu đúng dạng (như `05-TB/ĐU`, `145-TB/HU`, `312-QĐ/HU`) giúp tra cứu văn bản gốc.",
    bad="notice: {number: Thông báo số 5, date: 2023-07-12}",
    good="notice: {number: 05-TB/ĐU, date: 2023-07-12}",
    clause="5.3",
)

NUMBER_RE = re.compile(r"^\d{1,5}-[A-ZĐ]{2,4}/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")


def check(ctx: DossierContext) -> Iterator[Problem]:
    spots = [(("recognitions", i, "notice", "number"), ctx.get("recognitions", i, "notice", "number")) for i, _ in ctx.items("recognitions")]
    spots += [(("awards", i, "decision"), ctx.get("awards", i, "decision")) for i, _ in ctx.items("awards")]
    for at, value in spots:
        if isinstance(value, str) and not NUMBER_RE.match(value.strip()):
            yield ctx.problem(RULE, at, f"Số văn bản `{value}` không theo dạng thường dùng.",
                              "Ví dụ: `05-TB/ĐU` (Đảng ủy), `145-TB/HU` (Huyện ủy), `12-TB/TU` (Tỉnh ủy), `312-QĐ/HU`.")
