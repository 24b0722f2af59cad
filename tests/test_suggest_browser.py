"""Search as you type in the header (assets/dvk-suggest.js) and which words are highlighted
(assets/dvk-mark.js), in headless chromium and in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from dvk_build.vietnamese import fold

ROOT = Path(__file__).resolve().parent.parent
MARK_JS = ROOT / "content" / "pages" / "assets" / "dvk-mark.js"
PANEL = "#dvk-suggest"
READY = """() => { const m = document.getElementById("dvk-finder");
  return !!m && !m.hasAttribute("aria-busy") && !!m.querySelector(".dvk-status"); }"""


@pytest.fixture
def home(browser: Any, site_server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_server, wait_until="networkidle")
    yield page
    context.close()
    assert errors == []


def _type(page: Any, text: str) -> None:
    page.locator("#dvk-hsearch-q").focus()
    page.keyboard.type(text)


def _expect_models(catalogue: Any, word: str) -> list[Any]:
    """Models whose title holds a syllable folding to `word` (what the index finds in titles, at least)."""
    return [m for m in catalogue.models if word in fold(m.title).split()]


@pytest.mark.browser
def test_panel_opens_at_the_second_letter(home: Any, shipped_catalogue: Any) -> None:
    assert _expect_models(shipped_catalogue, "xa"), "the shipped content has no title with “xã”"
    _type(home, "x")
    home.wait_for_timeout(600)
    assert home.locator(PANEL).is_hidden()
    assert home.get_attribute("#dvk-hsearch-q", "aria-expanded") == "false"
    home.keyboard.type("a")
    home.wait_for_selector(f"{PANEL}:not([hidden]) [role=option]")
    assert home.get_attribute("#dvk-hsearch-q", "aria-expanded") == "true"
    options = home.locator(f"{PANEL} [role=option]")
    assert 2 <= options.count() <= 7
    assert options.last.inner_text().startswith("Xem tất cả")
    titles = home.locator(f"{PANEL} .dvk-suggest__title").all_inner_texts()
    assert set(titles) <= {m.title for m in shipped_catalogue.models}
    marks = {fold(m.lower()) for m in home.locator(f"{PANEL} mark").all_inner_texts()}
    # "xa" is still being typed: xã first, and the syllables it completed to (xanh) marked too
    assert "xa" in marks and all(m.startswith("xa") for m in marks), marks


@pytest.mark.browser
def test_the_last_word_typed_completes(home: Any, shipped_catalogue: Any) -> None:
    """ "nôn" lists the models with “Nông” in their title, and marks “Nông” there (not “nòng”)."""
    with_word = [m for m in shipped_catalogue.models if "nông" in m.title.lower().split()]
    assert with_word, "the shipped content has no title with “nông”"
    _type(home, "nôn")
    home.wait_for_function("""() => /“nôn”/.test(document.querySelector("#dvk-suggest .dvk-suggest__status")?.textContent || "")""")
    status = home.locator(f"{PANEL} .dvk-suggest__status").inner_text()
    found = int(status.split(" mô hình")[0].replace(".", "")) if status[0].isdigit() else 0
    assert found >= len(with_word), status
    marks = [t.lower() for t in home.locator(f"{PANEL} .dvk-suggest__title mark").all_inner_texts()]
    assert "nông" in marks and all(t.startswith("nôn") for t in marks), marks


@pytest.mark.browser
def test_arrows_choose_and_enter_opens_the_model(home: Any, shipped_catalogue: Any) -> None:
    _type(home, "xa")
    home.wait_for_selector(f"{PANEL}:not([hidden]) [role=option]")
    home.keyboard.press("ArrowDown")
    home.keyboard.press("ArrowDown")
    second = home.locator(f"{PANEL} [role=option]").nth(1)
    assert home.get_attribute("#dvk-hsearch-q", "aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert home.evaluate("document.activeElement.id") == "dvk-hsearch-q"  # typing goes on in the box
    href = second.get_attribute("data-href")
    home.keyboard.press("Enter")
    home.wait_for_url("**" + href)
    assert urlparse(href).path.strip("/") in {m.url.strip("/") for m in shipped_catalogue.models}


@pytest.mark.browser
def test_enter_opens_the_full_results_page_and_escape_closes(home: Any) -> None:
    _type(home, "xa")
    home.wait_for_selector(f"{PANEL}:not([hidden]) [role=option]")
    home.keyboard.press("Escape")
    assert home.locator(PANEL).is_hidden()
    assert home.get_attribute("#dvk-hsearch-q", "aria-expanded") == "false"
    home.keyboard.press("Enter")
    home.wait_for_url("**/tim-kiem/**")
    assert parse_qs(urlparse(home.url).query)["q"] == ["xa"]
    home.wait_for_function(READY, timeout=20_000)
    assert home.locator(".dvk-results li").count() > 0


@pytest.mark.browser
def test_open_panel_has_no_serious_axe_violation(home: Any) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    _type(home, "xa")
    home.wait_for_selector(f"{PANEL}:not([hidden]) [role=option]")
    home.keyboard.press("ArrowDown")
    results = axe.run(home, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    blocking = [(v["id"], v["nodes"][0]["target"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert blocking == []


@pytest.mark.browser
def test_results_page_marks_only_whole_words(browser: Any, site_server: str) -> None:
    """“hoa” marks hoa, hòa, hóa, never “hoặc” (a word that only begins like it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_server + "tim-kiem/?q=hoa")
        page.wait_for_function(READY, timeout=20_000)
        marks = page.locator(".dvk-results mark").all_inner_texts()
        assert marks and {fold(m.lower()) for m in marks} == {"hoa"}, marks
    finally:
        context.close()


HARNESS = """
const { markWords, queryWords } = await import(process.argv[2]);
const cases = JSON.parse(process.argv[3]);
console.log(JSON.stringify(cases.map(([html, q]) => markWords(html, queryWords(q)))));
"""


def test_mark_words_in_node(tmp_path: Path) -> None:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is missing")
    cases = [
        ("hoa hòa hóa hoặc hoàn Hoa", "hoa"),
        ("hoa hòa hóa", "hòa"),            # typed with diacritics: that spelling only
        ("đường duong Đường", "duong"),    # đ typed as d
        ("Tom &amp; Jerry &lt;b&gt;", "amp lt b"),  # entities stay whole, never marked inside
        ("<mark>hoặc</mark> hoa", "hoa"),  # an engine's mark on a prefix match is dropped
        ("Xã xa xanh", "xa"),
    ]
    harness = tmp_path / "harness.mjs"
    harness.write_text(HARNESS, encoding="utf-8")
    proc = subprocess.run([node, str(harness), MARK_JS.as_uri(), json.dumps(cases)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [
        "<mark>hoa</mark> <mark>hòa</mark> <mark>hóa</mark> hoặc hoàn <mark>Hoa</mark>",
        "hoa <mark>hòa</mark> hóa",
        "<mark>đường</mark> <mark>duong</mark> <mark>Đường</mark>",
        "Tom &amp; Jerry &lt;<mark>b</mark>&gt;",
        "hoặc <mark>hoa</mark>",
        "<mark>Xã</mark> <mark>xa</mark> xanh",
    ]
