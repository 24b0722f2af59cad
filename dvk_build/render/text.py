"""Vietnamese text helpers for pages: slugs, dates, money, relative links."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: `Tỉnh Đồng Tháp` → `tinh-dong-thap`."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.I)


def province_slug(name: str) -> str:
    """`Tỉnh Tây Ninh` → `tay-ninh`; `Thành phố Hồ Chí Minh` → `ho-chi-minh`."""
    return slugify(_PROVINCE_PREFIX.sub("", name.strip())) or "khac"


def province_order(name: str) -> str:
    """Dictionary order of a province by its proper name: `Thành phố Cần Thơ` < `Tỉnh Đồng Nai` < `Tỉnh Hà Tĩnh`."""
    from ..search.fold import sort_key  # Vietnamese collation: đ after d, tones after letters

    return sort_key(_PROVINCE_PREFIX.sub("", name.strip()), length=80)


def vi_date(value: dt.date | None) -> str:
    """12/7/2023, the form of Vietnamese official documents."""
    return f"{value.day}/{value.month}/{value.year}" if value else ""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def vnd(amount: int | float | None) -> str:
    """15.000.000 đồng; empty for a missing amount (None, or a template's undefined value)."""
    if not _is_number(amount):
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def number(value: int | float | None) -> str:
    """1.234 or 12,5; empty for a missing value (None, or a template's undefined value)."""
    if not _is_number(value):
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(value):,}".replace(",", ".")


def file_size(n: int) -> str:
    """`12,3 kB`: a file's size with the Vietnamese decimal comma."""
    if n < 1000:
        return f"{n} byte"
    for unit, scale in (("kB", 1e3), ("MB", 1e6)):
        if n < scale * 1000 or unit == "MB":
            return f"{n / scale:.1f} {unit}".replace(".", ",")
    return f"{n} byte"


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs (`cap/huyen/` → `../../mo-hinh/x/`)."""
    start = "/" + from_url.strip("/")
    target = "/" + to_url.lstrip("/")
    result = posixpath.relpath(target, start)
    if to_url.endswith("/") and not result.endswith("/"):
        result += "/"
    return "./" if result in (".", "./") else result


def shift_headings(markdown: str, by: int = 1) -> str:
    """Demote body headings so a dossier's `##` sits under the page's own sections."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"^#{1,5}\s", line):
            line = "#" * by + line
        out.append(line)
    return "\n".join(out)
