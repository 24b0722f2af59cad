"""`feed.xml`: an Atom 1.0 feed (RFC 4287) of recognized models, newest recognition first."""

from __future__ import annotations

import datetime as dt
from html import escape
from xml.etree import ElementTree as ET

from ..model import Catalogue, Model
from ..vietnamese import vi_date
from ..site_context import VN_TZ, Site
from .records import model_json_path

PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LIMIT = 100  # a feed says what is new; the whole catalogue is in du-lieu/mo-hinh.json
FALLBACK_AUTHORITY = "dvk.invalid"  # tag: URIs need a domain; .invalid is reserved, never anyone's


def _stamp(day: dt.date | None) -> str:
    """A recognition date as an RFC 3339 date-time: midnight in Vietnam."""
    day = day or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=VN_TZ).isoformat()


def entry_id(m: Model, ctx: Site) -> str:
    """The model page's absolute URL; a tag: URI when the site's address is unknown (ids must be absolute)."""
    if ctx.site_url:
        return ctx.absolute(m.url)
    first = m.first_recognized_on or dt.date(1970, 1, 1)
    return f"tag:{FALLBACK_AUTHORITY},{first.isoformat()}:{m.url}"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """An Atom child element with optional text and attributes."""
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _content(m: Model, ctx: Site) -> str:
    """The entry's body as escaped HTML: the summary and the facts a reader decides on."""
    c = ctx.config
    last = m.recognitions[-1]
    place = ", ".join(str(m.locality[k]) for k in ("commune", "district", "province") if m.locality.get(k))
    facts = [
        ("Chủ thể", str(m.holder.get("name", ""))),
        ("Địa bàn", place),
        ("Cấp cao nhất", f"{c.tiers[last.tier].label}, Thông báo {last.notice_number} ngày {vi_date(last.notice_date)}"),
        ("Lĩnh vực", ", ".join(c.fields[f].label for f in m.fields if f in c.fields)),
    ]
    items = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in facts if v)
    return f"<p>{escape(m.summary)}</p><ul>{items}</ul>"


def _entry(feed: ET.Element, m: Model, ctx: Site) -> None:
    """One model as an Atom entry."""
    c = ctx.config
    e = _el(feed, "entry")
    _el(e, "title", m.title, type="text")
    _el(e, "id", entry_id(m, ctx))
    _el(e, "link", rel="alternate", type="text/html", href=ctx.absolute(m.url))
    _el(e, "link", rel="alternate", type="application/json", href=ctx.absolute(model_json_path(m)))
    _el(e, "published", _stamp(m.first_recognized_on))
    _el(e, "updated", _stamp(m.recognized_on))
    _el(e, "summary", m.summary, type="text")
    _el(e, "content", _content(m, ctx), type="html")
    if m.tier:
        _el(e, "category", term=m.tier, scheme=ctx.absolute("cap/"), label=c.tiers[m.tier].label)
    for f in m.fields:
        _el(e, "category", term=f, scheme=ctx.absolute("linh-vuc/"), label=c.fields[f].label if f in c.fields else f)


def newest_first(catalogue: Catalogue) -> list[Model]:
    """Recognized models by their latest recognition, newest first (ties by slug, for a stable file)."""
    ordered = sorted(catalogue.models, key=lambda m: m.slug)
    return sorted(ordered, key=lambda m: m.recognized_on or dt.date.min, reverse=True)[:LIMIT]


def render(catalogue: Catalogue, ctx: Site) -> bytes:
    """The feed document, UTF-8."""
    ET.register_namespace("", ATOM)
    site = ctx.config.site
    models = newest_first(catalogue)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML_NS}}}lang": "vi"})
    _el(feed, "title", f"{site.get('name', '')}: mô hình mới được công nhận", type="text")
    _el(feed, "subtitle", ctx.notice, type="text")
    _el(feed, "id", ctx.site_url or f"tag:{FALLBACK_AUTHORITY},2021:feed")
    _el(feed, "link", rel="self", type="application/atom+xml", href=ctx.absolute(PATH))
    _el(feed, "link", rel="alternate", type="text/html", href=ctx.absolute("danh-muc/") if ctx.site_url else "danh-muc/")
    newest = max((m.recognized_on for m in models if m.recognized_on), default=None)
    _el(feed, "updated", _stamp(newest) if newest else ctx.generated.isoformat())
    author = _el(feed, "author")
    _el(author, "name", site.get("name", "dvk"))
    if ctx.site_url:
        _el(author, "uri", ctx.site_url)
    if site.get("licence"):
        _el(feed, "rights", f"Dữ liệu theo giấy phép {site['licence']} ({site.get('licence_url', '')})", type="text")
    _el(feed, "generator", "dvk")
    for m in models:
        _entry(feed, m, ctx)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"

