"""DVK501: raw HTML, event handlers or script URLs in the body or a field."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in, unsafe_candidates, unsafe_findings

RULE = RULES["DVK501"]

HINT = ("Xóa mã HTML (kể cả trong khối mã); dùng cú pháp Markdown để định dạng chữ "
        "và chỉ chèn liên kết http(s), mailto hoặc tel.")


def check(ctx: DossierContext) -> Iterator[Problem]:
    for spot in unsafe_candidates(ctx):  # only text with a character that markup needs
        for found in unsafe_findings(spot.text):
            yield problem_in(ctx, RULE, spot, f"Nội dung có {found.what}.", HINT, found.offset)
