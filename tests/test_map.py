"""The maps drawn at build time: present, accessible, right counts, deterministic, clickable in chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from dvk_build import vietnamese as text


class Svg(HTMLParser):
    """The maps of a page: per svg, its attributes, title, desc, link targets; and the tables' rows."""

    def __init__(self) -> None:
        super().__init__()
        self.maps: list[dict[str, Any]] = []
        self.stack: list[str] = []
        self.rows: list[list[str]] = []
        self.in_table = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg" and "dvk-map" in (a.get("class") or ""):
            self.maps.append({"attrs": a, "title": "", "desc": "", "links": [], "ids": {}})
        if self.maps and "svg" in self.stack + [tag] and a.get("id"):
            self.maps[-1]["ids"][a["id"]] = tag
        if self.maps and "svg" in self.stack and tag == "a":
            self.maps[-1]["links"].append((a.get("href"), a.get("aria-label")))
        if tag == "table" and "dvk-map-table" in (a.get("class") or ""):
            self.in_table = True
        if self.in_table and tag == "tr":
            self.rows.append([])
        if self.in_table and tag in ("td", "th"):
            self.cell = []
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()
        if tag == "table":
            self.in_table = False
        if self.in_table and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("title", "desc") and self.maps and "svg" in self.stack:
            key = self.stack[-1]
            if not self.maps[-1][key]:
                self.maps[-1][key] = data
        if self.cell is not None:
            self.cell.append(data)


def parse(path: Path) -> Svg:
    p = Svg()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.mark.parametrize("page", ["index.html", "tinh/index.html"])
def test_country_map_is_accessible_with_a_table_of_the_same_counts(built_site: Path, shipped_catalogue, page: str) -> None:  # type: ignore[no-untyped-def]
    found = parse(built_site / page)
    assert len(found.maps) == 1, "one country map"
    svg = found.maps[0]
    labelled = svg["attrs"]["aria-labelledby"].split()
    assert [svg["ids"].get(i) for i in labelled] == ["title", "desc"]
    assert svg["title"].startswith("Bản đồ mô hình") and "bảng" in svg["desc"]
    counts = Counter(m.province for m in shipped_catalogue.models)
    # every province with models is a link to its page, named with its count; no other link
    prefix = "tinh/" if page == "index.html" else ""
    assert sorted(svg["links"]) == sorted(
        (f"{prefix}{text.province_slug(p)}/", f"{p}: {n} mô hình") for p, n in counts.items())
    for href, _ in svg["links"]:
        assert (built_site / Path(page).parent / href / "index.html").is_file(), href
    table = {r[0]: int(r[1]) for r in found.rows[1:]}
    assert table == dict(counts)
    html = (built_site / page).read_text(encoding="utf-8")
    assert "Quần đảo Hoàng Sa" in html and "Quần đảo Trường Sa" in html
    assert "&lt;svg" not in html and "&lt;path" not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg_text(html)), "the map loads nothing from elsewhere"


def svg_text(html: str) -> str:
    return "".join(re.findall(r'<svg class="dvk-map.*?</svg>', html, re.S))


def test_province_map_links_communes_to_the_filtered_catalogue(built_site: Path, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    models = [m for m in shipped_catalogue.models if m.province == "Tỉnh Vĩnh Long"]
    found = parse(built_site / "tinh" / "vinh-long" / "index.html")
    assert len(found.maps) == 1
    svg = found.maps[0]
    assert svg["title"] == "Bản đồ mô hình “Dân vận khéo” của Tỉnh Vĩnh Long"
    per_commune = Counter(m.unit_today.commune_code for m in models)
    assert sorted(href for href, _ in svg["links"]) == sorted(f"../../danh-muc/?xa={c}" for c in per_commune)
    assert {r[0]: int(r[1]) for r in found.rows[1:]} == {
        next(m.unit_today.commune for m in models if m.unit_today.commune_code == c): n for c, n in per_commune.items()}


def test_model_page_has_a_locator_over_the_shared_base_map(built_site: Path) -> None:
    page = (built_site / "mo-hinh" / "to-hop-tac-dua-huu-co-xa-huong-my" / "index.html").read_text(encoding="utf-8")
    assert '<svg viewBox="0 0 596 616" role="img" aria-label="Vị trí: Xã Hương Mỹ, Tỉnh Vĩnh Long"' in page
    assert "&lt;svg" not in page and "&lt;figure" not in page, "the maps are HTML, not escaped text"
    assert 'src="../../assets/ban-do-viet-nam.svg"' in page
    assert "nay là Xã Hương Mỹ, Tỉnh Vĩnh Long" in page  # the unit at recognition and today
    base = (built_site / "assets" / "ban-do-viet-nam.svg").read_text(encoding="utf-8")
    assert base.startswith("<svg") and base.count("<path") == 2 * 34


def test_the_map_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Two interpreters with different string hashing draw the same national and province maps."""
    script = ("import sys; from dvk_build.render import maps; from dvk_build import register;"
              "sys.stdout.write(maps.base_map() + maps.province_map('86', [], 'x/'))")
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        outs.append(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True).stdout)
    assert outs[0] == outs[1] and len(outs[0]) > 10000


@pytest.mark.browser
def test_clicking_a_province_then_a_commune(browser: Any, site_server: str, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    """Home page map → the province's page → its map's commune → the catalogue filtered by that commune."""
    models = [m for m in shipped_catalogue.models if m.province == "Tỉnh Vĩnh Long"]
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site_server, wait_until="networkidle")
        province = page.locator('svg.dvk-map a[aria-label^="Tỉnh Vĩnh Long:"]')
        province.scroll_into_view_if_needed()
        province.click()
        page.wait_for_url("**/tinh/vinh-long/")
        assert page.locator("h1").inner_text() == "Mô hình “Dân vận khéo” – Tỉnh Vĩnh Long"
        commune = models[0].unit_today
        dot = page.locator(f'svg.dvk-map a[href$="?xa={commune.commune_code}"]')
        dot.scroll_into_view_if_needed()
        dot.click()
        page.wait_for_url(f"**/danh-muc/?xa={commune.commune_code}")
        page.wait_for_selector("#dvk-finder:not([aria-busy])")
        expected = sum(1 for m in shipped_catalogue.models if m.unit_today and m.unit_today.commune_code == commune.commune_code)
        assert page.locator(".dvk-results > li").count() == expected
        box = page.locator(f'input[name="xa"][value="{commune.commune_code}"]')
        assert box.is_checked()
        assert (box.locator("xpath=..").text_content() or "").startswith(commune.name)  # folded on a phone
        context.close()


# Each visible map label as rendered: its text, font size in CSS px (an SVG text's size times the SVG's scale on
# screen) and box; SVG texts count their lines (tspan) apart for the size, whole for the box.
MAP_LABELS = """() => {
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const out = [];
  for (const svg of document.querySelectorAll("svg.dvk-map")) {
    const r = svg.getBoundingClientRect();
    if (!r.width) continue;
    const scale = r.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const sizes = [t, ...t.querySelectorAll("tspan")].map((e) => parseFloat(getComputedStyle(e).fontSize) * scale);
      out.push({text: t.textContent, px: Math.min(...sizes), box: box(t.getBoundingClientRect()), frame: box(r)});
    }
  }
  for (const label of document.querySelectorAll(".dvk-locator-label")) {
    out.push({text: label.textContent, px: parseFloat(getComputedStyle(label).fontSize),
              box: box(label.getBoundingClientRect()), frame: box(label.parentElement.getBoundingClientRect())});
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "tinh/", "mo-hinh/to-hop-tac-dua-huu-co-xa-huong-my/"])
def test_map_labels_are_readable_and_apart(browser: Any, site_server: str, path: str, width: int) -> None:
    """At least 12 px on screen, inside their map, no two overlapping: the islands' names, the sea, the legend."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_server + path, wait_until="networkidle")
    labels = page.evaluate(MAP_LABELS)
    context.close()
    names = " ".join(label["text"] for label in labels)
    assert "Hoàng Sa" in names and "Trường Sa" in names
    for label in labels:
        assert label["px"] >= 12, f"{label['text']!r} drawn at {label['px']:.1f} px"
        (left, top, right, bottom), (fl, ft, fr, fb) = label["box"], label["frame"]
        assert fl - 1 <= left and right <= fr + 1 and ft - 1 <= top and bottom <= fb + 1, f"{label['text']!r} leaves its map"
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["box"][2] <= b["box"][0] or b["box"][2] <= a["box"][0]
                     or a["box"][3] <= b["box"][1] or b["box"][3] <= a["box"][1])
            assert apart, f"{a['text']!r} overlaps {b['text']!r}"
