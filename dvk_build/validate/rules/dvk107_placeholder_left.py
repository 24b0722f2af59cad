"""DVK107: a hint `dvk new` wrote ("CẦN ĐIỀN: ...") is still in a dossier that is not a draft."""

import re
from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES, Rule
from ..text_scan import problem_in, spots_matching

RULE = RULES["DVK107"]

# Required fields cannot be null (the schema says so), so `dvk new` fills them with this marker;
# reviewers and editors search for it before merging.
PLACEHOLDER = "CẦN ĐIỀN"
PLACEHOLDER_RE = re.compile(PLACEHOLDER)


def placeholders(ctx: DossierContext, rule: Rule) -> Iterator[Problem]:
    """One problem per value (or body line) that still holds the placeholder."""
    hint = "Thay cả chỗ “CẦN ĐIỀN: …” bằng thông tin thật của mô hình."
    for spot in spots_matching(ctx, PLACEHOLDER_RE):  # each holds the placeholder: it has no line break
        if spot.path is not None:
            yield ctx.problem(rule, spot.path, f"{ctx.label(spot.path)}: chưa điền, còn chữ “CẦN ĐIỀN”.", hint)
            continue
        for m in PLACEHOLDER_RE.finditer(spot.text):
            yield problem_in(ctx, rule, spot, "Phần nội dung còn chữ “CẦN ĐIỀN”.", hint, m.start())


def check(ctx: DossierContext) -> Iterator[Problem]:
    if ctx.recognized:
        yield from placeholders(ctx, RULE)
