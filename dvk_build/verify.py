"""Completeness of a built site: every recognized dossier is in every artefact, or the build fails.

Counts are compared as sets of slugs, so a failure names which models are missing (or extra,
or listed twice) where: model pages, the catalogue `danh-muc/`, the search index
`tim-kiem/chi-muc/` and the open-data exports. Artefacts that a build does not produce (yet) are not checked.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from .search.dvk_index import read_urls

MODEL_URL_RE = re.compile(r"(?:^|/)mo-hinh/([a-z0-9]+(?:-[a-z0-9]+)*)/(?:index\.html)?$")
ENTRY_CLASS = "dvk-entry-title"  # the catalogue entry's link (templates/_macros.j2)


@dataclass
class Gap:
    """How one artefact differs from the recognized dossiers."""

    where: str  # Vietnamese name of the artefact, with its path
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"thiếu {len(self.missing)}: {_names(self.missing)}" if self.missing else "",
                 f"thừa {len(self.extra)}: {_names(self.extra)}" if self.extra else "",
                 f"lặp lại: {_names(self.twice)}" if self.twice else ""]
        return f"- {self.where}: " + "; ".join(p for p in parts if p)


class IncompleteBuild(Exception):
    """The built site does not hold every recognized dossier exactly once in every artefact."""


def _names(slugs: list[str], limit: int = 20) -> str:
    shown = ", ".join(slugs[:limit])
    return shown + (f" … và {len(slugs) - limit} mô hình khác" if len(slugs) > limit else "")


def _compare(where: str, expected: set[str], found: Iterable[str]) -> Gap | None:
    counts = Counter(found)
    gap = Gap(where, sorted(expected - counts.keys()), sorted(counts.keys() - expected),
              sorted(s for s, n in counts.items() if n > 1))
    return gap if (gap.missing or gap.extra or gap.twice) else None


def _slug_of(url: str) -> str | None:
    m = MODEL_URL_RE.search(url.split("#")[0].split("?")[0])
    return m.group(1) if m else None


def model_pages(site: Path) -> list[str]:
    """Slugs that have a page `mo-hinh/<slug>/index.html`."""
    folder = site / "mo-hinh"
    return sorted(p.parent.name for p in folder.glob("*/index.html")) if folder.is_dir() else []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[str] = []  # links with the entry class
        self.any: list[str] = []  # every link to a model page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        a = dict(attrs)
        slug = _slug_of(a.get("href") or "")
        if slug:
            self.any.append(slug)
            if ENTRY_CLASS in (a.get("class") or "").split():
                self.entries.append(slug)


def catalogue_entries(site: Path) -> list[str] | None:
    """Slugs listed on `danh-muc/` and its numbered pages, once per entry (None when there is no catalogue)."""
    first = site / "danh-muc" / "index.html"
    if not first.is_file():
        return None
    entries: list[str] = []
    fallback: list[str] = []
    for page in [first, *sorted((site / "danh-muc").glob("trang-*/index.html"))]:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        entries += parser.entries
        fallback += parser.any
    return entries if entries else sorted(set(fallback))


def search_records(site: Path) -> list[str] | None:
    """Model slugs of the search index's records, one per record (None when the site has no index)."""
    urls = read_urls(site)
    return None if urls is None else [_slug_of(u) or u or "?" for u in urls]


# A record's "slug" key in our JSON export: after `{` or `,`, quotes unescaped (inside a string they would be \").
_JSON_SLUG = re.compile(rb'[{,]\s*"slug"\s*:\s*"((?:[^"\\]|\\.)*)"')


def json_rows(path: Path, chunk: int = 1 << 22) -> list[str] | None:
    """Slugs of the records of the exported JSON file, read in chunks.

    Parsing the whole file at the very end of the build was its peak memory (bench/README.md). A slug key only occurs once per record (the export's schema).
    """
    if not path.is_file():
        return None
    slugs: list[str] = []
    tail = b""
    with path.open("rb") as f:
        while data := f.read(chunk):
            buf = tail + data
            end = 0
            for m in _JSON_SLUG.finditer(buf):
                slugs.append(json.loads(b'"' + m.group(1) + b'"'))
                end = m.end()
            tail = buf[max(end, len(buf) - 2048):]  # a key cut by the chunk boundary is found next time
    return slugs


def csv_rows(path: Path) -> list[str] | None:
    """Slugs of the rows of the exported CSV file (UTF-8, a BOM allowed), from its `slug` column."""
    if not path.is_file():
        return None
    # the check bounds every cell far below it, but the reader's default 131,072 must never be what fails a build
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as f:  # row by row: the file grows with the catalogue
        return [row.get("slug") or "?" for row in csv.DictReader(f)]


def gaps(site: Path, recognized: Iterable[str]) -> list[Gap]:
    """Every difference between the recognized dossiers and what the built site holds."""
    expected = set(recognized)
    artefacts: list[tuple[str, list[str] | None]] = [
        ("trang mô hình `mo-hinh/<tên>/`", model_pages(site)),
        ("danh mục `danh-muc/`", catalogue_entries(site)),
        ("chỉ mục tìm kiếm `tim-kiem/chi-muc/`", search_records(site)),
        ("dữ liệu mở `du-lieu/mo-hinh.json`", json_rows(site / "du-lieu" / "mo-hinh.json")),
        ("dữ liệu mở `du-lieu/mo-hinh.csv`", csv_rows(site / "du-lieu" / "mo-hinh.csv")),
    ]
    found = [_compare(where, expected, slugs) for where, slugs in artefacts if slugs is not None]
    return [g for g in found if g is not None]


def require_complete(site: Path, recognized: Iterable[str]) -> None:
    """Raise IncompleteBuild, naming the slugs, unless every artefact holds exactly the recognized dossiers."""
    expected = sorted(set(recognized))
    found = gaps(site, expected)
    if found:
        lines = "\n".join(g.describe() for g in found)
        raise IncompleteBuild(
            f"Trang xây dựng không đầy đủ: có {len(expected)} hồ sơ đã công nhận nhưng các phần sau không khớp:\n{lines}"
        )
