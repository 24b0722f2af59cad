"""DVK504: a personal e-mail address outside an official contact."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..privacy import EMAIL_RE, find, official_email
from ..rule import RULES

RULE = RULES["DVK504"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, EMAIL_RE, "địa chỉ thư điện tử cá nhân",
                    "Xóa địa chỉ này; ghi hộp thư cơ quan vào `contact.email` và đặt `contact.official: true`.",
                    allow=official_email)
