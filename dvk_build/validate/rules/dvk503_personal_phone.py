"""DVK503: a mobile phone number outside an official contact."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..privacy import MOBILE_RE, find
from ..rule import RULES

RULE = RULES["DVK503"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, MOBILE_RE, "số điện thoại di động",
                    "Xóa số này; ghi số máy cơ quan vào `contact.phone` và đặt `contact.official: true`.")
