"""Is a list's locality a real unit? One call to the register of administrative units (register.py)."""

from __future__ import annotations

from ..config import Period
from ..places import resolve
from ..validate.rules.dvk309_locality_not_in_register import LEVEL_WORDS, REGISTER_LABELS, suggestion


def locality_problems(province: str, district: str, commune: str, period: Period) -> list[str]:
    """Vietnamese messages for a locality the period's register does not have; [] when it has it.

    The same register and matching as DVK309 (prefix, case, NFC/NFD and tone placement aside), so a
    row the import accepts is a record `dvk check` accepts; the message quotes the list's value and
    the closest real units.
    """
    problems = []
    if district and "district" not in period.localities:
        note = f" ({period.localities_note})" if period.localities_note else ""
        problems.append(f"địa bàn `{district}` là cấp huyện, không còn trong {period.label.lower()}{note}")
        district = ""
    locality = {"province": province, "district": district or None, "commune": commune or None}
    place = resolve(locality, period.register)
    if place is None or place.match.ok:
        return problems
    match = place.match
    level = match.failed
    value = str(locality.get(level) or "")
    where = REGISTER_LABELS[period.register]
    if match.reason == "other-district":
        problems.append(f"`{value}` không thuộc {district} ({province}) theo {where}. {suggestion(match.suggestions)}")
    elif match.reason == "ambiguous":
        names = "; ".join(u.name for u in match.suggestions)
        problems.append(f"{LEVEL_WORDS[level]} `{value}` chưa rõ: trong {where} có nhiều đơn vị cùng tên ({names}); "
                        "thêm cột huyện hoặc ghi tên đầy đủ")
    else:
        problems.append(f"{LEVEL_WORDS[level]} `{value}` không có trong {where}. {suggestion(match.suggestions)}")
    return problems
