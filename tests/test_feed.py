"""The Atom feed `feed.xml`: valid Atom 1.0, recognized models only, newest recognition first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from dvk_build.site_context import site_url_from_mkdocs
from dvk_build.export.feed import LIMIT
from dvk_build.validate.context import parse_date
from dvk_build.validate.engine import check_paths

feedparser = pytest.importorskip("feedparser")

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = site_url_from_mkdocs(ROOT / "mkdocs.yml") or ""
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="session")
def latest_notice() -> dict[str, dt.date]:
    """Each recognized dossier's latest notice date, read from the validator's data (not from the exporter)."""
    report = check_paths([ROOT / "content"], today=dt.date.today(), root=ROOT)
    out = {}
    for d in report.valid():
        dates = [parse_date((r.get("notice") or {}).get("date")) for r in d.data.get("recognitions") or []]
        dates = [x for x in dates if x]
        if dates:
            out[d.slug] = max(dates)
    return out


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_feed_parses_and_holds_the_newest_model_first(built_site: Path, latest_notice: dict[str, dt.date]) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(LIMIT, len(latest_notice))
    newest = max(latest_notice.values())
    first = _slug(feed.entries[0].link)
    assert latest_notice[first] == newest, f"{first} is not among the newest recognitions ({newest})"
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for e in feed.entries:
        slug = _slug(e.link)
        assert slug in latest_notice, f"{slug}: not a recognized model"
        assert e.updated.startswith(latest_notice[slug].isoformat())
        assert e.id == e.link == f"{SITE_URL}mo-hinh/{slug}/"
        assert e.title and e.summary
        terms = {t.term for t in e.tags}
        assert terms, "categories: tier and fields"


def test_feed_is_structurally_valid_atom(built_site: Path) -> None:
    """RFC 4287: one id, title and updated per feed and entry, an author, absolute ids, RFC 3339 dates."""
    root = ET.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert root.find(f"{A}author/{A}name") is not None
    assert root.find(f"{A}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"  # type: ignore[union-attr]
    assert RFC3339.match(root.findtext(f"{A}updated") or "")
    ids = []
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        ids.append(entry.findtext(f"{A}id"))
        assert re.match(r"^(https?://|tag:)", ids[-1] or "")
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert RFC3339.match(entry.findtext(f"{A}published") or "")
        assert entry.find(f"{A}link[@rel='alternate'][@type='text/html']") is not None
        assert entry.find(f"{A}summary") is not None
        for cat in entry.findall(f"{A}category"):
            assert cat.get("term") and cat.get("label")
    assert len(ids) == len(set(ids)), "entry ids are unique"


def test_pages_announce_the_feed(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    # as a feed reader discovers it: rel is a set of tokens (HTML), one of them "alternate"
    links = re.findall(r"<link\b[^>]*>", home)
    feeds = [l for l in links if re.search(r'rel="[^"]*\balternate\b[^"]*"', l) and 'type="application/atom+xml"' in l]
    assert len(feeds) == 1 and 'href="feed.xml"' in feeds[0]
