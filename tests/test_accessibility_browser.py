"""Accessibility of the built site in headless chromium: axe-core on every page type at desktop and
phone widths (WCAG 2.1 AA, no serious or critical violation), a skip link, visible focus, and search
and filters used with the keyboard alone.

axe-core is the copy bundled in axe-playwright-python (nothing is downloaded when the tests run).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from dvk_build.vietnamese import province_slug

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGE_TYPES = ("home", "catalogue", "search", "tier", "field", "province", "model", "statistics", "data", "guide",
              "rules", "not-found")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")
READY = """() => { const m = document.getElementById("dvk-finder");
  return !!m && !m.hasAttribute("aria-busy") && !!m.querySelector(".dvk-status"); }"""


def _model(catalogue: Any) -> Any:
    if not catalogue.models:
        pytest.skip("no recognized dossier in the shipped content")
    return max(catalogue.models, key=lambda m: len(m.tiers))


def _search_word(model: Any) -> str:
    """A word of the model's title that the search finds (the longest: few other pages hold it)."""
    return max(model.title.split(), key=len).strip("“”\"'(),.:")


def page_path(name: str, catalogue: Any) -> str:
    model = _model(catalogue)
    return {
        "home": "",
        "catalogue": "danh-muc/",
        "search": f"tim-kiem/?q={_search_word(model)}",
        "tier": f"cap/{model.tier}/",
        "field": f"linh-vuc/{model.fields[0]}/",
        "province": f"tinh/{province_slug(model.province)}/",
        "model": model.url,
        "statistics": "thong-ke/",
        "data": "du-lieu/",
        "guide": "huong-dan/",
        "rules": "quy-tac/",
        "not-found": "404.html",
    }[name]


def open_page(browser: Any, base: str, path: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    if path.startswith(("tim-kiem/", "danh-muc/")):
        page.wait_for_function(READY, timeout=20_000)
    return context, page


@pytest.fixture(scope="module")
def axe() -> Any:
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_axe_violation(name: str, viewport: str, browser: Any, site_server: str, shipped_catalogue: Any,
                                  axe: Any) -> None:
    context, page = open_page(browser, site_server, page_path(name, shipped_catalogue), VIEWPORTS[viewport])
    try:
        if name == "search":  # the page must show results, not its empty state
            assert page.locator(".dvk-results li").count() > 0
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        report = "\n".join(f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {v['nodes'][0]['target']} "
                           f"{v['nodes'][0]['failureSummary'][:300]}" for v in blocking)
        assert blocking == [], report
    finally:
        context.close()


def _tab_to(page: Any, predicate: str, limit: int = 120) -> bool:
    """Press Tab until `predicate` (JS over document.activeElement `e`) holds; False after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!e && ({predicate}); }})()"):
            return True
    return False


FOCUS_RING = """(() => { const e = document.activeElement; const s = getComputedStyle(e);
  return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; })()"""


@pytest.mark.parametrize("name", ["home", "model", "catalogue", "not-found"])
def test_skip_link_first_and_leads_to_the_content(name: str, browser: Any, site_server: str,
                                                 shipped_catalogue: Any) -> None:
    context, page = open_page(browser, site_server, page_path(name, shipped_catalogue), VIEWPORTS["phone"])
    try:
        page.keyboard.press("Tab")
        skip = page.evaluate("(() => { const e = document.activeElement; return [e.className, e.textContent.trim(), "
                             "e.getAttribute('href'), e.getBoundingClientRect().height]; })()")
        assert "md-skip" in skip[0], skip
        assert skip[1] == "Bỏ qua, đến nội dung chính"
        assert skip[3] > 0 and page.evaluate(FOCUS_RING)
        target = page.locator(skip[2])
        assert target.count() == 1 and target.first.evaluate("e => !!e.closest('article')")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_control_shows_focus(viewport: str, browser: Any, site_server: str) -> None:
    """Tab through the home page: each link, button and field it reaches draws a focus ring."""
    context, page = open_page(browser, site_server, "", VIEWPORTS[viewport])
    try:
        seen, missing = 0, []
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break
            seen += 1
            if not page.evaluate(FOCUS_RING):
                missing.append(page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
        assert seen >= 10 and missing == []
    finally:
        context.close()


def test_header_search_with_the_keyboard(browser: Any, site_server: str, shipped_catalogue: Any) -> None:
    word = _search_word(_model(shipped_catalogue))
    context, page = open_page(browser, site_server, "", VIEWPORTS["desktop"])
    try:
        assert _tab_to(page, "e.id === 'dvk-hsearch-q'")
        page.keyboard.type(word)
        page.keyboard.press("Enter")
        page.wait_for_url("**/tim-kiem/**")
        page.wait_for_function(READY, timeout=20_000)
        assert page.locator(".dvk-results li").count() > 0
    finally:
        context.close()


def test_catalogue_filters_with_the_keyboard(browser: Any, site_server: str, shipped_catalogue: Any) -> None:
    model = _model(shipped_catalogue)
    context, page = open_page(browser, site_server, "danh-muc/", VIEWPORTS["desktop"])
    try:
        before = page.locator(".dvk-status strong").inner_text()
        assert _tab_to(page, f"e.type === 'checkbox' && e.name === 'cap' && e.value === '{model.tier}'")
        assert page.evaluate(FOCUS_RING)
        page.keyboard.press("Space")
        page.wait_for_function("() => location.search.includes('cap=')")
        page.wait_for_function(READY, timeout=20_000)
        assert parse_qs(urlparse(page.url).query)["cap"] == [model.tier]
        shown = int(page.locator(".dvk-status strong").inner_text().replace(".", ""))
        assert int(before.replace(".", "")) == len(shipped_catalogue.models)
        assert shown == len(shipped_catalogue.in_tier(model.tier))
    finally:
        context.close()
