"""A model page printed to PDF by headless chromium is a clean A4 dossier (dvk-print.css)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from dvk_build.site_context import site_url_from_mkdocs

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = site_url_from_mkdocs(ROOT / "mkdocs.yml")

pytestmark = pytest.mark.browser


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def model(shipped_catalogue):  # type: ignore[no-untyped-def]
    """The model with the most recognitions: the most notice numbers to find on paper."""
    return max(shipped_catalogue.models, key=lambda m: (len(m.recognitions), m.slug))


@pytest.fixture(scope="module")
def printed(browser, site_server: str, model, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """(PDF text per pdftotext, page info per pdfinfo, the tabs' labels, the article's on-screen text)."""
    for tool in ("pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is missing: apt-get install poppler-utils")
    page = browser.new_page()
    page.goto(f"{site_server}mo-hinh/{model.slug}/")
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts() if t.strip()]
    article = page.locator("article").inner_text()
    pdf = tmp_path_factory.mktemp("print") / f"{model.slug}.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), "-"], capture_output=True,
                          check=True, timeout=60).stdout.decode("utf-8")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
    return _words(text), info, tabs, _words(article)


def test_pdf_is_a4(printed) -> None:  # type: ignore[no-untyped-def]
    _, info, _, _ = printed
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2, info


def test_pdf_holds_the_title_and_every_notice_number(printed, model) -> None:  # type: ignore[no-untyped-def]
    text, _, _, _ = printed
    assert _words(model.title) in text
    assert model.recognitions
    for r in model.recognitions:
        assert r.notice_number in text, r.notice_number


def test_pdf_has_no_navigation_or_search(printed, model) -> None:  # type: ignore[no-untyped-def]
    text, _, tabs, article = printed
    own = [t for t in tabs if t not in article]  # a tab label the dossier itself never says
    assert len(own) >= 3, tabs
    for label in own:
        assert label not in text, f"navigation tab {label!r} printed"
    assert "Tìm mô hình" not in text
    assert "Tải dữ liệu JSON" not in text


def test_pdf_says_where_it_came_from(printed, model) -> None:  # type: ignore[no-untyped-def]
    text, _, _, _ = printed
    assert f"{SITE_URL}mo-hinh/{model.slug}/" in text.replace(" ", "")
    assert "dữ liệu minh họa" in text, "the illustrative-data notice stays on paper"


def test_print_rules_keep_rows_and_recognitions_whole(browser, site_server: str, model) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{site_server}mo-hinh/{model.slug}/")
    page.emulate_media(media="print")
    styles = page.evaluate("""() => {
        const s = sel => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
        return {
          tr: s('.dvk-targets tr').breakInside, rec: s('.dvk-recognitions > li').breakInside,
          header: s('.md-header').display, tabs: s('.md-tabs') ? s('.md-tabs').display : 'none',
          sidebar: s('.md-sidebar').display, footer: s('.md-footer') ? s('.md-footer').display : 'none',
          source: s('.dvk-print-source').display,
        };
    }""")
    page.close()
    assert styles["tr"] == "avoid" and styles["rec"] == "avoid"
    assert styles["header"] == styles["tabs"] == styles["sidebar"] == styles["footer"] == "none"
    assert styles["source"] == "block"
