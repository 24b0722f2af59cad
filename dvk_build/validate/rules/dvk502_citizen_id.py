"""DVK502: a citizen ID number (CCCD 12 digits, CMND 9 digits)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..privacy import CCCD_RE, CMND_RE, find
from ..rule import RULES

RULE = RULES["DVK502"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    hint = "Xóa số định danh; trang chỉ cần họ tên và chức vụ."
    yield from find(ctx, RULE, CCCD_RE, "số định danh cá nhân, số thẻ Căn cước", hint)
    # a CCCD after its keyword is reported once, by the pattern above
    yield from find(ctx, RULE, CMND_RE, "số chứng minh nhân dân hoặc số thẻ Căn cước", hint, allow=lambda m: CCCD_RE.search(m) is not None)
