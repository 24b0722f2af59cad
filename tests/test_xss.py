"""Hostile markup: the validator refuses every XSS vector, and none survives a build that skips it."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from conftest import SHIPPED_DOSSIER, make_dvk_project
from dvk_build.render.sanitize import sanitize
from dvk_build.validate.engine import check_paths

VECTORS_FILE = Path(__file__).parent / "data" / "xss_vectors.txt"
# Vectors that are harmless text once escaped or rendered: no tag, no URL a browser would follow.
INERT = {
    "\\\";alert('XSS');//",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
}
FIELDS: tuple[tuple[str, ...], ...] = (("title",), ("summary",), ("holder", "name"), ("idea", "problem"),
                                       ("locality", "province"))
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Elements that run, load or restyle something; any not in the theme's own set is a leak.
ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "style", "svg",
               "math", "portal", "isindex", "template", "noscript", "video", "audio", "source", "marquee", "bgsound",
               "xss"}


def load_vectors() -> list[str]:
    out = []
    for line in VECTORS_FILE.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("# ") or line == "#":
            continue
        out.append(line.replace("{NL}", "\n").replace("{TAB}", "\t").replace("{NUL}", "\0"))
    return out


VECTORS = load_vectors()


def split_dossier(text: str) -> tuple[dict[str, Any], str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


def join_dossier(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body


def with_vector(vector: str, body: bool, fields: tuple[tuple[str, ...], ...]) -> str:
    """The shipped dossier with the vector in its body (as a block and inline) and/or in fields."""
    data, text = split_dossier(SHIPPED_DOSSIER.read_text(encoding="utf-8"))
    for path in fields:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = f"{node[path[-1]]} {vector}"
    if body:
        text += f"\n\n{vector}\n\nXem thêm {vector} trong báo cáo.\n"
    return join_dossier(data, text)


def test_corpus_is_large_enough() -> None:
    assert len(VECTORS) >= 50
    assert len(set(VECTORS)) == len(VECTORS), "duplicate vectors"
    assert INERT <= set(VECTORS)


# --- (a) the validator ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Any]]]:
    """One file per (vector, place), validated in one run; problems by file name."""
    models = tmp_path_factory.mktemp("xss-a") / "models"
    models.mkdir()
    for i, vector in enumerate(VECTORS):
        (models / f"v{i:03d}-body.md").write_text(with_vector(vector, True, ()), encoding="utf-8")
        for path in FIELDS:
            (models / f"v{i:03d}-{'-'.join(path).replace('_', '-')}.md").write_text(
                with_vector(vector, False, (path,)), encoding="utf-8")
    report = check_paths([models], today=dt.date.today(), root=models)
    by_file: dict[str, list[Any]] = {}
    for p in report.problems:
        by_file.setdefault(Path(p.path).name, []).append(p)
    return models, by_file


def test_clean_copy_has_no_error(validated: tuple[Path, dict[str, list[Any]]], tmp_path: Path) -> None:
    (tmp_path / "sach.md").write_text(with_vector("", True, ()), encoding="utf-8")
    report = check_paths([tmp_path], today=dt.date.today(), root=tmp_path)
    assert report.errors == []


@pytest.mark.parametrize("place", ["body", *["-".join(p).replace("_", "-") for p in FIELDS]])
def test_validator_refuses_every_vector(validated: tuple[Path, dict[str, list[Any]]], place: str) -> None:
    _, by_file = validated
    missed = []
    for i, vector in enumerate(VECTORS):
        codes = {p.code for p in by_file.get(f"v{i:03d}-{place}.md", [])}
        if "DVK501" not in codes and vector not in INERT:
            missed.append(vector)
    assert missed == [], f"{len(missed)} vectors not refused in {place}: {missed}"


def test_body_problem_points_at_the_vector(validated: tuple[Path, dict[str, list[Any]]]) -> None:
    models, by_file = validated
    i = VECTORS.index("<svg/onload=alert('XSS')>")
    text = (models / f"v{i:03d}-body.md").read_text(encoding="utf-8").split("\n")
    hits = [p for p in by_file[f"v{i:03d}-body.md"] if p.code == "DVK501"]
    assert len(hits) == 2  # the block and the inline copy
    for p in hits:
        assert text[p.line - 1][p.col - 1:].startswith("<svg/onload")


# --- (b) the second wall: a real build with DVK501 switched off --------------------------------


class Collector(HTMLParser):
    """Every element with its attributes (entities decoded as a browser does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.texts: dict[int, str] = {}
        self._open: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple((k, v or "") for k, v in attrs)))
        self._open = len(self.elements) - 1 if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.texts[self._open] = self.texts.get(self._open, "") + data


def _signature(tag: str, attrs: tuple[tuple[str, str], ...], text: str) -> str:
    """An element as a string with relative prefixes dropped, to compare pages of any depth."""
    flat = tag + repr(sorted(attrs)) + text
    return re.sub(r"(\.\./)+|\./", "", flat)


def _scheme(value: str) -> str:
    """A URL as the WHATWG parser reads it: C0 and spaces trimmed at the ends, tabs and newlines dropped."""
    return "".join(c for c in value.strip("".join(map(chr, range(0x21)))) if c not in "\t\n\r").lower()


def executable_markup(html: str, allowed: set[str]) -> list[str]:
    """What in html could run script: active elements not in `allowed`, on* attributes, script URLs."""
    parser = Collector()
    parser.feed(html)
    parser.close()
    bad = []
    for i, (tag, attrs) in enumerate(parser.elements):
        sig = _signature(tag, attrs, parser.texts.get(i, ""))
        names = {k for k, _ in attrs}
        active = tag in ACTIVE_TAGS or (tag == "meta" and "http-equiv" in names) or (
            tag == "link" and dict(attrs).get("rel", "").lower() in ("stylesheet", "import", "preload"))
        if active and sig not in allowed:
            bad.append(f"<{tag}> {sig[:120]}")
        for name, value in attrs:
            if name.startswith("on") and sig not in allowed:
                bad.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href", "background", "poster",
                        "srcdoc", "dynsrc", "lowsrc", "content") and _scheme(value).startswith(DANGEROUS_SCHEMES):
                bad.append(f"{name}={value[:40]!r} on <{tag}>")
            # only <meta http-equiv="refresh"> navigates; a title quoted in og:title merely mentions "url="
            if (name == "content" and tag == "meta" and "http-equiv" in names and "url=" in _scheme(value)
                    and sig not in allowed):
                bad.append(f"refresh {value[:40]!r}")
    return bad


def _build(config_file: Path, monkeypatch: pytest.MonkeyPatch, skip: tuple[str, ...]) -> None:
    """A real in-process MkDocs build with the plugin; rule codes in `skip` are switched off (test-only)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from dvk_build.validate import engine, registry

    kept = [m.check for m in registry.MODULES if hasattr(m, "check") and m.RULE.code not in skip]
    monkeypatch.setattr(engine, "DOSSIER_CHECKS", kept)
    form = engine.check_form
    monkeypatch.setattr(engine, "check_form", lambda ctx: [p for p in form(ctx) if p.code not in skip])
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(config_file)))


def _site_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def bypass_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], set[str]]:
    """Built pages of every vector in body and fields with DVK501 (and the size, invisible-character and
    remote-image rules) off, and the theme's own active elements."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        base = tmp_path_factory.mktemp("xss-baseline")
        _build(make_dvk_project(base, {"sach.md": with_vector("", False, ())}), monkeypatch, ())
        allowed: set[str] = set()
        for html in _site_files(base / "site").values():
            parser = Collector()
            parser.feed(html)
            allowed |= {_signature(t, a, parser.texts.get(i, "")) for i, (t, a) in enumerate(parser.elements)}
        hostile = tmp_path_factory.mktemp("xss-b")
        # the province stays a real one here: a province is a closed list (the register, DVK309, checked
        # in (a)), and the page path of a province is made from its name
        free_text = tuple(f for f in FIELDS if f[0] != "locality")
        dossiers = {f"v{i:03d}.md": with_vector(v, True, free_text) for i, v in enumerate(VECTORS)}
        # the validator's other walls off too: long vectors (DVK105), invisible characters, remote images
        _build(make_dvk_project(hostile, dossiers), monkeypatch, ("DVK501", "DVK105", "DVK510", "DVK512"))
        return _site_files(hostile / "site"), allowed
    finally:
        monkeypatch.undo()


def test_every_vector_dossier_was_published(bypass_build: tuple[dict[str, str], set[str]]) -> None:
    pages, _ = bypass_build
    missing = [i for i in range(len(VECTORS)) if f"mo-hinh/v{i:03d}/index.html" not in pages]
    assert missing == []


def test_no_vector_reaches_the_built_html(bypass_build: tuple[dict[str, str], set[str]]) -> None:
    pages, allowed = bypass_build
    found = {name: bad for name, html in pages.items() if (bad := executable_markup(html, allowed))}
    assert found == {}


def test_theme_scripts_are_still_there(bypass_build: tuple[dict[str, str], set[str]]) -> None:
    pages, allowed = bypass_build
    assert any(s.startswith("script") for s in allowed)
    assert "<script" in pages["mo-hinh/v000/index.html"]


# --- the sanitizer alone, on Python-Markdown's output --------------------------------------


def _markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["toc", "tables", "attr_list", "admonition"])


def test_sanitizer_neutralizes_every_vector() -> None:
    leaks = {}
    for vector in VECTORS:
        for text in (vector, f"Xem {vector} nhé.", f"<div>\n{vector}\n</div>"):
            bad = executable_markup(sanitize(_markdown(text)), set())
            if bad:
                leaks[vector] = bad
    assert leaks == {}


def test_without_the_sanitizer_most_vectors_would_run() -> None:
    """The check above is not vacuous: on raw Python-Markdown output it finds most vectors."""
    live = [v for v in VECTORS if executable_markup(_markdown(v), set())]
    assert len(live) >= len(VECTORS) * 2 // 3, len(live)


def test_sanitizer_keeps_what_templates_need() -> None:
    html = ('<aside class="dvk-replicate" aria-labelledby="x" role="note">'
            '<h2 id="x">Tiêu đề</h2><time datetime="2024-04-22">22/4/2024</time>'
            '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
            '<dl><dt>a</dt><dd>b</dd></dl><figure><img src="anh.jpg" alt="Ảnh"><figcaption>c</figcaption></figure>'
            '<a href="../../mo-hinh/x/">x</a><a href="mailto:bdv@tayninh.dcs.vn">m</a><a href="tel:02763878215">t</a>'
            '<span aria-hidden="true">t</span></aside>')
    assert sanitize(html) == html


def test_sanitizer_changes_nothing_on_a_real_model_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second wall costs nothing on real content: the page is byte-identical with and without it."""
    from dvk_build.render import model_page

    dossiers = {"sach.md": SHIPPED_DOSSIER.read_text(encoding="utf-8")}
    _build(make_dvk_project(tmp_path / "on", dossiers), monkeypatch, ())
    monkeypatch.setattr(model_page, "sanitize", lambda html: html)
    _build(make_dvk_project(tmp_path / "off", dossiers), monkeypatch, ())
    page = "mo-hinh/sach/index.html"
    assert (tmp_path / "on/site" / page).read_text(encoding="utf-8") == (tmp_path / "off/site" / page).read_text(encoding="utf-8")
