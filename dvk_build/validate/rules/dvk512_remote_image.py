"""DVK512: an image loaded from another host (every visitor's browser would request it)."""

import re
from typing import Iterator
from urllib.parse import urlsplit

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import body_spot

RULE = RULES["DVK512"]

# An image's text stops at the next `![` and an `<img`'s attributes at the next `<img`: that one
# is an image of its own, and a text of many unclosed ones is not read again from each.
_ALT = r"(?:[^\]\n!]|!(?!\[))*"
_INLINE_RE = re.compile(rf"!\[{_ALT}\]\(\s*<?([^\s)>]+)")
_REF_USE_RE = re.compile(rf"!\[({_ALT})\](?:\[([^\]\n]*)\])?")
_REFDEF_RE = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*<?([^\s>]+)", re.M)
_IMG_SRC_RE = re.compile(r"<img\b(?:[^<>]|<(?!img\b))*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def _remote(url: str, own_host: str | None) -> bool:
    """An absolute (or protocol-relative) URL to a host that is not the site's own."""
    url = url.strip().strip("\"'")
    if not (url.startswith("//") or re.match(r"(?i)https?:", url)):
        return False  # relative: a file of the bundle; other schemes are DVK501's (and the sanitizer's)
    host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname
    return host is None or host != own_host


def check(ctx: DossierContext) -> Iterator[Problem]:
    body = ctx.body
    if "![" not in body and "<img" not in body.lower():
        return
    spot = body_spot(ctx, skip_code=True)
    text = spot.text
    own = urlsplit(str(ctx.config.site.get("url") or "")).hostname
    refs = {m.group(1).strip().lower(): (m.start(2), m.group(2)) for m in _REFDEF_RE.finditer(text)}
    found = [(m.start(1), m.group(1)) for rx in (_INLINE_RE, _IMG_SRC_RE) for m in rx.finditer(text)]
    for m in _REF_USE_RE.finditer(text):
        if text[m.end():m.end() + 1] == "(":
            continue  # an inline image, seen above
        label = (m.group(2) or m.group(1)).strip().lower()
        if label in refs:
            found.append(refs[label])
    for offset, url in sorted(set(found)):
        if _remote(url, own):
            line, col = spot.where(offset)
            yield Problem(ctx.path, line, col, RULE.code, RULE.name, RULE.severity,
                          f"Ảnh lấy từ trang khác (`{url[:60]}`): trình duyệt của mọi người xem sẽ tải từ máy chủ đó.",
                          "Tải ảnh về, đặt vào thư mục hồ sơ (hồ sơ dạng thư mục `<tên>/index.md`) và ghi tên tệp, "
                          "ví dụ `![Tuyến đường](tuyen-duong.jpg)`; hoặc đổi thành liên kết thường `[Xem ảnh](https://...)`.")
