"""Finding unsafe markup and personal data in text fields and Markdown bodies.

The scanner is deliberately stricter than any one HTML or Markdown parser:
Python-Markdown, the browser and a sanitizer each split `<...>` differently,
so every `<tag` is judged on its own, wherever it sits (attribute values,
comments and code spans included), and every URL-looking piece is decoded
the way a browser would before its scheme is read.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Iterator

from ..load.yamltree import PathKey
from ..problem import Problem
from .context import DossierContext
from .rule import Rule

# Raw HTML an editor may use in a body; everything else is refused.
ALLOWED_TAGS = frozenset({
    "br", "sup", "sub", "abbr", "kbd", "mark", "small", "u", "s", "em", "strong", "b", "i", "p", "span", "div",
    "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption",
    "img", "a", "details", "summary",
})
# Attributes per allowed tag ("*" for all); no class/id/style: they let content imitate the site's own parts.
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "*": frozenset({"title", "lang"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Schemes that run code or carry a whole document; refused even in plain text.
SCRIPT_SCHEME_RE = re.compile(r"(javascript|vbscript|livescript):|data:(?:[a-z0-9.+-]+/[a-z0-9.+-]+|[,;])")

_TAG_START_RE = re.compile(r"<([a-zA-Z][^\s/>]*)")
_AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
# Every place an `on...=` starts, overlapping ones too (a lookahead), to find the first inside a tag.
_EVENT_AT_RE = re.compile(r"(?=[\s\"'/`=](on[a-zA-Z]+)\s*=)")
_DECL_RE = re.compile(r"<(?:!(?!--)|\?)")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Markdown link destinations: inline `](url`, reference definitions `[id]: url`.
_MD_INLINE_RE = re.compile(r"\]\(\s*<?([^\s)>]*)")
_MD_REFDEF_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]*)", re.M)
# attr_list (`{: onclick=... }`) sets any attribute on the element before it.
_ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_PAIR_RE = re.compile(r"([^\s=}{]+)\s*=\s*(\"[^\"]*\"?|'[^']*'?|[^\s}]+)")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# What a browser drops from a URL before reading its scheme: controls, spaces, and invisible characters.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\u2060\ufeff]")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Every unsafe piece needs one of these (a tag, an entity, a Markdown link or attr_list, a `:`
# of a scheme, a control character): text without any is skipped without the full scan.
TRIGGER_RE = re.compile(r"[<&{\]:\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP_RE = re.compile(r"[<&{\]\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the same without `:`
# What SCRIPT_SCHEME_RE needs (without entities): the `t` of "script" or `a` of "data", then `:`,
# invisible characters allowed between, as a browser drops them.
_SCHEME_HINT_RE = re.compile(r"[tTaA][\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\u2060\ufeff]*:")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
INLINE_CODE_RE = re.compile(r"`[^`\n]+`")


@dataclass(frozen=True)
class Spot:
    """A piece of text with where it sits: a field path, or the body from a file line."""

    text: str
    path: PathKey | None  # a front-matter field
    line: int = 0  # body: 1-based file line of the text's first character
    col: int = 0

    @cached_property
    def _line_starts(self) -> list[int]:
        # once per spot: a body with thousands of findings asks for thousands of places
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def where(self, offset: int) -> tuple[int, int]:
        """1-based file (line, column) of an offset in a body spot."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self.line + i, (offset - self._line_starts[i] + 1) if i else (self.col + offset)


def problem_in(ctx: DossierContext, rule: Rule, spot: Spot, message: str, hint: str, offset: int = 0) -> Problem:
    """A problem on the spot's field (at the field's value), or at `offset` in the body."""
    if spot.path is not None:
        return ctx.problem(rule, spot.path, message, hint)
    line, col = spot.where(offset)
    return Problem(ctx.path, line, col, rule.code, rule.name, rule.severity, message, hint)


# Slugs, enum values and dates: nothing unsafe or personal fits in them, so no rule reads them.
_INERT_RE = re.compile(r"[a-z-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _collect(node: dict[str, Any] | list[Any], out: list[str]) -> None:
    """The texts a dossier's data holds, in document order, without building their paths (the fast first pass)."""
    inert = _INERT_RE.fullmatch
    for value in node.values() if isinstance(node, dict) else node:
        if isinstance(value, str):  # most values: no call
            if not inert(value):
                out.append(value)
        elif isinstance(value, (dict, list)):
            _collect(value, out)


def _blank(match: re.Match[str]) -> str:
    # keep line breaks so positions in the body stay exact
    return re.sub(r"[^\n]", " ", match.group(0))


def body_spot(ctx: DossierContext, skip_code: bool = False) -> Spot:
    """The whole body as one spot, so markup split over lines is seen whole."""
    body = ctx.body
    if skip_code:
        body = INLINE_CODE_RE.sub(_blank, FENCE_RE.sub(_blank, body))
    return Spot(body, None, ctx.body_first_line, 1)


def all_spots(ctx: DossierContext, index: int | None = None) -> list[Spot]:
    """Every text field, then the body; code is not skipped: it is published too.

    Computed once per dossier: the safety and privacy rules all read it. Paths are built lazily,
    in order: with `index`, only as far as that spot (at least).
    """
    if "spots" not in ctx.cache:
        ctx.cache["spots"] = ([], _iter_spots(ctx))
    spots, rest = ctx.cache["spots"]
    spots.extend(itertools.islice(rest, None if index is None else max(0, index + 1 - len(spots))))
    return spots


def _iter_spots(ctx: DossierContext) -> Iterator[Spot]:
    stack: list[tuple[Any, PathKey]] = [(ctx.data, ())]
    while stack:  # depth first, in document order, as _collect
        node, path = stack.pop()
        if isinstance(node, str):
            if not _INERT_RE.fullmatch(node):
                yield Spot(node, path)
        elif isinstance(node, (dict, list)):
            pairs = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend(reversed([(v, path + (k,)) for k, v in pairs]))
    if ctx.body.strip():
        yield body_spot(ctx)


def spots_matching(ctx: DossierContext, needs: re.Pattern[str], lower: bool = False) -> list[Spot]:
    """The spots where a match of `needs` starts (a match running on into the next spot counts for its first).

    One search over all the dossier's text joined by line breaks, instead of one per field;
    with `lower`, over the lowercased text (faster than a case-insensitive pattern). Paths
    are worked out (all_spots) only when something is found.
    """
    text, low, starts, body = _joined(ctx)
    if lower:
        if low is None:  # a character whose lowercase is longer (`İ`): offsets would not match
            return list(all_spots(ctx))
        text = low
    hits: list[int] = []
    m = needs.search(text)
    while m is not None:
        i = bisect.bisect_right(starts, m.start()) - 1
        hits.append(i)
        if i + 1 >= len(starts):
            break
        m = needs.search(text, starts[i + 1])  # on to the next spot
    # same texts, same order, with their paths (only as far as needed: a hit in the body, money
    # amounts for the digit patterns in most dossiers, needs no path of any field)
    fields = [i for i in hits if i != body]
    spots = all_spots(ctx, fields[-1]) if fields else []
    return [body_spot(ctx) if i == body else spots[i] for i in hits]


def _joined(ctx: DossierContext) -> tuple[str, str | None, list[int], int]:
    """The dossier's texts joined by line breaks, computed once: the text, its lowercase (None when
    offsets would not match), where each text starts, and the body's index (-1 when there is none)."""
    joined = ctx.cache.get("joined")
    if joined is None:
        texts: list[str] = []
        _collect(ctx.data, texts)
        if ctx.body.strip():
            texts.append(ctx.body)
        starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))[:-1]
        text = "\n".join(texts)
        low = text.lower()
        body = len(texts) - 1 if ctx.body.strip() else -1  # the body's index, the last spot
        joined = ctx.cache["joined"] = (text, low if len(low) == len(text) else None, starts, body)
    return joined  # type: ignore[no-any-return]


def unsafe_candidates(ctx: DossierContext) -> list[Spot]:
    """The spots unsafe_findings could find something in, in order (a superset; usually none).

    A `:` is in most texts but only matters after a script scheme; whether one is there at all
    is asked once of the whole dossier, invisible characters dropped as a browser would.
    """
    text = _joined(ctx)[0]
    if "&" in text or _SCHEME_HINT_RE.search(text):
        return spots_matching(ctx, TRIGGER_RE)
    return spots_matching(ctx, _MARKUP_RE)


# --- decoding as a browser would ----------------------------------------------------


def _decode_once(text: str, origin: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _ENTITY_RE.finditer(text):
        out.append(text[last:m.start()])
        where.extend(origin[last:m.start()])
        value = html.unescape(m.group(0))
        out.append(value)
        where.extend([origin[m.start()]] * len(value))
        last = m.end()
    out.append(text[last:])
    where.extend(origin[last:])
    return "".join(out), where


def decoded(text: str) -> tuple[str, list[int]]:
    """Text with entities decoded (twice: `&amp;#106;` too) and invisible characters dropped, lowercased.

    Returns the cleaned text and, for each of its characters, the offset in `text` it came from.
    """
    origin = list(range(len(text)))
    for _ in range(2):
        text, origin = _decode_once(text, origin)
    kept = [(c, o) for c, o in zip(text, origin) if not _INVISIBLE.match(c)]
    # ASCII-only lowercasing: schemes are ASCII, and `İ`.lower() is two characters (offsets would shift)
    return "".join(c for c, _ in kept).translate(_ASCII_LOWER), [o for _, o in kept]


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read from an attribute or link value, or None when relative."""
    clean, _ = decoded(url.strip("`"))
    m = _SCHEME_RE.match(clean.strip("`\"'"))
    return m.group(1) if m else None


# --- the scan -------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One unsafe piece: offset in the scanned text, how long it is, and what it is (Vietnamese)."""

    offset: int
    end: int
    what: str


# One attribute as the HTML5 tokenizer reads it: a name (a first `=` belongs to it), then maybe `=` and
# a value, quoted (to its closing quote or the end) or not.
_ATTR_RE = re.compile(r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?""")
_TAG_MARK_RE = re.compile(r"""[>"']""")

# Every `<tag` is judged, even one inside another's attribute, so tags nest and their spans run on
# into the same tail; the two helpers below work a tail out once, else a text of n unclosed tags
# costs n times its length.


def _tag_ends(text: str) -> Callable[[int], int]:
    """For a tag whose name ends at pos: the offset just after the `>` that closes it (quotes
    respected), or the text's end when none does."""
    marks = [m.start() for m in _TAG_MARK_RE.finditer(text)]
    ends = [len(text)] * (len(marks) + 1)  # ends[i]: where a tag read on from marks[i] ends
    closing = {'"': len(marks), "'": len(marks)}  # the next mark of each quote, filled from the right
    for i in reversed(range(len(marks))):
        c = text[marks[i]]
        if c == ">":
            ends[i] = marks[i] + 1
        else:  # a quoted value: the tag reads on after its closing quote; without one it runs to the end
            ends[i] = ends[closing[c] + 1] if closing[c] < len(marks) else len(text)
            closing[c] = i
    return lambda pos: ends[bisect.bisect_left(marks, pos)]


def _attr_problem(text: str, tag: str, pos: int, end: int, memo: dict[tuple[str, int, int], str | None]) -> str | None:
    """What is wrong with the first refused attribute of a `<tag` between pos and end, or None;
    remembered for every place read, with the tag's name and end, for the tags nested in it."""
    walked: list[int] = []
    problem = None
    while (key := (tag, pos, end)) not in memo and (m := _ATTR_RE.match(text, pos, end)):
        walked.append(pos)
        pos = m.end()
        if problem := _check_attr(tag, m[1], next((v for v in m.groups()[1:] if v is not None), None)):
            break
    else:
        problem = memo.get(key)
    memo.update(dict.fromkeys(((tag, p, end) for p in walked), problem))
    return problem


def _check_attr(tag: str, name: str, value: str | None) -> str | None:
    low = name.lower().lstrip("\"'`")
    if low.startswith("on"):
        return f"thuộc tính sự kiện `{name}=` trong thẻ `<{tag}>`"
    if low == "style":
        return f"thuộc tính `style` trong thẻ `<{tag}>`"
    if low not in ALLOWED_ATTRS["*"] and low not in ALLOWED_ATTRS.get(tag, frozenset()):
        return f"thuộc tính `{name}` không được phép trong thẻ `<{tag}>`"
    if value is not None:
        scheme = url_scheme(value)
        if scheme and scheme not in SAFE_SCHEMES:
            return f"đường dẫn `{scheme}:` trong thẻ `<{tag}>`"
    return None


def _tags(text: str) -> Iterator[Finding]:
    autolinks = {m.start(): m for m in _AUTOLINK_RE.finditer(text)}
    tag_end = _tag_ends(text)
    events = list(_EVENT_AT_RE.finditer(text))
    memo: dict[tuple[str, int, int], str | None] = {}
    for m in _TAG_START_RE.finditer(text):
        if m.start() in autolinks:
            link = autolinks[m.start()]
            scheme = url_scheme(link.group(1))
            if scheme not in SAFE_SCHEMES:
                yield Finding(m.start(), link.end(), f"liên kết `{scheme}:`")
            continue
        if "@" in m.group(1):
            continue  # an e-mail autolink `<a@b.vn>`: the privacy rules judge it
        tag = m.group(1).lower()
        end = tag_end(m.end())
        if tag not in ALLOWED_TAGS:
            yield Finding(m.start(), end, f"thẻ HTML `<{tag}>` không được phép")
        elif problem := _attr_problem(text, tag, m.end(), end, memo):
            yield Finding(m.start(), end, problem)
        else:
            # Parsers disagree on `src= onerror=...`; any `on...=` inside the tag is refused.
            i = bisect.bisect_left(events, m.end(), key=re.Match.start)
            if i < len(events) and events[i].start() < end:
                yield Finding(m.start(), end, f"thuộc tính sự kiện `{events[i][1]}=` trong thẻ `<{tag}>`")


def _links(text: str) -> Iterator[Finding]:
    for rx, kind in ((_MD_INLINE_RE, "liên kết"), (_MD_REFDEF_RE, "định nghĩa liên kết")):
        for m in rx.finditer(text):
            scheme = url_scheme(m.group(1))
            if scheme and scheme not in SAFE_SCHEMES:
                yield Finding(m.start(1), m.end(1), f"{kind} với đường dẫn `{scheme}:`")


def _attr_lists(text: str) -> Iterator[Finding]:
    for m in _ATTR_LIST_RE.finditer(text):
        for pair in _ATTR_PAIR_RE.finditer(m.group(1)):
            value = pair.group(2).strip("\"'")
            problem = _check_attr("…", pair.group(1), value)
            if problem and not problem.startswith("thuộc tính `title`"):
                yield Finding(m.start(), m.end(), problem.replace("trong thẻ `<…>`", "(cú pháp `{: }`)"))
                break


def unsafe_findings(text: str) -> list[Finding]:
    """Every unsafe piece of text, in order, one per place."""
    if not TRIGGER_RE.search(text):
        return []
    found = [Finding(m.start(), m.end(), f"ký tự điều khiển U+{ord(m[0]):04X}") for m in _CONTROL_RE.finditer(text)]
    found += [Finding(m.start(), m.end(), "khai báo HTML/XML (`<!…>`, `<?…>`)") for m in _DECL_RE.finditer(text)]
    found.extend(_tags(text))
    found.extend(_links(text))
    found.extend(_attr_lists(text))
    # the exact decoding (with an offset per character) only when there is something to find
    if "&" in text or SCRIPT_SCHEME_RE.search(_INVISIBLE.sub("", text).translate(_ASCII_LOWER)):
        clean, origin = decoded(text)
        # a scheme inside a piece already found is not found again: the pieces by offset, and how far
        # the ones so far reach (those added here come in order, so the last reaches furthest)
        spans = sorted((f.offset, max(f.end, f.offset + 1)) for f in found)
        starts, reach = [s for s, _ in spans], list(itertools.accumulate((e for _, e in spans), max))
        reached = 0
        for m in SCRIPT_SCHEME_RE.finditer(clean):
            at = origin[m.start()]
            i = bisect.bisect_right(starts, at)
            if at >= max(reach[i - 1] if i else 0, reached):
                found.append(Finding(at, origin[m.end() - 1] + 1, f"đường dẫn `{m.group(1) or 'data'}:`"))
                reached = max(found[-1].end, at + 1)
    found.sort(key=lambda f: f.offset)
    return found
