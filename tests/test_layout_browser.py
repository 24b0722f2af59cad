"""Phone-first layouts in headless chromium: readable charts, the catalogue's width, the codebook on a
phone, aligned counters, a header title that fits, and a footer that is not an empty bar."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# Rendered size (px) of each visible SVG text: its font size times the SVG's scale on screen.
SVG_TEXT_SIZES = """(selector) => [...document.querySelectorAll(selector)].filter((svg) => svg.getBoundingClientRect().width > 0)
  .flatMap((svg) => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale); })"""


@pytest.fixture
def open_page(browser: Any, site_server: str):  # type: ignore[no-untyped-def]
    contexts = []

    def go(path: str, viewport: str) -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        contexts.append(context)
        page = context.new_page()
        page.goto(site_server + path, wait_until="networkidle")
        return page

    yield go
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path, selector", [("thong-ke/", "svg.dvk-chart"), ("huong-dan/", "svg.dvk-steps")])
def test_chart_text_is_at_least_12px(open_page: Any, viewport: str, path: str, selector: str) -> None:
    page = open_page(path, viewport)
    sizes = page.evaluate(SVG_TEXT_SIZES, selector)
    assert sizes, "no chart drawn"
    assert min(sizes) >= 12, f"smallest chart text {min(sizes):.1f}px"
    # one drawing per chart is shown, and it is an image with a name (the other one is display: none)
    named = page.evaluate(f"""[...document.querySelectorAll("{selector}")].filter((s) => s.getBoundingClientRect().width > 0)
        .map((s) => s.getAttribute("role") === "img" && s.querySelector("title").textContent.trim().length > 0)""")
    assert named and all(named)


def test_year_chart_shows_every_year_with_zero(open_page: Any, shipped_catalogue: Any) -> None:
    page = open_page("thong-ke/", "desktop")
    rows = page.evaluate("""[...document.querySelector("#theo-nam-cong-nhan ~ .dvk-stats").querySelectorAll("tbody tr")]
        .map((tr) => [...tr.cells].map((c) => c.textContent.trim()))""")
    years = [m.year for m in shipped_catalogue.models if m.year]
    expected = [[str(y), str(sum(1 for v in years if v == y))] for y in range(min(years), max(years) + 1)]
    assert rows == expected
    chart_labels = page.locator("#theo-nam-cong-nhan + figure svg.dvk-chart--wide text.dvk-chart-label").all_text_contents()
    assert chart_labels == [y for y, _ in expected]


def test_catalogue_uses_the_whole_width(open_page: Any) -> None:
    page = open_page("danh-muc/", "desktop")
    page.wait_for_selector(".dvk-results li")
    results = page.locator(".dvk-results-box").bounding_box()
    article = page.locator("article").bounding_box()
    assert results["width"] >= 700 and article["width"] >= 1100, (results, article)


def test_codebook_is_a_list_on_a_phone(open_page: Any) -> None:
    page = open_page("du-lieu/", "phone")
    table = page.locator("#bang-ma ~ .md-typeset__scrollwrap table").first
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "block"
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_home_counters_line_up_on_a_phone(open_page: Any) -> None:
    page = open_page("", "phone")
    lefts = page.evaluate("[...document.querySelectorAll('.dvk-counts > div')].map((d) => Math.round(d.getBoundingClientRect().left))")
    assert len(lefts) >= 4 and len(set(lefts)) == 2, lefts


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_header_title_fits(open_page: Any, viewport: str) -> None:
    page = open_page("", viewport)
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_footer_is_not_an_empty_bar(open_page: Any, viewport: str) -> None:
    page = open_page("", viewport)
    footer = page.locator(".md-footer-meta")
    assert "Dữ liệu mở" in footer.inner_text()
    assert footer.locator("a").count() >= 4
