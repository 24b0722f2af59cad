"""Everything Material writes on the built site is Vietnamese: no English string of the theme is left,
and the 404 page leads on (search box, catalogue)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
# Not shown to anyone: the search engine's settings and the writing direction.
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def _strings(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', path.read_text(encoding="utf-8"), flags=re.M))


class _Text(HTMLParser):
    """Visible text and the attributes a screen reader or a tooltip shows."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "placeholder", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def test_every_material_string_has_a_vietnamese_translation() -> None:
    english = _strings(MATERIAL_LANGUAGES / "en.html")
    ours = _strings(ROOT / "overrides" / "partials" / "languages" / "vi.html")
    missing = sorted(set(english) - set(ours))
    assert missing == []
    untranslated = sorted(k for k in english if k not in NOT_TEXT and ours[k] == english[k])
    assert untranslated == []


def test_no_english_theme_string_on_any_page(built_site: Path) -> None:
    english = {v for k, v in _strings(MATERIAL_LANGUAGES / "en.html").items()
               if k not in NOT_TEXT and not k.startswith("blog.") and len(v) > 3 and "#" not in v}
    english |= {"404 - Not found", "Not found"}
    found: dict[str, list[str]] = {}
    for html in sorted(built_site.rglob("*.html")):
        parser = _Text()
        parser.feed(html.read_text(encoding="utf-8"))
        text = " | ".join(" ".join(p.split()) for p in parser.parts)
        for phrase in english:
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
                found.setdefault(phrase, []).append(str(html.relative_to(built_site)))
    assert found == {}


def test_404_page_is_vietnamese_with_search_and_catalogue(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<h1 id="dvk-noi-dung">Không tìm thấy trang</h1>' in html
    assert re.search(r'<form[^>]+action="[^"]*tim-kiem/"[^>]*role="search"', html)
    assert re.search(r'<input id="dvk-404-q" type="search" name="q"', html)
    assert re.search(r'<a href="[^"]*danh-muc/">Danh mục đầy đủ các mô hình</a>', html)
    assert "<title>Không tìm thấy trang" in html
