"""In-process: the preview's first pass renders every listing the edited model is or was on, and a catch-up
pass interrupted by a save leaves no shifted page behind."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import dvk_build.preview as preview_module
from conftest import ROOT, make_dvk_project


def _article(html: str) -> str:
    start = html.find("<article")
    return html[start:html.find("</article>", start)] if start >= 0 else ""


def _html(site: Path, src_uri: str) -> str:
    return (site / src_uri.replace("index.md", "index.html")).read_text(encoding="utf-8")


def test_catch_up_interrupted_by_a_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated = tmp_path / "generated"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "300", str(generated)], check=True,
                   capture_output=True, timeout=120)
    cfg = make_dvk_project(tmp_path, {p.name: p.read_text(encoding="utf-8") for p in generated.glob("*.md")})
    config = load_config(config_file=str(cfg))
    plugin = config.plugins["dvk"]
    plugin.on_startup(command="serve", dirty=False)
    build(config)
    preview = plugin.preview
    site = Path(config.site_dir)
    assert preview is not None and preview.last is not None

    # move one model of the catalogue's first page to the field farthest from its own
    slug = re.search(r'href="\.\./mo-hinh/([^/"]+)/"', (site / "danh-muc/index.html").read_text("utf-8")).group(1)
    dossier = tmp_path / "models" / f"{slug}.md"
    text = dossier.read_text(encoding="utf-8")
    fields = re.search(r"(?m)^fields:\n((?:- .*\n)+)", text)
    order = ["kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh", "xay-dung-he-thong-chinh-tri", "bon-khong"]
    own = [order.index(f) for f in re.findall(r"- (\S+)", fields.group(1))]
    other = max(order, key=lambda f: min(abs(order.index(f) - i) for i in own))
    before = dict(preview.last.renderer.listed)
    dossier.write_text(text.replace(fields.group(0), f"fields:\n- {other}\n", 1), encoding="utf-8")

    assert preview.update({str(dossier)})
    shifted = set(preview.later)
    assert len(shifted) >= 2
    after = preview.last.renderer.listed
    # first pass: every page the model was on, or is on, is already written without it / with it
    for uri in set(before) | set(after):
        if slug in before.get(uri, ()) or slug in after.get(uri, ()):
            assert uri not in shifted, uri
            assert (f"mo-hinh/{slug}/" in _html(site, uri)) == (slug in after[uri]), uri

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
    assert not preview.last.renderer.stash.blocks  # no block of a page left unwritten

    # in the end the same as a full build
    full = tmp_path / "full"
    config2 = load_config(config_file=str(cfg), site_dir=str(full))
    build(config2)
    for uri in after:
        if uri.endswith("index.md") and not uri.startswith("quy-tac/"):
            assert _article(_html(site, uri)) == _article(_html(full, uri)), uri
