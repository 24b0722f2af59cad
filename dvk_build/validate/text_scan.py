"""Finding unsafe markup and personal data in text fields and Markdown bodies."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..load.yamltree import PathKey
from .context import DossierContext

# Raw HTML an editor may use in a body; everything else is refused.
ALLOWED_TAGS = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "small", "u", "s", "em", "strong", "b", "i", "p", "span", "div", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption", "img", "a", "details", "summary"})
TAG_RE = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>?", re.S)  # opening tags; a closing one adds nothing
EVENT_ATTR_RE = re.compile(r"(?:^|[\s/\"'])on[a-z]+\s*=", re.I)
STYLE_ATTR_RE = re.compile(r"(?:^|[\s/\"'])style\s*=", re.I)
# After entity decoding and dropping whitespace/control chars, so `java&#x09;script:` is caught.
BAD_SCHEME_RE = re.compile(r"(?:javascript|vbscript|data|livescript):", re.I)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]+")
FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
INLINE_CODE_RE = re.compile(r"`[^`\n]+`")


@dataclass(frozen=True)
class Spot:
    """A piece of text with where it sits: a field path, or a body line."""

    text: str
    path: PathKey | None  # a front-matter field
    line: int = 0  # body: 1-based file line
    col: int = 0


def field_texts(ctx: DossierContext) -> Iterator[Spot]:
    yield from _walk(ctx.data, ())


def _walk(node: Any, path: PathKey) -> Iterator[Spot]:
    if isinstance(node, str):
        yield Spot(node, path)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, path + (i,))


def _blank(match: re.Match[str]) -> str:
    # keep line breaks so positions in the body stay exact
    return re.sub(r"[^\n]", " ", match.group(0))


def body_lines(ctx: DossierContext, skip_code: bool = True) -> Iterator[Spot]:
    body = ctx.body
    if skip_code:
        body = INLINE_CODE_RE.sub(_blank, FENCE_RE.sub(_blank, body))
    for offset, line in enumerate(body.split("\n")):
        if line.strip():
            yield Spot(line, None, ctx.body_first_line + offset, 1)


def all_spots(ctx: DossierContext) -> Iterator[Spot]:
    yield from field_texts(ctx)
    yield from body_lines(ctx)


def unsafe_markup(text: str) -> Iterator[tuple[int, str]]:
    """(0-based offset, description) of each unsafe piece in text."""
    for m in TAG_RE.finditer(text):
        tag = m.group(1).lower()
        attrs = m.group(2) or ""
        if tag not in ALLOWED_TAGS:
            yield m.start(), f"thẻ HTML `<{tag}>` không được phép"
        elif EVENT_ATTR_RE.search(attrs):
            yield m.start(), f"thuộc tính sự kiện (on...=) trong thẻ `<{tag}>`"
        elif STYLE_ATTR_RE.search(attrs):
            yield m.start(), f"thuộc tính `style` trong thẻ `<{tag}>`"
    decoded = _INVISIBLE_RE.sub("", html.unescape(html.unescape(text)))
    m = BAD_SCHEME_RE.search(decoded)
    if m:
        yield _approx_offset(text, m.group(0)), f"đường dẫn `{m.group(0).lower()}`"


def _approx_offset(text: str, found: str) -> int:
    idx = text.lower().find(found[:4].lower())
    return max(idx, 0)
