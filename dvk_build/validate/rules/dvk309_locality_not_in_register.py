"""DVK309: `locality` names a unit that the official register of the dossier's period does not have.

A 2021-2025 dossier is checked against the register as it stood before 1 July 2025 (63 provinces,
their districts and communes), a 2026-2030 one against the 34 provinces and 3,321 communes since.
Names are compared with or without their prefix (Xã/Phường/Thị trấn, Huyện/Thị xã/Thành phố,
Tỉnh/Thành phố), in any case, NFC or NFD; the closest real units are suggested.
"""

from typing import Iterator

from ... import register
from ...places import resolve
from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from .dvk107_placeholder_left import PLACEHOLDER

RULE = RULES["DVK309"]

REGISTER_LABELS = {
    register.LEGACY: "danh mục đơn vị hành chính trước ngày 1/7/2025 (63 tỉnh, thành phố)",
    register.CURRENT: "danh mục đơn vị hành chính từ ngày 1/7/2025 (34 tỉnh, thành phố)",
}
LEVEL_WORDS = {"province": "Tỉnh, thành phố", "district": "Huyện, thị xã, thành phố", "commune": "Xã, phường"}


def suggestion(units: tuple[register.Unit, ...]) -> str:
    """"Có phải: Xã Tân Thạch, Huyện Châu Thành, Tỉnh Bến Tre?" with up to three units."""
    if not units:
        return "Không tìm thấy tên gần giống; xem lại tên đơn vị trong danh mục."
    return "Có phải: " + "; ".join(u.name for u in units) + "?"


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    locality = ctx.get("locality")
    if period is None or not isinstance(locality, dict):
        return
    if not ctx.recognized and any(str(v).startswith(PLACEHOLDER) for v in locality.values() if v):
        return  # a fresh `dvk new` draft: the locality is still to be filled in
    place = resolve(locality, period.register)
    if place is None or place.match.ok:
        return
    match = place.match
    level = match.failed
    value = str(locality.get(level) or "").strip()
    where = REGISTER_LABELS[period.register]
    if match.reason == "ambiguous":
        message = f"{LEVEL_WORDS[level]} `{value}` chưa rõ: trong {where} có {len(match.suggestions)} đơn vị cùng tên."
        hint = "Ghi rõ tên đầy đủ (kèm huyện nếu là xã): " + "; ".join(u.name for u in match.suggestions) + "."
    elif match.reason == "other-district":
        message = (f"`{value}` không thuộc {locality.get('district')} ({locality.get('province')}) "
                   f"theo {where}.")
        hint = suggestion(match.suggestions)
    elif match.reason == "newer-register":
        message = (f"`{value}` là tên đơn vị hành chính từ ngày 1/7/2025; hồ sơ {period.label.lower()} ghi địa bàn "
                   f"lúc công nhận, theo {where}.")
        hint = suggestion(match.suggestions) + " Đơn vị hiện nay được suy ra từ danh mục, không cần ghi."
    else:
        parent = ""
        if level == "commune":
            parent = " thuộc " + ", ".join(str(locality[k]) for k in ("district", "province")
                                           if k in period.localities and locality.get(k))
        elif level == "district":
            parent = f" thuộc {locality.get('province')}"
        message = f"{LEVEL_WORDS[level]} `{value}`{parent} không có trong {where}."
        hint = suggestion(match.suggestions)
    yield ctx.problem(RULE, ("locality", level), message, hint)
