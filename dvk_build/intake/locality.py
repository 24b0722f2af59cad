"""Is a list's locality a real unit? One call, so the register of administrative units plugs in here."""

from __future__ import annotations

from ..config import Period


def locality_problems(province: str, district: str, commune: str, period: Period) -> list[str]:
    """Vietnamese messages for a locality that does not exist in the period's register; [] when it does.

    Until the register of administrative units (issue 14) is in dvk, only what the configuration
    knows is checked: a level the period does not have (no district after 1 July 2025).
    """
    problems = []
    if district and "district" not in period.localities:
        note = f" ({period.localities_note})" if period.localities_note else ""
        problems.append(f"địa bàn `{district}` là cấp huyện, không còn trong {period.label.lower()}{note}")
    return problems
