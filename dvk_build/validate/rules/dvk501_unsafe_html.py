"""DVK501: raw HTML, event handlers or script URLs in the body or a field."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule
from ..text_scan import all_spots, unsafe_markup

RULE = Rule(
    "DVK501", "unsafe-html", Severity.ERROR,
    title="Không chèn mã HTML nguy hiểm: `<script>`, `<iframe>`, `<form>`, thuộc tính `on...=`, đường dẫn `javascript:` hay `data:`.",
    why="Trang là trang công khai của cơ quan; một đoạn mã chèn vào có thể đánh cắp thông tin hoặc giả mạo nội dung. Định dạng chữ bằng Markdown.",
    bad='Xem <a href="javascript:alert(1)">tại đây</a>',
    good="Xem [kế hoạch nhân rộng](#ke-hoach)",
    clause="an-toan",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for spot in all_spots(ctx):
        for offset, what in unsafe_markup(spot.text):
            msg = f"Nội dung có {what}."
            hint = "Xóa mã HTML; dùng cú pháp Markdown để định dạng chữ và chèn liên kết http(s)."
            if spot.path is not None:
                yield ctx.problem(RULE, spot.path, msg, hint)
            else:
                yield Problem(ctx.path, spot.line, offset + 1, RULE.code, RULE.name, RULE.severity, msg, hint)
