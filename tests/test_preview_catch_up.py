"""In-process: the preview's first pass renders every listing the edited model is or was on, the home page and
every listing's first page, and a catch-up pass interrupted by a save leaves no shifted page behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import dvk_build.preview as preview_module
from dvk_build.preview import Preview
from conftest import article, generated_dossiers, make_dvk_project, move_to_farthest_field


def _html(site: Path, src_uri: str) -> str:
    return (site / src_uri.replace("index.md", "index.html")).read_text(encoding="utf-8")


def _served(tmp_path: Path) -> tuple[Path, Preview, Path]:
    """300 generated dossiers built as `mkdocs serve` builds them: the project file, the preview, the site."""
    cfg = make_dvk_project(tmp_path, generated_dossiers(tmp_path, 300))
    config = load_config(config_file=str(cfg))
    plugin = config.plugins["dvk"]
    plugin.on_startup(command="serve", dirty=False)
    build(config)
    assert plugin.preview is not None and plugin.preview.last is not None
    return cfg, plugin.preview, Path(config.site_dir)


def test_catch_up_interrupted_by_a_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg, preview, site = _served(tmp_path)

    # move one model of the catalogue's first page to the field farthest from its own
    slug = re.search(r'href="\.\./mo-hinh/([^/"]+)/"', (site / "danh-muc/index.html").read_text("utf-8")).group(1)
    dossier = tmp_path / "models" / f"{slug}.md"
    before = dict(preview.last.renderer.listed)
    move_to_farthest_field(dossier)

    assert preview.update({str(dossier)})
    shifted = set(preview.later)
    assert len(shifted) >= 2
    after = preview.last.renderer.listed
    # first pass: every page the model was on, or is on, is already written without it / with it
    for uri in set(before) | set(after):
        if slug in before.get(uri, ()) or slug in after.get(uri, ()):
            assert uri not in shifted, uri
            assert (f"mo-hinh/{slug}/" in _html(site, uri)) == (slug in after[uri]), uri
    # ... and so is every page that is not a later page of a listing (the home page, first pages and their counts)
    assert shifted and all("/trang-" in uri for uri in shifted), shifted
    first_pass = {uri: article(_html(site, uri)) for uri in after if "/trang-" not in uri and not uri.startswith("quy-tac/")}

    # a save during the catch-up: the pass stops after one page, the rest stay in `later`
    real_build_page = preview_module._build_page
    built: list[str] = []
    interrupt = [True]

    def build_page(page, *args):  # type: ignore[no-untyped-def]
        real_build_page(page, *args)
        built.append(page.file.src_uri)
        if interrupt[0]:
            preview.changed.add("/elsewhere/x.md")

    monkeypatch.setattr(preview_module, "_build_page", build_page)
    assert preview.catch_up()
    assert len(built) == 1 and preview.later == shifted - set(built)
    preview.changed.clear()
    interrupt[0] = False
    assert preview.catch_up() and not preview.later
    assert set(built) == shifted
    plugin = preview.last.set_pages.args[0]  # (partial(setattr, plugin, "pages"))
    assert not plugin.pages.bodies  # every page the passes rendered was written

    # in the end the same as a full build
    full = tmp_path / "full"
    config2 = load_config(config_file=str(cfg), site_dir=str(full))
    build(config2)
    for uri in after:
        if uri.endswith("index.md") and not uri.startswith("quy-tac/"):
            assert article(_html(site, uri)) == article(_html(full, uri)), uri
    for uri, written in first_pass.items():
        assert written == article(_html(full, uri)), f"{uri}: not up to date after the first pass"


def test_counts_follow_in_the_first_pass(tmp_path: Path) -> None:
    """An old model (not among the home page's newest, not on its listings' first pages) changes field: the home
    page's counts and every listing's first page are up to date after the first pass, not one second later."""
    cfg, preview, site = _served(tmp_path)
    last_page = max((site / "danh-muc").glob("trang-*/index.html"), key=lambda p: int(p.parent.name.split("-")[1]))
    slug = re.findall(r'href="\.\./\.\./mo-hinh/([^/"]+)/"', last_page.read_text("utf-8"))[-1]
    before = dict(preview.last.renderer.listed)
    assert slug not in before["index.md"], "the oldest model is among the newest"
    move_to_farthest_field(tmp_path / "models" / f"{slug}.md")

    assert preview.update({str(tmp_path / "models" / f"{slug}.md")})
    first_pass = {uri: article(_html(site, uri)) for uri in preview.last.renderer.listed
                  if "/trang-" not in uri and not uri.startswith("quy-tac/")}
    full = tmp_path / "full"
    build(load_config(config_file=str(cfg), site_dir=str(full)))
    stale = [uri for uri, written in first_pass.items() if written != article(_html(full, uri))]
    assert stale == [], f"not up to date after the first pass: {stale}"
