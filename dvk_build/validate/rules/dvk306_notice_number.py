"""DVK306: a notice or decision number in neither usual form.

Two forms are in use, and both are accepted:

- Party documents: number-TYPE/BODY, e.g. `05-TB/ĐU`, `21-TB/ĐU`, `145-TB/HU`, `123-QĐ/TU`,
  `58-QĐ/BDVTU` (the issuing committee after the slash);
- State documents: number/TYPE-AGENCY, e.g. `1520/QĐ-UBND`, `45/QĐ-UBND`, `12/QĐ-BTĐKT`, with
  an optional year for legal documents (`25/2024/QĐ-UBND`). A People's Committee decision
  recognizing or rewarding a model uses this form.

Anything else (`Thông báo số 5`, `021`, `QĐ-UBND`, `1520/QĐ`) is reported.
"""

import re
from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK306", "notice-number-format", Severity.WARNING,
    title="Số thông báo, quyết định nên theo dạng thường dùng: văn bản của Đảng `số-loại/cơ quan`, "
          "văn bản nhà nước `số/loại-cơ quan`.",
    why="Số hiệu đúng dạng (văn bản của Đảng như `05-TB/ĐU`, `145-TB/HU`, `312-QĐ/HU`; văn bản nhà nước "
        "như `1520/QĐ-UBND`) giúp tra cứu văn bản gốc.",
    bad="notice: {number: Thông báo số 5, date: 2023-07-12}\n"
        "awards:\n  - {year: 2024, by: Ủy ban nhân dân tỉnh, form: Bằng khen, decision: 1520/QĐ}",
    good="notice: {number: 05-TB/ĐU, date: 2023-07-12}\n"
         "awards:\n  - {year: 2024, by: Ủy ban nhân dân tỉnh, form: Bằng khen, decision: 1520/QĐ-UBND}",
    clause="the-thuc-van-ban",
    source=Source.CITED,
    cite="Quy định của Ban Bí thư về thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng (66-QĐ/TW ngày 6/2/2017; 399-QĐ/TW ngày 9/1/2026) và Hướng dẫn 36-HD/VPTW ngày 3/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ thuật trình bày văn bản của Đảng (số và ký hiệu văn bản của Đảng); "
         "Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ về công tác văn thư (thể thức văn bản hành chính, gồm số, ký hiệu).",
)

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
