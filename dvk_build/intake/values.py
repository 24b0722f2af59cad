"""Reading one cell of a list: text, dates (text or Excel serial), years, fields, tiers, holder kinds."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from ..config import Config
from .headings import fold
from .table import excel_serial_date

_QUOTES = {"“": "”", '"': '"', "'": "'", "‘": "’", "«": "»"}


class CellError(Exception):
    """A cell that cannot be read: a Vietnamese message naming what is wrong."""


def text(cell: Any) -> str:
    """A cell as one line of NFC text: spaces collapsed, a whole-cell pair of quotes removed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    s = " ".join(unicodedata.normalize("NFC", str(cell)).split())
    # `"Tuyến đường tự quản"`: many lists quote every title; `“A” và “B”` is not one quoted whole
    while len(s) >= 2 and s[0] in _QUOTES and s[-1] == _QUOTES[s[0]] and _wraps(s):
        s = s[1:-1].strip()
    return s


def _wraps(s: str) -> bool:
    """Whether the first quote closes at the last character: `“Khu dân cư “04 không””` yes, `“A” và “B”` no."""
    opening, closing = s[0], s[-1]
    if opening == closing:  # straight quotes cannot nest: only a pair with none inside
        return opening not in s[1:-1]
    depth = 0
    for i, ch in enumerate(s):
        depth += (ch == opening) - (ch == closing)
        if depth == 0:
            return i == len(s) - 1
    return False


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def date(cell: Any) -> dt.date | None:
    """A date written `15/6/2023`, `15-06-2023`, `2023-06-15`, stored as a date, or as an Excel serial (45092).

    Raises CellError for a date that does not exist (31/2/2023) or a text that is not a date.
    """
    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        found = excel_serial_date(float(cell))
        if found is None:
            raise CellError(f"`{text(cell)}` không phải là ngày")
        return found
    s = text(cell)
    if _SERIAL.match(s):  # a serial number that lost its date format on the way to CSV
        found = excel_serial_date(float(s))
        if found:
            return found
    m = _DMY.match(s)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
    else:
        m = _YMD.match(s)
        if not m:
            raise CellError(f"`{s}` không phải là ngày (viết ngày/tháng/năm, ví dụ 15/6/2023)")
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"ngày `{s}` không có thật (ngày {day} tháng {month} năm {year})") from None


def year(cell: Any) -> int | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, (dt.date, dt.datetime)):
        return cell.year
    s = text(cell)
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    raise CellError(f"năm công nhận `{s}` không phải là một năm (ví dụ 2023)")


def _lookup(config: Config, section: str, labels: dict[str, list[str]]) -> dict[str, str]:
    """Folded spelling → slug: the configured labels, the slug itself, and the `import` aliases."""
    table = {fold(spelling): slug for slug, spellings in labels.items() for spelling in [slug, *spellings]}
    aliases = config.intake.get(section) or {}
    return {**table, **{fold(alias): slug for slug, names in aliases.items() for alias in names}}


def lookups(config: Config) -> dict[str, dict[str, str]]:
    """The spellings of fields, tiers and holder kinds a list may use."""
    return {"fields": _lookup(config, "fields", {slug: [f.label] for slug, f in config.fields.items()}),
            "tiers": _lookup(config, "tiers", {slug: [t.label, t.short] for slug, t in config.tiers.items()}),
            "kinds": _lookup(config, "kinds", {slug: [label] for slug, label in config.holder_kinds.items()})}


def fields(cell: Any, table: dict[str, str], config: Config) -> list[str]:
    """One or more fields (`Kinh tế; Văn hóa - xã hội`). Raises CellError naming an unknown one."""
    s = text(cell)
    if not s:
        return []
    whole = table.get(fold(s))
    if whole:
        return [whole]
    out: list[str] = []
    for part in re.split(r"[;,+\n]| và ", s):
        part = part.strip()
        if not part:
            continue
        slug = table.get(fold(part))
        if slug is None:
            known = "; ".join(f.label for f in config.fields.values())
            raise CellError(f"lĩnh vực `{part}` không có trong danh mục lĩnh vực ({known})")
        out.append(slug)
    return list(dict.fromkeys(out))


def tier(cell: Any, table: dict[str, str]) -> str | None:
    s = text(cell)
    if not s:
        return None
    key = fold(s)
    slug = table.get(key) or table.get(re.sub(r"^cap ", "", key))
    if slug is None:
        raise CellError(f"cấp công nhận `{s}` không rõ (cơ sở, huyện, tỉnh hoặc xã)")
    return slug


_PERSON = re.compile(r"^(ông|bà|anh|chị|đồng chí|đ/c|cô|thầy)\s", re.IGNORECASE)


def kind(cell: Any, holder: str, table: dict[str, str]) -> str:
    """The holder's kind; without a column, a name starting `Ông`, `Bà`, `Đồng chí` is an individual."""
    s = text(cell)
    if s:
        slug = table.get(fold(s))
        if slug is None:
            raise CellError(f"loại chủ thể `{s}` không rõ (tập thể hoặc cá nhân)")
        return slug
    return "ca-nhan" if _PERSON.match(holder) else "tap-the"
