"""DVK306: a notice or decision number in neither usual form, Party (number-TYPE/BODY) or State
(number/TYPE-AGENCY, with an optional year: a People's Committee decision); see the patterns below.

Anything else (`Thông báo số 5`, `021`, `QĐ-UBND`, `1520/QĐ`) is reported.
"""

import re
from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK306"]

_CODE = r"[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*"  # issuing body or agency: ĐU, HU, BDVTU, UBND, BTĐKT
PARTY_RE = re.compile(rf"^\d{{1,5}}-[A-ZĐ]{{2,4}}/{_CODE}$")  # 21-TB/ĐU, 123-QĐ/TU
STATE_RE = re.compile(rf"^\d{{1,5}}(?:/\d{{4}})?/[A-ZĐ]{{2,4}}-{_CODE}$")  # 1520/QĐ-UBND, 25/2024/QĐ-UBND
NUMBER_RE = re.compile(f"{PARTY_RE.pattern}|{STATE_RE.pattern}")


def check(ctx: DossierContext) -> Iterator[Problem]:
    spots = [(("recognitions", i, "notice", "number"), ctx.get("recognitions", i, "notice", "number")) for i, _ in ctx.items("recognitions")]
    spots += [(("awards", i, "decision"), ctx.get("awards", i, "decision")) for i, _ in ctx.items("awards")]
    for at, value in spots:
        if isinstance(value, str) and not NUMBER_RE.match(value.strip()):
            yield ctx.problem(RULE, at, f"Số văn bản `{value}` không theo dạng thường dùng.",
                              "Văn bản của Đảng: `05-TB/ĐU` (Đảng ủy), `145-TB/HU` (Huyện ủy), `12-TB/TU` (Tỉnh ủy), "
                              "`312-QĐ/HU`; văn bản nhà nước: `1520/QĐ-UBND` (Ủy ban nhân dân).")
