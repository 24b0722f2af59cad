"""The second wall: an allowlist sanitizer for the HTML of generated pages (nh3), no MkDocs here."""

from __future__ import annotations

import re

import nh3

# What the model page templates and Python-Markdown produce; nothing that runs or loads code.
TAGS: frozenset[str] = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "role"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "details": {"open"},
}
# aria-* for accessibility.
ATTRIBUTE_PREFIXES: set[str] = {"aria-"}
URL_SCHEMES: set[str] = {"http", "https", "mailto", "tel"}  # relative URLs pass as they are
# Whole elements whose text would be junk if only the tag were dropped.
DROP_WITH_CONTENT: set[str] = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}


# A link to another host (nh3 writes `<a href="...">` with the URL first): it opens with no handle on
# this page and sends no Referer; same-site links stay as written.
_LINK_OUT_RE = re.compile(r'<a href="((?:https?:)?//[^"]*)"(?![^>]*\brel=)')


def sanitize(fragment: str) -> str:
    """The HTML fragment with everything outside the allowlist removed; links to other hosts `noopener noreferrer`."""
    cleaned = nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=DROP_WITH_CONTENT,
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # our links are same-site or plain references; keep the markup as written
        strip_comments=True,
    )
    return _LINK_OUT_RE.sub(r'<a href="\1" rel="noopener noreferrer"', cleaned)
