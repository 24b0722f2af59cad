"""A dossier's `locality` resolved against the register: the unit at recognition and the unit today."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import register
from .register import Match, Unit


@dataclass(frozen=True)
class Place:
    """`match` is the register's answer for the names as written; `today` is the unit now.

    For a legacy dossier `today` is derived from the register; a hand-written `current_commune`
    only picks among the new communes an old one was split into (and is reported elsewhere
    when it is none of them). `conflicts` lists the hand-written current units that contradict
    the register: (key, written value, value from the register).
    """

    match: Match
    today: Unit | None
    conflicts: tuple[tuple[str, str, str], ...] = ()

    @property
    def unit(self) -> Unit | None:
        return self.match.unit


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def resolve(locality: dict[str, Any] | None, register_name: str) -> Place | None:
    """The place of a dossier, or None when `locality` has no province to look up."""
    loc = locality if isinstance(locality, dict) else {}
    names = tuple(_text(loc.get(k)) for k in ("province", "district", "commune", "current_province", "current_commune"))
    return None if names[0] is None else _resolve(names, register_name)


@lru_cache(maxsize=65536)
def _resolve(names: tuple[str | None, ...], register_name: str) -> Place:
    province, district, commune, cur_province, cur_commune = names
    match = register.lookup(province, district, commune, register_name)
    if not match.ok:
        return Place(match, None)
    options = match.current_options
    today = options[0] if options else None
    conflicts: list[tuple[str, str, str]] = []
    if register_name == register.LEGACY and today is not None:
        if cur_province and register.key(cur_province, "province") != register.key(today.province, "province"):
            conflicts.append(("current_province", cur_province, today.province))
        if cur_commune:
            chosen = [u for u in options if u.commune and register.key(u.commune, "commune") == register.key(cur_commune, "commune")]
            if chosen:
                today = chosen[0]
            elif today.commune:
                conflicts.append(("current_commune", cur_commune, " hoặc ".join(u.commune for u in options)))
            else:  # only the province is derived: the commune written must exist in it
                found = register.lookup(today.province, None, cur_commune, register.CURRENT)
                if found.ok and found.unit is not None:
                    today = found.unit
                else:
                    conflicts.append(("current_commune", cur_commune, ""))
    return Place(match, today, tuple(conflicts))
