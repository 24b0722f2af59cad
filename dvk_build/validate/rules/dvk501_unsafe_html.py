"""DVK501: raw HTML, event handlers or script URLs in the body or a field."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source
from ..text_scan import unsafe_candidates, unsafe_findings

RULE = Rule(
    "DVK501", "unsafe-html", Severity.ERROR,
    title="Không chèn mã HTML nguy hiểm: `<script>`, `<iframe>`, `<form>`, `<style>`, thuộc tính `on...=` hay `style=`, đường dẫn `javascript:` hay `data:`.",
    why="Trang là trang công khai của cơ quan; một đoạn mã chèn vào có thể đánh cắp thông tin hoặc giả mạo nội dung. "
        "Chỉ dùng Markdown và vài thẻ định dạng đơn giản (`<sup>`, `<sub>`, `<abbr>`, `<br>`…); liên kết chỉ là http(s), mailto hoặc tel.",
    bad='Xem <a href="javascript:alert(1)">tại đây</a>',
    good="Xem [kế hoạch nhân rộng](#ke-hoach)",
    clause="an-toan",
    source=Source.FORMAT,
)

HINT = ("Xóa mã HTML (kể cả trong khối mã); dùng cú pháp Markdown để định dạng chữ "
        "và chỉ chèn liên kết http(s), mailto hoặc tel.")


def check(ctx: DossierContext) -> Iterator[Problem]:
    for spot in unsafe_candidates(ctx):  # only text with a character that markup needs
        for found in unsafe_findings(spot.text):
            msg = f"Nội dung có {found.what}."
            if spot.path is not None:
                yield ctx.problem(RULE, spot.path, msg, HINT)
            else:
                line, col = spot.where(found.offset)
                yield Problem(ctx.path, line, col, RULE.code, RULE.name, RULE.severity, msg, HINT)
