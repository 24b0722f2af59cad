"""Search (`tim-kiem/`) and the faceted catalogue (`danh-muc/`) on the dvk index, in headless chromium.

Expectations come from the dossiers (the validator and the model), never from counts typed here:
queries with and without diacritics (đ typed as d too) find the models, exact diacritics rank first,
filters narrow and combine with a count beside each value, the URL restores the state, and the
browser logs no error and asks no host but 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from collections import Counter
from typing import Any, Iterable
from urllib.parse import parse_qs, quote, urlparse

import pytest
import yaml

from conftest import ROOT, SHIPPED_DOSSIER, make_dvk_project, serve_directory
from dvk_build.vietnamese import province_slug
from dvk_build.vietnamese import fold, sort_key

pytestmark = pytest.mark.browser

READY = """() => { const m = document.getElementById("dvk-finder");
  return !!m && !m.hasAttribute("aria-busy") && !!m.querySelector(".dvk-status"); }"""


# --- a browser session that records errors and foreign requests -----------------------------


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


class Session:
    """One browser context on a served site: console errors and requests to other hosts are kept."""

    def __init__(self, browser: Any, base: str, javascript: bool = True) -> None:
        self.base = base
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
        self.context.route(lambda url: not _local(url), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda req: _local(req.url) or self.foreign.append(req.url))

    def open(self, path: str) -> Any:
        """Go to a page of the site and wait until the search interface has drawn its results."""
        self.page.goto(self.base + path)
        self.wait()
        return self.page

    def wait(self) -> None:
        self.page.wait_for_function(READY, timeout=20_000)

    def assert_clean(self) -> None:
        assert self.errors == [], "console errors"
        assert self.foreign == [], "requests to a host other than 127.0.0.1"


@pytest.fixture
def session(browser: Any, site_server: str):  # type: ignore[no-untyped-def]
    s = Session(browser, site_server)
    yield s
    s.context.close()


# --- reading the interface --------------------------------------------------------------------


def slugs(page: Any, everything: bool = True) -> list[str]:
    """Slugs of the listed results, in order (all of them, pressing "Xem thêm" as needed)."""
    more = page.locator(".dvk-results-box > button")
    while everything and more.is_visible():
        more.click()
        page.wait_for_function(READY)
    hrefs = page.locator(".dvk-results .dvk-entry-title").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [h.rstrip("/").split("/")[-1] for h in hrefs]


def shown_total(page: Any) -> int:
    strong = page.locator(".dvk-status strong")
    return int(strong.inner_text().replace(".", "")) if strong.count() else 0


def value_counts(page: Any, key: str) -> dict[str, int]:
    """The count shown beside each value of a facet."""
    rows = page.locator(f'.dvk-facets input[name="{key}"]').evaluate_all(
        "els => els.map(e => [e.value, e.closest('label').querySelector('.dvk-count').textContent])")
    return {value: int(text.replace(".", "")) for value, text in rows}


def open_filters(page: Any) -> None:
    """Unfold the filter panel (folded on the search page until wanted) and wait for its counts."""
    toggle = page.locator("details.dvk-facets-toggle")
    if toggle.get_attribute("open") is None:
        toggle.locator("> summary").click()
    page.wait_for_function("() => [...document.querySelectorAll('.dvk-facets .dvk-count')].some(e => e.textContent)")
    page.wait_for_function(READY)


def click(page: Any, key: str, value: str) -> None:
    box = page.locator(f'.dvk-facets input[name="{key}"][value="{value}"]')
    if not box.is_visible():
        open_filters(page)
    box.click()
    page.wait_for_function(READY)


def query_of(page: Any) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(urlparse(page.url).query).items()}


def search(s: Session, q: str) -> list[str]:
    return slugs(s.open(f"tim-kiem/?q={quote(q)}"))


# --- expectations from the dossiers -------------------------------------------------------------


def facet_values(m: Any) -> dict[str, set[str]]:
    """What each filter of the interface means for one model, straight from the model."""
    return {
        "cap": set(m.tiers),
        "linh-vuc": set(m.fields),
        "tinh": {province_slug(m.province)},
        "nam": {str(m.year)} if m.year else set(),
        "chu-the": {m.holder_kind},
        "tu-danh-gia": {m.self_assessment} if m.self_assessment else set(),
    }


def matching(models: Iterable[Any], chosen: dict[str, set[str]], leave_out: str | None = None) -> list[Any]:
    """Models with at least one chosen value in every facet (one facet may be left out)."""
    return [m for m in models
            if all(facet_values(m)[k] & v for k, v in chosen.items() if v and k != leave_out)]


def expected_counts(models: list[Any], chosen: dict[str, set[str]], key: str) -> dict[str, int]:
    """The count beside each value of facet `key`: the other facets' choices, and that value."""
    counts: Counter[str] = Counter()
    for m in matching(models, chosen, leave_out=key):
        counts.update(facet_values(m)[key])
    return dict(counts)


def title_words(m: Any, n: int = 3) -> list[str]:
    return re.findall(r"\w+", m.title)[:n]


# --- a project of our own, where the words and facets are chosen --------------------------------


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, dt.date):
        return value.replace(year=value.year + years)
    if isinstance(value, dict):
        return {k: (v + years if k == "year" and isinstance(v, int) else _shift(v, years)) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    return value


# One real commune (legacy register, one commune today) per province the variants use.
COMMUNES = {
    "Tỉnh An Giang": ("Huyện Chợ Mới", "Xã Kiến An"),
    "Thành phố Hà Nội": ("Huyện Thường Tín", "Xã Tự Nhiên"),
    "Tỉnh Đồng Tháp": ("Huyện Tháp Mười", "Xã Mỹ An"),
    "Tỉnh Tây Ninh": ("Huyện Châu Thành", "Xã Hòa Hội"),
}


def variant(title: str, summary: str, fields: list[str], top: str, province: str, years: int = 0) -> str:
    """The shipped dossier with another title, summary, fields, highest tier, province and years."""
    _, front, body = SHIPPED_DOSSIER.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    order = ["co-so", "huyen", "tinh"]
    data.update(title=title, summary=summary, fields=fields)
    data["recognitions"] = [r for r in data["recognitions"] if order.index(r["tier"]) <= order.index(top)]
    district, commune = COMMUNES[province]  # a real unit of the legacy register: DVK309 checks it
    data["locality"] = {"province": province, "district": district, "commune": commune}
    return "---\n" + yaml.safe_dump(_shift(data, years), allow_unicode=True, sort_keys=False) + "---\n" + body


# Words chosen so that one differs from another only by its diacritics: "lúa" (rice) and "lụa"
# (silk), "đê" (dike) and "dê" (goat). None of them is in the shipped dossier these are made from.
VARIANTS = {
    "canh-dong-lua": variant("Cánh đồng lúa sạch của hội nông dân", "Nông dân cùng nhau trồng lúa sạch, bán lúa giá cao.",
                             ["kinh-te"], "huyen", "Tỉnh An Giang", -1),
    "det-lua": variant("Làng nghề dệt lụa truyền thống", "Giữ nghề dệt lụa cho phụ nữ trong ấp.",
                       ["kinh-te", "van-hoa-xa-hoi"], "co-so", "Tỉnh An Giang"),
    "bao-ve-de": variant("Tổ bảo vệ đê điều", "Người dân thay nhau canh đê trong mùa lũ.",
                         ["quoc-phong-an-ninh"], "tinh", "Thành phố Hà Nội", -1),
    "nuoi-de": variant("Hộ chăn nuôi dê thoát nghèo", "Hội viên nuôi dê, giúp nhau thoát nghèo.",
                       ["kinh-te"], "co-so", "Tỉnh Đồng Tháp"),
    "dan-van-ntm": variant("Dân vận khéo trong xây dựng nông thôn mới", "Vận động Nhân dân hiến đất làm đường.",
                           ["xay-dung-he-thong-chinh-tri", "kinh-te"], "huyen", "Tỉnh Tây Ninh", -1),
}


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """(base URL, catalogue) of a built project holding the VARIANTS dossiers."""
    import os

    from dvk_build.model import build_catalogue
    from dvk_build.validate.engine import check_paths

    tmp = tmp_path_factory.mktemp("search-variants")
    config = make_dvk_project(tmp, {f"{slug}.md": text for slug, text in VARIANTS.items()})
    shutil.copytree(ROOT / "content" / "pages" / "assets", tmp / "pages" / "assets")  # the search script and styles
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=tmp,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = check_paths([tmp / "models"], today=dt.date.today(), root=tmp)
    catalogue = build_catalogue(report)
    assert sorted(m.slug for m in catalogue.models) == sorted(VARIANTS)
    base, httpd = serve_directory(tmp / "site")
    yield base, catalogue
    httpd.shutdown()  # type: ignore[attr-defined]


@pytest.fixture
def variant_session(browser: Any, variant_site: tuple[str, Any]):  # type: ignore[no-untyped-def]
    s = Session(browser, variant_site[0])
    yield s
    s.context.close()


# --- queries -------------------------------------------------------------------------------------


def test_queries_with_and_without_diacritics_find_the_model(session: Session, shipped_catalogue: Any) -> None:
    models = sorted(shipped_catalogue.models, key=lambda m: ("đ" not in m.title.lower(), m.slug))[:6]
    if not models:
        pytest.skip("no recognized dossier in the shipped content")
    for m in models:
        words = title_words(m)
        typed = " ".join(words)
        bare = fold(typed)
        assert m.slug in search(session, typed), f"“{typed}” does not find {m.slug}"
        assert m.slug in search(session, bare), f"“{bare}” (no diacritics) does not find {m.slug}"
        assert m.slug in search(session, typed.lower()), f"“{typed.lower()}” does not find {m.slug}"
    session.assert_clean()


def test_d_typed_for_đ_finds_the_model(session: Session, shipped_catalogue: Any) -> None:
    found = [(m, w) for m in shipped_catalogue.models for w in re.findall(r"\w+", f"{m.title} {m.summary}")
             if "đ" in w.lower() and len(w) > 2]
    if not found:
        pytest.skip("no shipped title or summary has a word with đ")
    m, word = found[0]
    other = next((w for w in title_words(m, 6) if "đ" not in w.lower() and len(w) > 2), "")
    for q in (word, fold(word), f"{fold(word)} {fold(other)}".strip()):
        assert m.slug in search(session, q), f"“{q}” does not find {m.slug} (which has “{word}”)"
    page = session.page
    assert page.locator(".dvk-results .dvk-entry").first.is_visible()
    # the folded words of the search record never show: an excerpt is real text of the page
    for excerpt in page.locator(".dvk-excerpt").all_inner_texts():
        assert "⁂" not in excerpt
        assert re.search(r"[^\x00-\x7f]", excerpt), f"excerpt without Vietnamese letters: {excerpt!r}"
    session.assert_clean()


@pytest.mark.parametrize(("query", "first", "also"), [
    ("lúa", "canh-dong-lua", "det-lua"),  # both are found; the exact word first
    ("lụa", "det-lua", "canh-dong-lua"),
    ("lua", None, {"canh-dong-lua", "det-lua"}),
    ("dê", "nuoi-de", None),
    ("đê", "bao-ve-de", None),
    ("đê điều", "bao-ve-de", None),
    ("de dieu", "bao-ve-de", None),  # đê điều typed without đ
    ("nuoi de", "nuoi-de", None),
    ("dan van kheo", "dan-van-ntm", None),
])
def test_exact_diacritics_rank_first(variant_session: Session, query: str, first: str | None, also: Any) -> None:
    found = search(variant_session, query)
    if first:
        assert found and found[0] == first, f"“{query}” ranks {found}"
    if isinstance(also, str):
        assert also in found, f"“{query}” should also find {also} (same letters, other diacritics): {found}"
    elif also:
        assert also <= set(found), f"“{query}” finds {found}"
    variant_session.assert_clean()


def test_header_box_opens_the_search_page(session: Session, shipped_catalogue: Any) -> None:
    if not shipped_catalogue.models:
        pytest.skip("no recognized dossier in the shipped content")
    m = shipped_catalogue.models[0]
    page = session.page
    page.goto(session.base)
    box = page.locator("#dvk-hsearch-q")
    assert box.is_visible() and box.get_attribute("placeholder")
    q = fold(" ".join(title_words(m)))
    box.fill(q)
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    session.wait()
    assert m.slug in slugs(page)
    assert page.locator('#dvk-finder input[name="q"]').input_value() == q
    session.assert_clean()


def folded_words(text: str) -> set[str]:
    return {fold(w.lower()) for w in re.findall(r"\w+", text)}


def type_query(s: Session, q: str) -> Any:
    """Type `q` key by key into the search page's box, as a person does, and wait for its answer."""
    page = s.open("tim-kiem/")
    page.locator('#dvk-finder input[name="q"]').press_sequentially(q, delay=80)
    page.wait_for_function("""(q) => { const m = document.getElementById("dvk-finder");
      return !m.hasAttribute("aria-busy") && m.querySelector(".dvk-status").textContent.includes("“" + q + "”"); }""", arg=q)
    return page


def test_typing_the_start_of_a_word_finds_it_with_an_excerpt_from_the_text(session: Session, shipped_catalogue: Any) -> None:
    """“nôn” typed (the last word may be a syllable still being typed) finds the models with “nông”, and
    so does “nong”; a model whose summary lacks the word shows a passage of its text holding it, marked."""
    from dvk_build.search.dvk_index import record

    models = shipped_catalogue.models
    in_title = {m.slug for m in models if "nong" in folded_words(f"{m.title} {m.summary}")}
    in_text_only = [m for m in models if "nong" not in folded_words(m.summary) and "nong" in folded_words(record(m)[4])]
    if not in_title or not in_text_only:
        pytest.skip("the shipped content has no “nông” in a title or summary, or none in a text only")
    for q in ("nôn", "nong"):
        page = type_query(session, q)
        found = slugs(page)
        assert in_title <= set(found), f"typing “{q}” does not find {in_title - set(found)}"
        for m in in_text_only:
            assert m.slug in found, f"typing “{q}” does not find {m.slug} (“nông” in its text)"
            entry = page.locator(".dvk-results .dvk-entry").filter(
                has=page.locator(f'a.dvk-entry-title[href$="/{m.slug}/"]'))
            excerpt = entry.locator(".dvk-excerpt")
            assert "nong" in folded_words(excerpt.inner_text()), f"{m.slug}: {excerpt.inner_text()!r}"
            marks = [t.lower() for t in excerpt.locator("mark").all_inner_texts()]
            assert "nong" in {fold(t) for t in marks}, f"{m.slug}: “nông” not marked in {excerpt.inner_html()!r}"
            if q == "nôn":  # typed with diacritics: only the spellings that begin so (nông, not nòng)
                assert all(t.startswith("nôn") for t in marks), f"{m.slug}: {marks}"
            assert fold(m.summary.lower())[:40] not in fold(excerpt.inner_text().lower()), "the summary, not the text"
    session.assert_clean()



def test_pauses_while_a_search_is_fetching_run_one_search_with_the_text_by_then(browser: Any, site_server: str) -> None:
    """Three pauses in typing, the network slow (2 s a request): the first pause's search runs, the next two
    wait for it and make one search of the whole text, not one each (dvk-search.js `typed`)."""
    s = Session(browser, site_server)
    try:
        # every query the page starts a search for, in order: update() writes it into the URL first
        s.context.add_init_script("""window.__queries = []; const replace = history.replaceState.bind(history);
          history.replaceState = (state, title, url) => { replace(state, title, url);
            window.__queries.push(new URLSearchParams(location.search).get("q") || ""); };""")
        page = s.open("tim-kiem/")
        s.wait()
        cdp = s.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 2000, "downloadThroughput": -1, "uploadThroughput": -1})
        box = page.locator('#dvk-finder input[name="q"]')
        for part in ("nong", " thon", " moi"):
            box.press_sequentially(part, delay=60)
            page.wait_for_timeout(400)  # a pause: longer than the page's 250 ms
        page.wait_for_function("""() => { const m = document.getElementById("dvk-finder");
          return !m.hasAttribute("aria-busy") && m.querySelector(".dvk-status").textContent.includes("“nong thon moi”"); }""",
                               timeout=60_000)
        written = page.evaluate("window.__queries")
        started = [q for i, q in enumerate(written) if q and (i == 0 or q != written[i - 1])]
        assert started == ["nong", "nong thon moi"], started
        s.assert_clean()
    finally:
        s.context.close()


# --- filters, counts, sorting, the URL -----------------------------------------------------------


@pytest.fixture(params=["shipped", "variants"])
def catalogue_case(request: pytest.FixtureRequest, browser: Any):  # type: ignore[no-untyped-def]
    """(session, catalogue) on the shipped content and on the variants (which surely have several values)."""
    if request.param == "shipped":
        base, catalogue = request.getfixturevalue("site_server"), request.getfixturevalue("shipped_catalogue")
    else:
        base, catalogue = request.getfixturevalue("variant_site")
    if not catalogue.models:
        pytest.skip("no recognized dossier")
    s = Session(browser, base)
    yield s, catalogue
    s.context.close()


def test_catalogue_counts_and_combined_filters(catalogue_case: tuple[Session, Any]) -> None:
    s, catalogue = catalogue_case
    models = catalogue.models
    page = s.open("danh-muc/")
    assert shown_total(page) == len(models)
    assert not page.locator("article > ul.dvk-list:not(.dvk-results)").is_visible(), "the plain list stays hidden"
    chosen: dict[str, set[str]] = {}
    for key in ("cap", "linh-vuc", "tinh", "nam", "chu-the", "tu-danh-gia"):
        assert value_counts(page, key) == {v: expected_counts(models, chosen, key).get(v, 0) for v in value_counts(page, key)}
    assert set(value_counts(page, "cap")) == {t for m in models for t in m.tiers}

    # One tier, then a field, then a second field: facets narrow each other, values of one facet add up.
    tier = max(value_counts(page, "cap"), key=lambda t: (0 < len(matching(models, {"cap": {t}})) < len(models), t))
    steps = [("cap", tier)]
    fields = sorted({f for m in matching(models, {"cap": {tier}}) for f in m.fields})
    steps += [("linh-vuc", f) for f in fields[:2]]
    for key, value in steps:
        click(page, key, value)
        chosen.setdefault(key, set()).add(value)
        want = matching(models, chosen)
        assert shown_total(page) == len(want), f"after {chosen}"
        assert sorted(slugs(page)) == sorted(m.slug for m in want), f"after {chosen}"
        for facet in ("cap", "linh-vuc", "tinh"):
            shown = value_counts(page, facet)
            assert shown == {v: expected_counts(models, chosen, facet).get(v, 0) for v in shown}, f"{facet} after {chosen}"
        assert {k: set(v) for k, v in query_of(page).items()} == chosen, "the URL keeps the filters"
    s.assert_clean()


def test_url_restores_filters_query_and_sort(catalogue_case: tuple[Session, Any]) -> None:
    s, catalogue = catalogue_case
    models = catalogue.models
    m = models[-1]  # the oldest: its tier, field and year
    chosen = {"cap": {m.tier}, "linh-vuc": {m.fields[0]}, "nam": {str(m.year)}}
    url = "danh-muc/?" + "&".join(f"{k}={','.join(sorted(v))}" for k, v in chosen.items()) + "&sap-xep=ten"
    page = s.open(url)
    for key, values in chosen.items():
        for value in values:
            assert page.locator(f'.dvk-facets input[name="{key}"][value="{value}"]').is_checked()
    assert page.locator('select[name="sap-xep"]').input_value() == "ten"
    want = matching(models, chosen)
    by_name = [x.slug for x in sorted(want, key=lambda x: sort_key(x.title))]
    assert slugs(page) == by_name, "sorted by name, as a Vietnamese dictionary"
    assert parse_qs(urlparse(page.url).query)["sap-xep"] == ["ten"]

    # the same state on the search page, with words
    q = fold(" ".join(title_words(m)))
    page = s.open(f"tim-kiem/?q={quote(q)}&cap={m.tier}")
    assert page.locator('#dvk-finder input[name="q"]').input_value() == q
    assert page.locator(f'.dvk-facets input[name="cap"][value="{m.tier}"]').is_checked()
    found = slugs(page)
    assert m.slug in found
    assert all(m.tier in catalogue.by_slug[x].tiers for x in found)
    s.assert_clean()


def test_newest_first_and_search_narrowed_by_facets(catalogue_case: tuple[Session, Any]) -> None:
    s, catalogue = catalogue_case
    by_slug = catalogue.by_slug
    page = s.open("danh-muc/")
    assert page.locator('select[name="sap-xep"]').input_value() == "moi-nhat"
    dates = [by_slug[x].recognized_on for x in slugs(page, everything=False)]
    assert dates == sorted(dates, reverse=True), "newest first"

    # a search narrowed by a facet holds only models with that value
    m = catalogue.models[0]
    page = s.open(f"tim-kiem/?q={quote(title_words(m, 1)[0])}")
    unfiltered = slugs(page)
    assert m.slug in unfiltered
    click(page, "tinh", province_slug(m.province))
    narrowed = slugs(page)
    assert m.slug in narrowed
    assert set(narrowed) == {x for x in unfiltered if by_slug[x].province == m.province}
    s.assert_clean()


def test_catalogue_without_javascript_is_the_plain_list(browser: Any, site_server: str, shipped_catalogue: Any) -> None:
    s = Session(browser, site_server, javascript=False)
    try:
        s.page.goto(site_server + "danh-muc/")
        entries = s.page.locator("article ul.dvk-list .dvk-entry-title")
        assert entries.count() == min(len(shipped_catalogue.models), 50)
        assert entries.first.is_visible() if shipped_catalogue.models else True
        s.page.goto(site_server + "tim-kiem/")
        assert s.page.locator(".dvk-finder-nojs a[href$='danh-muc/']").is_visible()
    finally:
        s.context.close()


# --- what a first search downloads ---------------------------------------------------------------

SEARCH_BUDGET = 300 * 1024  # the goal for loading search and answering one query
SEARCH_FILES = ("/tim-kiem/chi-muc/", "/assets/dvk-search.", "/assets/dvk-index.js", "/tim-kiem/bo-loc.json")


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Base URL of a built project of 400 generated dossiers (bench/generate.py)."""
    import os

    tmp = tmp_path_factory.mktemp("search-generated")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "400", str(tmp / "generated")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    config = make_dvk_project(tmp, {})
    shutil.rmtree(tmp / "models")
    shutil.move(tmp / "generated", tmp / "models")
    shutil.copytree(ROOT / "content" / "pages" / "assets", tmp / "pages" / "assets")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=tmp,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp / "site" / "tim-kiem" / "chi-muc" / "entry.json").is_file()
    base, httpd = serve_directory(tmp / "site")
    yield base
    httpd.shutdown()  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["dan van", "nong thon moi", "đường giao thông"])
def test_first_search_transfers_less_than_300_kb(browser: Any, generated_site: str, query: str) -> None:
    """A fresh visit (empty cache) of the search page answering one query: the search files it transfers."""
    s = Session(browser, generated_site)
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        wire = request.sizes()
        sizes[urlparse(request.url).path] = sizes.get(urlparse(request.url).path, 0) + \
            wire["responseBodySize"] + wire["responseHeadersSize"]

    s.page.on("requestfinished", finished)
    try:
        page = s.open(f"tim-kiem/?q={quote(query)}")
        assert shown_total(page) > 0 and page.locator(".dvk-results .dvk-entry").count() == 10
        page.wait_for_load_state("networkidle")
        search_bytes = sum(n for path, n in sizes.items() if path.startswith(SEARCH_FILES))
        assert any(path.startswith("/tim-kiem/chi-muc/t/") for path in sizes), "no index shard fetched"
        assert 0 < search_bytes < SEARCH_BUDGET, f"{search_bytes} bytes: {sorted(sizes.items())}"
        s.assert_clean()
    finally:
        s.context.close()
