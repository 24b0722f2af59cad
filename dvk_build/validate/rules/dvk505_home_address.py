"""DVK505: a home address (house number, residence)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..privacy import ADDRESS_RE, find
from ..rule import RULES

RULE = RULES["DVK505"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, ADDRESS_RE, "địa chỉ nhà riêng", "Chỉ ghi địa bàn đến thôn, ấp, khu phố.")
