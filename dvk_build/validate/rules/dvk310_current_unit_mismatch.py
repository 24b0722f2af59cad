"""DVK310: a hand-written current unit (`locality.current_province`, `current_commune`) contradicts the register.

For a 2021-2025 dossier the province and commune after 1 July 2025 are derived from the
register's conversion table; writing them is not needed. One that agrees is accepted without a
word (it is what picks the new commune when an old one was split between several); one that
contradicts the register is an error naming both.
"""

from typing import Iterator

from ... import register
from ...places import resolve
from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK310"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    locality = ctx.get("locality")
    if period is None or period.register != register.LEGACY or not isinstance(locality, dict):
        return
    place = resolve(locality, period.register)
    if place is None or not place.match.ok or place.unit is None:
        return
    old = place.unit.name
    for key, written, derived in place.conflicts:
        if derived:
            message = (f"`locality.{key}` ghi `{written}`, nhưng theo danh mục {old} nay là {derived}.")
            hint = f"Bỏ `locality.{key}` (được suy ra từ danh mục) hoặc sửa thành {derived}."
        else:
            message = (f"`locality.{key}` ghi `{written}`, không có trong "
                       f"{place.today.province if place.today else 'tỉnh hiện nay'} theo danh mục từ ngày 1/7/2025.")
            hint = "Sửa tên xã, phường, đặc khu hiện nay cho đúng danh mục, hoặc bỏ dòng này."
        yield ctx.problem(RULE, ("locality", key), message, hint)
