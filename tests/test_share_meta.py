"""Open Graph and Twitter card meta on every page: title, summary and an image, with absolute URLs."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from dvk_build.site_context import site_url_from_mkdocs

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = site_url_from_mkdocs(ROOT / "mkdocs.yml")


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key and key not in self.meta:
            self.meta[key] = a.get("content") or ""


def meta_of(path: Path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.meta


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_url_is_set() -> None:
    assert SITE_URL and SITE_URL.startswith("https://"), "shares need absolute URLs: mkdocs.yml site_url"


def test_every_page_has_open_graph_and_twitter_meta(built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) > 20
    for page in pages:
        meta = meta_of(page)
        where = page.relative_to(built_site).as_posix()
        for key in ("og:title", "og:description", "og:image", "og:type", "og:site_name", "twitter:card",
                    "twitter:title", "twitter:description", "twitter:image"):
            assert meta.get(key, "").strip(), f"{where}: no {key}"
        assert meta["og:locale"] == "vi_VN", where
        assert meta["og:image"] == meta["twitter:image"] == f"{SITE_URL}assets/dvk-share.png", where
        assert meta["twitter:card"] == "summary_large_image"
        if where != "404.html":
            url = SITE_URL + where.removesuffix("index.html")
            assert meta.get("og:url") == url, f"{where}: og:url {meta.get('og:url')} != {url}"


def test_model_pages_share_their_title_and_summary(built_site: Path, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    for m in shipped_catalogue.models:
        meta = meta_of(built_site / "mo-hinh" / m.slug / "index.html")
        assert meta["og:title"] == m.title
        summary = " ".join(m.summary.split())
        if len(summary) < 299:
            assert meta["og:description"] == summary
        else:  # cut on a word, with an ellipsis
            assert meta["og:description"].endswith("…") and len(meta["og:description"]) <= 298
            assert summary.startswith(meta["og:description"][:-1]) and summary[len(meta["og:description"]) - 1] == " "
        assert meta["og:type"] == "article"
    assert meta_of(built_site / "index.html")["og:type"] == "website"


def test_share_image_is_a_1200x630_png(built_site: Path) -> None:
    data = (built_site / "assets" / "dvk-share.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)
    assert (ROOT / "content" / "pages" / "assets" / "dvk-share.png").read_bytes() == data


def test_quotes_and_ampersands_in_a_title_are_escaped_once(tmp_path: Path) -> None:
    """Generated front matter is HTML-escaped already; the meta must neither double-escape nor break out."""
    from conftest import SHIPPED_DOSSIER, make_dvk_project

    title = 'Mô hình "Nhà sạch & vườn đẹp" của ấp Phú Hòa'
    summary = 'Tóm tắt có dấu "ngoặc kép", dấu & và dấu \' đơn; không có gì bị cắt.'
    text = SHIPPED_DOSSIER.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines = [f"title: '{title}'" if ln.startswith("title:") else ln for ln in lines]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("summary:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" "))
    lines[start:end] = [f"summary: '{summary.replace(chr(39), chr(39) * 2)}'"]
    config = make_dvk_project(tmp_path, {"nha-sach.md": "\n".join(lines)})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    meta = meta_of(tmp_path / "site" / "mo-hinh" / "nha-sach" / "index.html")
    assert meta["og:title"] == meta["twitter:title"] == title
    assert meta["og:description"] == summary

