"""The built site in headless chromium: no console error, no failed or foreign request, fits a phone."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def showcase_model(catalogue: Any) -> Any:
    """The model recognized at tỉnh tier (through cơ sở and huyện), else the one with most tiers."""
    if not catalogue.models:
        pytest.skip("no recognized dossier in the shipped content")
    at_tinh = [m for m in catalogue.models if "tinh" in m.tiers]
    return (at_tinh or sorted(catalogue.models, key=lambda m: -len(m.tiers)))[0]


def page_paths(catalogue: Any) -> dict[str, str]:
    model = showcase_model(catalogue)
    return {"home": "", "model": model.url, "tier": f"cap/{model.tier}/"}


class Visit:
    """One page load with everything the browser saw: console errors, failed and foreign requests."""

    def __init__(self, browser: Any, base: str, path: str, viewport: dict[str, int]) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.requested: list[str] = []  # paths on the site
        self.context = browser.new_context(viewport=viewport)
        # Abort anything that leaves 127.0.0.1: the site must work on an intranet without the Internet.
        self.context.route(lambda url: not _local(url), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda req: (self.requested.append(urlparse(req.url).path) if _local(req.url)
                                             else self.foreign.append(req.url)))
        self.page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        self.page.on("response", lambda res: res.status >= 400 and self.failed.append(f"{res.url} (HTTP {res.status})"))
        self.response = self.page.goto(base + path, wait_until="networkidle")

    def close(self) -> None:
        self.context.close()


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture(params=[(p, v) for p in ("home", "model", "tier") for v in VIEWPORTS], ids=lambda pv: f"{pv[0]}-{pv[1]}")
def visit(request: pytest.FixtureRequest, browser: Any, site_server: str, shipped_catalogue: Any):  # type: ignore[no-untyped-def]
    name, viewport = request.param
    v = Visit(browser, site_server, page_paths(shipped_catalogue)[name], VIEWPORTS[viewport])
    v.name, v.viewport = name, viewport  # type: ignore[attr-defined]
    yield v
    v.close()


def test_page_loads_cleanly(visit: Visit) -> None:
    assert visit.response is not None and visit.response.status == 200
    seen = {"console errors": visit.errors, "failed requests": visit.failed,
            "requests to a host other than 127.0.0.1": visit.foreign}
    assert not any(seen.values()), seen  # all three at once: a 404 shows as a console error too


def test_no_page_downloads_the_sitemap(visit: Visit) -> None:
    """The sitemap grows with the catalogue (1.6 MB at 10,000 models); Material fetches it for every
    `link[rel=alternate]`, so a feed link written that way would cost every visitor that much."""
    assert [p for p in visit.requested if p.endswith("sitemap.xml")] == []


def test_no_horizontal_scroll(visit: Visit) -> None:
    scroll_width, inner_width = visit.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide in a {inner_width}px viewport"


def test_page_content_visible(visit: Visit, shipped_catalogue: Any) -> None:
    page = visit.page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("article h1").first.is_visible()
    model = showcase_model(shipped_catalogue)
    if visit.name == "model":  # type: ignore[attr-defined]
        assert page.locator(".dvk-card").is_visible()
        assert page.locator("article h1").first.inner_text().strip() == model.title
        box = page.locator(".dvk-replicate")
        assert box.is_visible()
        assert "Nhân rộng mô hình này" in box.locator("h2").inner_text()
        assert page.locator(".dvk-targets table tbody tr").count() == len(model.targets_with_results())
    elif visit.name == "tier":  # type: ignore[attr-defined]
        assert page.locator(f'article a[href$="{model.url}"]').first.is_visible()
    else:
        assert page.locator(".dvk-tiles a").count() > 0
