"""DVK108: a hint `dvk new` wrote ("CẦN ĐIỀN: ...") is still in a draft (a warning)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from .dvk107_placeholder_left import placeholders

RULE = RULES["DVK108"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized:
        yield from placeholders(ctx, RULE)
