"""Patterns of personal data that must not be published, and the official-contact exception.

Reports are full of numbers (money, notice numbers, years, office landlines), so each
pattern is as narrow as the real format allows: CCCD needs a province code, CMND needs
a keyword, a mobile number needs a carrier prefix, landlines (02x) are never personal.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from ..load.yamltree import PathKey
from ..problem import Problem
from .context import DossierContext
from .rule import Rule
from .text_scan import all_spots, problem_in, spots_matching

_NOT_NUM_BEFORE = r"(?<![\d.,/])(?<![\d][.,/-])"
_NOT_NUM_AFTER = r"(?![\d])(?![.,/-]?\d)"
# CCCD: province code 001-096, century/sex digit 0-3, then 8 digits; also written in groups of three.
_PROVINCE = r"0(?:0[1-9]|[1-8][0-9]|9[0-6])"
CCCD_RE = re.compile(
    _NOT_NUM_BEFORE + rf"(?:{_PROVINCE}[0-3][0-9]{{8}}|{_PROVINCE}([ .-])[0-3][0-9]{{2}}\1[0-9]{{3}}\1[0-9]{{3}})"
    + _NOT_NUM_AFTER
)
# CMND: 9 digits, only with a keyword nearby, since 9-digit amounts of money are common in reports.
CMND_RE = re.compile(
    r"(?i)\b(cmnd|cmtnd|cmt|cccd|căn cước|chứng minh( nhân dân| thư)?|định danh( cá nhân)?|giấy tờ tùy thân)"
    r"[^\d\n]{0,25}([0-9]{3}[ .-]?[0-9]{3}[ .-]?[0-9]{3}(?:[ .-]?[0-9]{3})?)" + _NOT_NUM_AFTER
)
# Mobile: carrier prefixes 03x, 05x, 07x, 08x, 09x (+84 or 0), ten digits, optional separators in groups.
_MOBILE_PREFIX = r"(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-9])"
MOBILE_RE = re.compile(
    r"(?<![\d+])(?<![\d][.,])(?:"
    r"(?:\(?(?:\+|00)84\)?[ .-]?(?:\(0\))?[ .-]?|0)" + _MOBILE_PREFIX  # 0912…, +84 912…, (+84) 912…
    + r"|\(0" + _MOBILE_PREFIX + r"\)[ .-]?"  # (091) 234 5678
    + r"|84" + _MOBILE_PREFIX + r"(?=[0-9]{7}(?![\d]))"  # 84912345678, as Zalo shows it: eleven digits, no gaps
    + r")(?:[ .-]?[0-9]){7}" + _NOT_NUM_AFTER
)
EMAIL_RE = re.compile(
    r"(?i)(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]*\s*(?:@|\[at\]|\(at\)|\[a\])\s*[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"
    # spelled out to fool harvesters: `lan1986 at gmail dot com`, `lan a còng gmail chấm com`
    r"|(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]*\s+(?:at|a còng|a móc)\s+[a-z0-9-]+"
    r"(?:\s*(?:\.|\bdot\b|\bchấm\b)\s*[a-z0-9-]+)*\s*(?:\.|\bdot\b|\bchấm\b)\s*(?:com|vn|net|org|edu|info|me)\b"
)
# Mailboxes anyone can open: a person's, whatever `contact.official` says.
FREE_MAIL_DOMAINS = ("gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "ymail.com", "hotmail.com",
                     "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me",
                     "protonmail.com", "mail.ru", "yandex.com", "zoho.com", "gmx.com")
OFFICIAL_EMAIL_DOMAINS = ("gov.vn", "dcs.vn", "org.vn")
# Home addresses: a house number, a lane number with a slash, or a residence word before a number.
_STREET = r"(?:đường|phố|hẻm|ngõ|ngách|kiệt)"
# "sinh sống tại 14 Ấp/Khu phố/Xã..." counts places, it is no house number
_UNIT = r"(?!(?:xã|phường|thị|khu|ấp|thôn|bản|tổ|khóm|buôn|sóc|huyện|quận|tỉnh|thành|làng|hộ|người|gia|năm|tháng|ngày)\b)"
_CAPITAL = "[A-ZĐĂÂÊÔƠƯÀ-ÝẠ-Ỹ]"  # a street's name starts with a capital (the range also holds some lowercase)
ADDRESS_RE = re.compile(
    r"(?i)\b(?:số nhà|nhà số)\s*\d+"
    rf"|(?<![/\d])\d{{1,4}}[a-z]?(?:/\d{{1,3}}[a-z]?){{1,2}}(?![\d/])\s*,?\s+{_STREET}\b"  # 12/3, not a date 20/6/2022
    r"|\b(?:hẻm|kiệt|ngõ|ngách)\s+(?:số\s+)?\d+[a-z]?/\d+"
    r"|\bđịa chỉ\s*(?::\s*)?(?:nhà riêng|nhà ở|nhà|thường trú|tạm trú|nơi ở|cư trú)\b"
    rf"|\b(?:thường trú|tạm trú|cư trú|trú|cư ngụ|ngụ|sinh sống|nhà riêng|nhà ở)\s+(?:tại|ở)\s*:?\s*(?:số\s+)?\d+[a-z]?(?:/\d+[a-z]?)*\s*,?\s+(?:{_STREET}\b|{_UNIT}(?-i:[A-ZĐ]))"
    r"|\b(?:nhà|gia đình)\s+(?:ông|bà|anh|chị|cô|chú|bác|em)\b[^\n.;:]{0,40}?\b(?:ở|tại)\s+(?:số\s+)?\d+[a-z]?(?:/\d+)*\s*,?\s+"
    rf"(?:{_STREET}\b|{_UNIT}(?-i:{_CAPITAL}))"  # `ở 45 đường Trần Phú`, `ở 45 Nguyễn Huệ`
)


def _on_domain(address: str, domains: tuple[str, ...]) -> bool:
    """Whether the address's domain is one of domains or under one (not a look-alike such as `gov.vn.com`)."""
    domain = address.rsplit("@", 1)[-1].lower().strip()
    return any(domain == d or domain.endswith("." + d) for d in domains)


def official_email(address: str) -> bool:
    """A mailbox of a state, Party or registered organisation domain."""
    return _on_domain(address, OFFICIAL_EMAIL_DOMAINS)


def _official(ctx: DossierContext, path: PathKey | None, text: str, pattern: re.Pattern[str]) -> bool:
    """A unit's mailbox, declared `contact.official: true`, may be published.

    Only as what it is: the mailbox in `contact.email`, on an address anyone cannot open for free
    (gmail and the like are a person's whatever the dossier says). A phone number needs no exception
    (landlines are never matched) and a mobile is a person's; and a CCCD or a phone typed into the
    mailbox field is no mailbox.
    """
    if pattern is not EMAIL_RE or path != ("contact", "email") or ctx.get("contact", "official") is not True:
        return False
    return "@" in text and not _on_domain(text, FREE_MAIL_DOMAINS)


# What each pattern cannot match without, searched in the lowercased text (a cheap first look;
# the full pattern decides): digits for the numbers, a keyword for the others. Each is written so
# the regex engine can skip ahead: ASCII digits spelled out (the full patterns match no others; `\d`
# and `{3}` make it test every character slowly), and every branch starting with a literal.
_NEEDS: dict[re.Pattern[str], re.Pattern[str]] = {
    CCCD_RE: re.compile(r"[0-9][0-9][0-9][ .-]?[0-9][0-9][0-9]"),  # 12 digits, at most in groups of three
    CMND_RE: re.compile(r"cm|cccd|căn cước|chứng minh|định danh|giấy tờ"),  # its keyword
    MOBILE_RE: re.compile(r"[0-9]\)?(?:[ .-]?[0-9]){7}"),  # the carrier prefix and seven digits
    # `@`, `[at]`, `(at)`, or a spelled-out ` at `, ` a còng `, ` a móc ` (the space checked behind the `a`)
    EMAIL_RE: re.compile(r"@|\[a|\(a|a(?<=\sa)(?:t|\scòng|\smóc)\s"),
    # one piece of each form of ADDRESS_RE: house number, lane number `12/3`, "địa chỉ", residence
    # word before "tại/ở", "nhà ông/bà ..."
    ADDRESS_RE: re.compile("|".join(
        ["/\\d", "số nhà", "nhà số", "địa chỉ"]
        + [rf"{w}\s+(?:tại|ở)" for w in ("trú", "ngụ", "sinh sống", "nhà riêng", "nhà ở")]
        + [rf"{w}\s+(?:ông|bà|anh|chị|cô|chú|bác|em)" for w in ("nhà", "gia đình")]
    )),
}


def find(ctx: DossierContext, rule: Rule, pattern: re.Pattern[str], what: str, hint: str,
         allow: Callable[[str], bool] | None = None) -> Iterator[Problem]:
    needs = _NEEDS.get(pattern)
    for spot in spots_matching(ctx, needs, lower=True) if needs is not None else all_spots(ctx):
        if _official(ctx, spot.path, spot.text, pattern):
            continue
        for m in pattern.finditer(spot.text):
            if allow is not None and allow(m.group(0)):
                continue
            msg = f"Nội dung có {what} (`{_mask(m.group(0))}`): không được công bố trên trang công khai."
            yield problem_in(ctx, rule, spot, msg, hint, m.start())


def _mask(value: str) -> str:
    """Enough of the value to find it, not enough to repeat it in a CI log."""
    value = " ".join(value.split())
    return value if len(value) <= 6 else value[:3] + "…" + value[-2:]
