"""Patterns of personal data that must not be published, and the official-contact exception."""

from __future__ import annotations

import re
from typing import Iterator

from ..load.yamltree import PathKey
from ..problem import Problem
from .context import DossierContext
from .rule import Rule
from .text_scan import Spot, all_spots

# CCCD: 12 digits starting with a province code (001-096); CMND: 9 digits, only
# with a keyword nearby, since 9-digit amounts of money are common in reports.
CCCD_RE = re.compile(r"(?<![\d.,])0[0-9]{2}[0-9]{9}(?![\d.,])")
CMND_RE = re.compile(r"(?i)(cmnd|cccd|căn cước|chứng minh( nhân dân)?|định danh)\D{0,20}([0-9]{9}|[0-9]{12})(?!\d)")
MOBILE_RE = re.compile(r"(?<![\d])(?:\+84|0084|0)[ .-]?[35789](?:[ .-]?[0-9]){8}(?![\d])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
OFFICIAL_EMAIL_DOMAINS = (".gov.vn", ".dcs.vn", ".org.vn")
ADDRESS_RE = re.compile(r"(?i)\b(số nhà|nhà số)\s*\d+|\b\d+[a-zA-Z]?/\d+(?:/\d+)?\s+(đường|hẻm|ngõ|kiệt|phố)\b|\bđịa chỉ (nhà|thường trú|tạm trú)\b")


def _official(ctx: DossierContext, path: PathKey | None) -> bool:
    """A unit's phone or mailbox, declared `contact.official: true`, may be published."""
    return path in (("contact", "phone"), ("contact", "email")) and ctx.get("contact", "official") is True


def find(ctx: DossierContext, rule: Rule, pattern: re.Pattern[str], what: str, hint: str,
         allow: "callable[[str], bool] | None" = None) -> Iterator[Problem]:  # type: ignore[valid-type]
    for spot in all_spots(ctx):
        if _official(ctx, spot.path):
            continue
        for m in pattern.finditer(spot.text):
            if allow is not None and allow(m.group(0)):
                continue
            yield _at(ctx, rule, spot, m.start(), f"Nội dung có {what} (`{_mask(m.group(0))}`): không được công bố trên trang công khai.", hint)


def _mask(value: str) -> str:
    return value if len(value) <= 6 else value[:3] + "…" + value[-2:]


def _at(ctx: DossierContext, rule: Rule, spot: Spot, offset: int, msg: str, hint: str) -> Problem:
    if spot.path is not None:
        return ctx.problem(rule, spot.path, msg, hint)
    return Problem(ctx.path, spot.line, offset + 1, rule.code, rule.name, rule.severity, msg, hint)
