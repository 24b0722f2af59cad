"""Built-HTML tests of the public site; every expectation comes from the validator and the model."""

from __future__ import annotations

import functools
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from markdown.extensions.toc import slugify

from conftest import SHIPPED_DOSSIER, make_dvk_project
from dvk_build.config import default_config
from dvk_build.render.site import PAGE_SIZE
from dvk_build.vietnamese import province_slug

ROOT = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = (".html", ".json", ".xml", ".csv", ".txt", ".js")
FAKE_ORIGIN = "http://site.invalid/"  # base for resolving relative links to site paths


# --- reading built pages -------------------------------------------------------------------

@dataclass
class Parsed:
    """What the tests need from one built HTML page."""

    url: str  # site path of the page, e.g. "cap/huyen/" ("" for home)
    lang: str | None = None
    title: str = ""
    h1: list[str] = field(default_factory=list)
    article_text: str = ""
    entries: list[str] = field(default_factory=list)  # site paths of `a.dvk-entry-title` links
    article_links: list[str] = field(default_factory=list)  # site paths of every link in the article
    pager_links: list[str] = field(default_factory=list)  # site paths linked from `nav.dvk-pager`
    pager_current: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # every start tag with its attributes
    styles: list[str] = field(default_factory=list)  # <style> bodies and style="" attributes
    scripts: list[str] = field(default_factory=list)  # inline <script> bodies


class _PageParser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, parsed: Parsed) -> None:
        super().__init__(convert_charrefs=True)
        self.p = parsed
        self.stack: list[tuple[str, set[str]]] = []
        self.article_parts: list[str] = []
        self.capture: list[list[str]] = []  # open <title>, <h1>, entry <a>, pager <span> buffers
        self.capture_kind: list[str] = []
        self.raw: list[str] | None = None  # inside <style> or inline <script>

    def _inside(self, tag: str, cls: str | None = None) -> bool:
        return any(t == tag and (cls is None or cls in classes) for t, classes in self.stack)

    def _resolve(self, href: str) -> str:
        here = urljoin(FAKE_ORIGIN, self.p.url)
        target = urlparse(urljoin(here, href))
        if f"{target.scheme}://{target.netloc}/" != FAKE_ORIGIN:
            return href  # another host: keep as written
        path = target.path.lstrip("/")
        return path[: -len("index.html")] if path.endswith("index.html") else path

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.p.tags.append((tag, a))
        classes = set(a.get("class", "").split())
        if tag == "html":
            self.p.lang = a.get("lang")
        if "style" in a:
            self.p.styles.append(a["style"])
        if tag == "a" and "href" in a:
            target = self._resolve(a["href"])
            if self._inside("article"):
                self.p.article_links.append(target)
                if "dvk-entry-title" in classes:
                    self.p.entries.append(target)
            if self._inside("nav", "dvk-pager"):
                self.p.pager_links.append(target)
        if tag in ("title", "h1"):
            self.capture.append([])
            self.capture_kind.append(tag)
        if tag == "span" and self._inside("nav", "dvk-pager") and a.get("aria-current") == "page":
            self.p.pager_current.append(self.p.url)
        if tag == "style" or (tag == "script" and "src" not in a):
            self.raw = []
        if tag not in self.VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "h1") and self.capture_kind and self.capture_kind[-1] == tag:
            text = " ".join("".join(self.capture.pop()).split())
            self.capture_kind.pop()
            if tag == "title":
                self.p.title = text
            elif self._inside("article"):
                self.p.h1.append(text)
        if tag in ("style", "script") and self.raw is not None:
            (self.p.styles if tag == "style" else self.p.scripts).append("".join(self.raw))
            self.raw = None
        for i in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags: pop to the match
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.raw is not None:
            self.raw.append(data)
            return
        for buf in self.capture:
            buf.append(data)
        if self._inside("article"):
            self.article_parts.append(data)

    def close(self) -> None:
        super().close()
        self.p.article_text = " ".join(" ".join(self.article_parts).split())


@functools.lru_cache(maxsize=4096)
def parse(site: Path, url: str) -> Parsed:
    """Parse the page at a site path (`mo-hinh/x/`); fails the test when the file is missing."""
    file = site / url / "index.html" if url == "" or url.endswith("/") else site / url
    assert file.is_file(), f"missing page {url!r} ({file})"
    parsed = Parsed(url=url)
    parser = _PageParser(parsed)
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parsed


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def listing(site: Path, base: str) -> list[Parsed]:
    """All pages of a paginated listing, found by following its pager from the first page (so all are reachable)."""
    seen: dict[str, Parsed] = {}
    todo = [base]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen[url] = parse(site, url)
        todo.extend(u for u in seen[url].pager_links if u not in seen)
    return sorted(seen.values(), key=lambda p: (p.url != base, len(p.url), p.url))


def listed(site: Path, base: str) -> set[str]:
    return {e for page in listing(site, base) for e in page.entries}


# --- the expectations ------------------------------------------------------------------------

def _check(failures: list[str], ok: bool, message: str) -> None:
    if not ok:
        failures.append(message)


def _report(failures: list[str]) -> None:
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures[:40])


def test_shipped_content_builds_with_models(shipped_catalogue: Any) -> None:
    assert shipped_catalogue.models, "the shipped content publishes no model"


def test_every_recognized_dossier_has_its_page(built_site: Path, shipped_catalogue: Any) -> None:
    failures: list[str] = []
    for m in shipped_catalogue.models:
        page = parse(built_site, m.url)
        _check(failures, page.h1 == [" ".join(m.title.split())], f"{m.url}: h1 {page.h1} is not the title {m.title!r}")
        _check(failures, page.title.startswith(" ".join(m.title.split())), f"{m.url}: <title> {page.title!r}")
        for r in m.recognitions:
            _check(failures, r.notice_number in page.article_text, f"{m.url}: notice {r.notice_number!r} not shown")
        name = " ".join(str(m.holder.get("name", "")).split())
        _check(failures, bool(name) and name in page.article_text, f"{m.url}: holder {name!r} not shown")
    _report(failures)


def test_listed_on_its_tier_field_and_province_pages(built_site: Path, shipped_catalogue: Any) -> None:
    failures: list[str] = []
    for m in shipped_catalogue.models:
        bases = [f"cap/{t}/" for t in m.tiers] + [f"linh-vuc/{f}/" for f in m.fields]
        bases.append(f"tinh/{province_slug(m.province)}/")
        for base in bases:
            _check(failures, m.url in listed(built_site, base), f"{m.url} is not listed on {base}")
        _check(failures, f"tinh/{province_slug(m.province)}/" in parse(built_site, "tinh/").article_links,
               f"tinh/ does not link the province page of {m.url}")
    _report(failures)


def test_home_tiles_count_the_models_of_each_tier_and_field(built_site: Path, shipped_catalogue: Any) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    tiles = dict(re.findall(r'<a class="dvk-tile" href="((?:cap|linh-vuc)/[^"/]+/)"><strong>[^<]*</strong><span>([\d.]+) mô hình</span>',
                            html))
    expected = {f"cap/{t}/": sum(t in m.tiers for m in shipped_catalogue.models)
                for t in default_config().tiers if any(t in m.tiers for m in shipped_catalogue.models)}
    expected |= {f"linh-vuc/{f}/": sum(f in m.fields for m in shipped_catalogue.models) for f in default_config().fields}
    assert {href: int(n.replace(".", "")) for href, n in tiles.items()} == expected


def test_generated_pages_have_their_headings_in_the_contents_and_the_skip_link(built_site: Path) -> None:
    """Generated pages are HTML from templates, not Markdown: their contents list and "skip to content"
    link come from their headings' ids as Python-Markdown's `toc` gave them."""
    for url in ["", "cap/huyen/", "linh-vuc/kinh-te/", "tinh/", "thong-ke/", "tieu-bieu/"]:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        ids = re.findall(r'<h([12]) id="([^"]+)"', article)
        assert ids[0][0] == "1" and {level for level, _ in ids[1:]} <= {"2"}, (url, ids)
        assert f'<a href="#{ids[0][1]}" class="md-skip">' in html, url
        contents = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)
        assert [i for _, i in ids[1:]] == list(dict.fromkeys(contents)), (url, contents)


def test_a_field_listing_names_each_tier_alone_in_its_contents(built_site: Path) -> None:
    """A group's note ("theo cấp cao nhất đạt được") shows beside its heading, not in the contents or the anchor."""
    html = (built_site / "linh-vuc" / "kinh-te" / "index.html").read_text(encoding="utf-8")
    assert '<small class="dvk-muted">theo cấp cao nhất đạt được</small></h2>' in html
    contents = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>', html)
    labels = {t.label for t in default_config().tiers.values()}
    assert contents and all(name in labels and anchor == slugify(name, "-") for anchor, name in contents), contents


def test_links_to_a_generated_pages_headings_pass_mkdocs_anchor_check(tmp_path: Path) -> None:
    """Generated pages get their HTML late (on_page_context); MkDocs still knows their ids when it checks links."""
    config = make_dvk_project(tmp_path, {SHIPPED_DOSSIER.name: SHIPPED_DOSSIER.read_text(encoding="utf-8")}, strict=True)
    (tmp_path / "pages" / "huong-dan.md").write_text(
        "# Hướng dẫn\n\n[Theo lĩnh vực](thong-ke/index.md#theo-linh-vuc), [cấp tỉnh](linh-vuc/van-hoa-xa-hoi/index.md#cap-tinh), "
        "[không có](thong-ke/index.md#khong-co-muc-nay)\n", encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    config.write_text(yaml.safe_dump({**data, "validation": {"anchors": "warn"}}, allow_unicode=True), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=900)  # (-q would hide the warnings)
    # the one link to a missing heading is refused (strict), and only that one
    assert proc.returncode != 0 and "khong-co-muc-nay" in proc.stderr, proc.stderr[-2000:]
    assert "#theo-linh-vuc" not in proc.stderr and "#cap-tinh" not in proc.stderr, proc.stderr[-2000:]


def test_listed_in_catalogue_and_typical(built_site: Path, shipped_catalogue: Any) -> None:
    catalogue = listed(built_site, "danh-muc/")
    typical = listed(built_site, "tieu-bieu/")
    expected_typical = {m.url for m in shipped_catalogue.models if m.typical_years}
    assert catalogue == {m.url for m in shipped_catalogue.models}
    assert typical == expected_typical


def test_no_page_for_an_unpublished_model(built_site: Path, shipped_catalogue: Any) -> None:
    """Every `mo-hinh/<slug>/` page belongs to a published model (a draft has none)."""
    pages = {url_of(built_site, f) for f in (built_site / "mo-hinh").glob("*/index.html")}
    assert pages == {m.url for m in shipped_catalogue.models}


def _mentions(site: Path, needles: list[str]) -> list[str]:
    """Files of the built site (text, and the search index's gzipped files) where any needle occurs."""
    hits = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix not in TEXT_SUFFIXES:
            if data[:2] != b"\x1f\x8b":
                continue
            try:
                data = gzip.decompress(data)  # the search index's shards and result chunks
            except OSError:
                continue
        text = data.decode("utf-8", "replace")
        for needle in needles:
            if needle in text:
                hits.append(f"{file.relative_to(site)}: {needle!r}")
    return hits


def _draft_needles(draft: Any, published_titles: Sequence[str] = ()) -> list[str]:
    """The slug as a path segment or a data value, and the title raw, HTML-escaped and JSON-escaped.

    The title is left out when it is part of a published model's title (it would be found there).
    """
    slug, title = draft.slug, draft.title
    needles = {f"/{slug}/", f"/{slug}.", f"\"{slug}\"", f",{slug},", f"\n{slug},"}
    if not any(title in other for other in published_titles):
        needles |= {title, html_escape(title, quote=False), html_escape(title), json.dumps(title)[1:-1]}
    return sorted(needles)


def test_drafts_appear_nowhere(built_site: Path, shipped_catalogue: Any) -> None:
    if not shipped_catalogue.drafts:
        pytest.skip("the shipped content has no draft (the generated site below still checks one)")
    titles = [m.title for m in shipped_catalogue.models]
    hits = [hit for d in shipped_catalogue.drafts for hit in _mentions(built_site, _draft_needles(d, titles))]
    assert hits == []


def test_every_page_is_in_vietnamese(built_site: Path) -> None:
    wrong = [f"{f.relative_to(built_site)}: lang={parse(built_site, url_of(built_site, f)).lang!r}"
             for f in html_files(built_site) if parse(built_site, url_of(built_site, f)).lang != "vi"]
    assert wrong == []


def test_front_matter_never_shows_as_text(built_site: Path) -> None:
    """A page whose front matter failed to parse shows `title: ...` as text and gets no <title> of its own."""
    failures: list[str] = []
    for f in html_files(built_site):
        page = parse(built_site, url_of(built_site, f))
        _check(failures, not re.match(r"^(title|description|hide): ", page.article_text), f"{page.url}: front matter shown")
        _check(failures, "&#39;" not in page.title and "&amp;" not in page.title, f"{page.url}: escaped <title> {page.title!r}")
    _report(failures)


def test_text_is_nfc(built_site: Path) -> None:
    bad = [str(f.relative_to(built_site)) for f in html_files(built_site)
           if not unicodedata.is_normalized("NFC", f.read_text(encoding="utf-8"))]
    assert bad == []


# --- no request to another host ----------------------------------------------------------------

ABSOLUTE = re.compile(r"^\s*(https?:)?//", re.I)
FETCHED_ATTRS = ("src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href", "ping")
CSS_EXTERNAL = re.compile(r"(url\(|@import\s+(url\()?)\s*['\"]?\s*(https?:)?//[^\s)'\";]*", re.I)
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")


def _site_config() -> dict[str, Any]:
    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name:... tags
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant) or {}


def allowed_link_prefixes() -> tuple[str, ...]:
    """Where an `<a href>` may point off-site: the repository, the licence, and the site's own URL."""
    cfg = _site_config()
    site = default_config().site
    return tuple(p for p in (cfg.get("repo_url"), cfg.get("site_url"), site.get("licence_url")) if p)


def external_references(html: str, parsed: Parsed, site_url: str, allowed: tuple[str, ...]) -> list[str]:
    """Every place a built page would reach another host.

    The rule: (1) no attribute the browser fetches (src, srcset, poster, data, action, formaction,
    background, xlink:href, ping) and no `href` of an element other than <a> and <link> holds an
    absolute URL (`http:`, `https:` or protocol-relative `//`); (2) <link href> is absolute only for
    rel=canonical/alternate pointing under `site_url` (they name the page, nothing is fetched); (3)
    `<meta content>` is absolute only under `site_url`; (4) <a href> is absolute only to the
    repository, the licence or `site_url` (a person chooses to follow it; nothing loads by itself);
    (5) no `url(//…)`/`url(http…)` or `@import` of an absolute URL in <style> or style=""; (6) inline
    <script> holds no absolute URL but under `site_url`; (7) the Google Fonts hosts appear nowhere.
    """
    out = []
    for tag, attrs in parsed.tags:
        for name in FETCHED_ATTRS:
            if name in attrs and any(ABSOLUTE.match(part) for part in attrs[name].split(",")):
                out.append(f"<{tag} {name}={attrs[name]!r}>")
        href = attrs.get("href", "")
        if not ABSOLUTE.match(href):
            pass
        elif tag == "a":
            if not href.startswith(allowed):
                out.append(f"<a href={href!r}>")
        elif tag == "link":
            rel = set(attrs.get("rel", "").lower().split())
            if not (rel & {"canonical", "alternate"} and href.startswith(site_url)):
                out.append(f"<link rel={attrs.get('rel')!r} href={href!r}>")
        else:
            out.append(f"<{tag} href={href!r}>")
        if tag == "meta" and ABSOLUTE.match(attrs.get("content", "")) and not attrs["content"].startswith(site_url):
            out.append(f"<meta content={attrs['content']!r}>")
    out += [f"style: {m.group(0)!r}" for s in parsed.styles for m in CSS_EXTERNAL.finditer(s)]
    for script in parsed.scripts:
        out += [f"script: {u!r}" for u in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>]*", script)
                if not u.startswith(site_url)]
    out += [f"mentions {host}" for host in FONT_HOSTS if host in html]
    return out


def test_no_external_host_in_html(built_site: Path) -> None:
    site_url = _site_config().get("site_url") or "http://site.invalid/"
    allowed = allowed_link_prefixes()
    failures = []
    for f in html_files(built_site):
        url = url_of(built_site, f)
        failures += [f"{url or 'index.html'}: {ref}" for ref in
                     external_references(f.read_text(encoding="utf-8"), parse(built_site, url), site_url, allowed)]
    _report(failures)


def test_no_external_host_in_css_and_js(built_site: Path) -> None:
    failures = []
    for f in sorted(built_site.rglob("*.css")):
        failures += [f"{f.relative_to(built_site)}: {m.group(0)!r}" for m in CSS_EXTERNAL.finditer(f.read_text("utf-8", "replace"))]
    for f in sorted(built_site.rglob("*.js")):
        text = f.read_text("utf-8", "replace")
        failures += [f"{f.relative_to(built_site)}: mentions {h}" for h in FONT_HOSTS if h in text]
    _report(failures)


def test_external_rule_catches_what_it_should() -> None:
    """The rule above, on a page that breaks it every way, reports each break."""
    html = ('<html lang="vi"><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<link rel="canonical" href="https://dvk.example/x/"><script src="//cdn.example/x.js"></script>'
            '<style>@import url("https://cdn.example/a.css"); b{background:url(http://x.example/i.png)}</style>'
            '<meta property="og:image" content="https://img.example/a.png"></head><body><article>'
            '<img src="https://img.example/a.png"><a href="https://github.com/dvk-vn/dvk">repo</a>'
            '<a href="https://evil.example/">x</a><iframe src="https://maps.example/"></iframe>'
            '<svg><image href="https://img.example/b.png"/></svg></article></body></html>')
    parsed = Parsed(url="x/")
    parser = _PageParser(parsed)
    parser.feed(html)
    parser.close()
    found = external_references(html, parsed, "https://dvk.example/", ("https://github.com/dvk-vn/dvk",))
    joined = "\n".join(found)
    for needle in ("fonts.googleapis.com/css", "//cdn.example/x.js", "cdn.example/a.css", "x.example/i.png",
                   "img.example/a.png", "evil.example", "maps.example", "img.example/b.png"):
        assert needle in joined, needle
    assert "dvk.example/x/" not in joined and "github.com/dvk-vn/dvk'" not in joined
    assert len([f for f in found if "mentions" in f]) == 1


# --- a generated project: pagination, drafts, a broken dossier ------------------------------

def _template_dossier(catalogue: Any) -> Any:
    """A published single-file dossier whose `title:` is one line: the one copies are made from."""
    for m in catalogue.models:
        path = ROOT / m.source_path
        if path.name != "index.md" and re.search(r"^title: [^>|\n].*$", path.read_text(encoding="utf-8"), re.M):
            return m
    pytest.skip("no single-file published dossier with a one-line title to copy")


def _retitle(text: str, title: str) -> str:
    return re.sub(r"^title: .*$", "title: " + json.dumps(title, ensure_ascii=False), text, count=1, flags=re.M)


def _without_keys(text: str, keys: tuple[str, ...]) -> str:
    """Drop top-level front-matter keys (and their indented blocks) from a dossier's text."""
    out, skipping = [], False
    for i, line in enumerate(text.split("\n")):
        top = re.match(r"^([A-Za-z_][\w-]*):", line)
        if top or line == "---":
            skipping = bool(top) and top.group(1) in keys
        if not skipping:
            out.append(line)
    return "\n".join(out)


def _plugins() -> list[tuple[str, dict[str, Any]]]:
    """The shipped plugins as (name, options), whichever of MkDocs' two spellings mkdocs.yml uses."""
    plugins = _site_config().get("plugins") or ["dvk"]
    items = plugins.items() if isinstance(plugins, dict) else (
        (e, {}) if isinstance(e, str) else next(iter(e.items())) for e in plugins)
    return [(name, dict(options or {})) for name, options in items]


def make_project(tmp: Path, extra: dict[str, str]) -> Path:
    """A project in tmp: the shipped pages and dossiers plus `extra` dossiers ({slug: text}).

    Its mkdocs.yml inherits the real one and only moves paths, so theme and plugins stay as shipped.
    """
    models = tmp / "models"
    shutil.copytree(ROOT / "content" / "models", models)
    for slug, text in extra.items():
        (models / f"{slug}.md").write_text(text, encoding="utf-8")
    plugins: list[Any] = []
    for name, options in _plugins():
        if name == "dvk":
            options["models_dir"] = str(models)
            if options.get("config_file"):
                options["config_file"] = str(ROOT / options["config_file"])
        plugins.append({name: options} if options else name)
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "content" / "pages"),
        "site_dir": str(tmp / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "plugins": plugins,
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp / "mkdocs.yml"


def mkdocs_build(config_file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],  # (no -q: strict counts warnings)
                          cwd=config_file.parent, env=env, capture_output=True, text=True, timeout=900)


COPIES = 2 * PAGE_SIZE + 3  # three listing pages, the last one short
DRAFT_SLUG = "ban-nhap-chua-cong-nhan-zq"
DRAFT_TITLE = "Bản nháp chưa được công nhận Zqxv"


@dataclass
class Generated:
    site: Path
    catalogue: Any
    template: Any


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, shipped_catalogue: Any) -> Generated:
    """Shipped content plus COPIES renamed copies of one published dossier and one draft, built for real."""
    import datetime as dt

    from dvk_build.model import build_catalogue
    from dvk_build.validate.engine import check_paths

    template = _template_dossier(shipped_catalogue)
    text = (ROOT / template.source_path).read_text(encoding="utf-8")
    extra = {f"ban-sao-{n:03d}": _retitle(text, f"{template.title} (bản sao {n})") for n in range(1, COPIES + 1)}
    extra[DRAFT_SLUG] = _retitle(_without_keys(text, ("recognitions", "awards")), DRAFT_TITLE)
    config_file = make_project(tmp_path_factory.mktemp("generated"), extra)
    report = check_paths([config_file.parent / "models"], today=dt.date.today(), root=config_file.parent)
    assert report.errors == [], "\n".join(str(p) for p in report.errors[:10])
    catalogue = build_catalogue(report)
    assert DRAFT_SLUG in {d.slug for d in catalogue.drafts}
    proc = mkdocs_build(config_file)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Generated(config_file.parent / "site", catalogue, template)


def _check_pagination(site: Path, base: str, expected_entries: int) -> list[Parsed]:
    pages = listing(site, base)
    urls = [p.url for p in pages]
    assert len(pages) == max(1, math.ceil(expected_entries / PAGE_SIZE)), urls
    assert urls[1:] == [f"{base}trang-{n}/" for n in range(2, len(pages) + 1)]
    for i, page in enumerate(pages):
        assert 0 < len(page.entries) <= PAGE_SIZE, page.url
        # the pager links the first, the last, the previous and the next page (and a few around)
        neighbours = {urls[0], urls[-1], urls[max(i - 1, 0)], urls[min(i + 1, len(urls) - 1)]} - {page.url}
        assert neighbours <= set(page.pager_links), f"{page.url} links {page.pager_links}"
        assert set(page.pager_links) <= set(urls), f"{page.url} links outside its listing"
        assert page.pager_current == [page.url], f"{page.url} does not mark itself as the current page"
    assert sum(len(p.entries) for p in pages) == expected_entries
    return pages


def test_catalogue_paginates_each_model_on_exactly_one_page(generated: Generated) -> None:
    models = generated.catalogue.models
    assert len(models) > 2 * PAGE_SIZE
    pages = _check_pagination(generated.site, "danh-muc/", len(models))
    where: dict[str, list[str]] = {}
    for page in pages:
        for entry in page.entries:
            where.setdefault(entry, []).append(page.url)
    assert {url: len(on) for url, on in where.items() if len(on) != 1} == {}
    assert set(where) == {m.url for m in models}


def test_tier_listing_paginates(generated: Generated) -> None:
    tier = generated.template.tier
    in_tier = generated.catalogue.in_tier(tier)
    fields = list(default_config().fields)
    # a model is listed once under each of its fields on a tier page
    expected = sum(len([f for f in m.fields if f in fields]) for m in in_tier)
    pages = _check_pagination(generated.site, f"cap/{tier}/", expected)
    assert {e for p in pages for e in p.entries} == {m.url for m in in_tier}


def test_generated_pages_exist(generated: Generated) -> None:
    missing = [m.url for m in generated.catalogue.models if not (generated.site / m.url / "index.html").is_file()]
    assert missing == []


def test_generated_draft_appears_nowhere(generated: Generated) -> None:
    draft = next(d for d in generated.catalogue.drafts if d.slug == DRAFT_SLUG)
    assert not (generated.site / "mo-hinh" / DRAFT_SLUG).exists()
    assert _mentions(generated.site, _draft_needles(draft)) == []


def test_build_refuses_a_broken_dossier(tmp_path: Path, shipped_catalogue: Any) -> None:
    """`mkdocs build --strict` fails on a dossier error and names the file and the line."""
    template = _template_dossier(shipped_catalogue)
    lines = (ROOT / template.source_path).read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:")) + 1
    lines.insert(at, "tieu_de_phu: khóa không có trong định dạng")  # an unknown key: an error, on line at+1
    config_file = make_project(tmp_path, {"ho-so-hong": "\n".join(lines)})
    proc = mkdocs_build(config_file)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert f"ho-so-hong.md:{at + 1}:" in output, output[-3000:]
    assert not (tmp_path / "site" / "mo-hinh" / "ho-so-hong").exists()
