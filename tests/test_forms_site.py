"""The Mẫu 2a/2b documents in a real `mkdocs build`: linked from each model page, downloadable, switchable off."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import docx
import yaml

from conftest import ROOT, SHIPPED_DOSSIER, make_dvk_project

SLUG = "canh-dong-lon-khong-dot-rom-htx-thanh-loi"


def _links(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<p class="dvk-data-links dvk-forms-links"[^>]*>(.*?)</p>', html, re.S)
    assert block, "no Mẫu 2a/2b links on the model page"
    return re.findall(r'<a href="([^"]+)">', block.group(1))


def test_every_model_page_links_its_documents_and_they_download(built_site: Path, site_server: str, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    for m in shipped_catalogue.models:
        page = built_site / "mo-hinh" / m.slug / "index.html"
        assert _links(page) == [f"{m.slug}-mau-2a.docx", f"{m.slug}-mau-2b.docx"]
    base = f"{site_server}mo-hinh/{SLUG}/"
    for href in _links(built_site / "mo-hinh" / SLUG / "index.html"):
        with urllib.request.urlopen(base + href, timeout=30) as response:
            assert response.status == 200
            data = response.read()
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert "“Cánh đồng lớn không đốt rơm”" in text
        if href.endswith("2b.docx"):
            notice = "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
            assert "Số 88-TB/ĐU" in notice and "ngày 16 tháng 10 năm 2024" in notice


def test_the_configuration_switch_turns_them_off(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "dvk_build" / "config.yaml").read_text(encoding="utf-8"))
    config["forms"]["site_links"] = False
    (tmp_path / "dvk.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    mkdocs_yml = make_dvk_project(tmp_path, {SHIPPED_DOSSIER.name: SHIPPED_DOSSIER.read_text(encoding="utf-8")})
    project = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    project["plugins"][0]["dvk"]["config_file"] = str(tmp_path / "dvk.yaml")
    mkdocs_yml.write_text(yaml.safe_dump(project, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mkdocs_yml)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = tmp_path / "site" / "mo-hinh" / SHIPPED_DOSSIER.stem / "index.html"
    assert page.is_file()
    assert "dvk-forms-links" not in page.read_text(encoding="utf-8")
    assert not list((tmp_path / "site").rglob("*.docx"))


def test_a_broken_province_template_stops_the_build_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "mau-2b-tinh.docx").write_bytes(b"PK\x03\x04 not really")
    config = yaml.safe_load((ROOT / "dvk_build" / "config.yaml").read_text(encoding="utf-8"))
    config["forms"]["templates"]["2b"] = "mau-2b-tinh.docx"  # relative to the project folder
    (tmp_path / "dvk.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    mkdocs_yml = make_dvk_project(tmp_path, {SHIPPED_DOSSIER.name: SHIPPED_DOSSIER.read_text(encoding="utf-8")})
    project = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    project["plugins"][0]["dvk"]["config_file"] = "dvk.yaml"
    mkdocs_yml.write_text(yaml.safe_dump(project, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mkdocs_yml)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert f"{tmp_path / 'mau-2b-tinh.docx'}: không phải tệp Word .docx" in proc.stdout + proc.stderr


def test_a_summary_record_page_offers_the_notice_only(tmp_path: Path) -> None:
    from test_forms import SUMMARY

    mkdocs_yml = make_dvk_project(tmp_path, {"bua-com-ba-tri.md": SUMMARY,
                                             SHIPPED_DOSSIER.name: SHIPPED_DOSSIER.read_text(encoding="utf-8")})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mkdocs_yml)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = tmp_path / "site" / "mo-hinh" / "bua-com-ba-tri"
    assert _links(folder / "index.html") == ["bua-com-ba-tri-mau-2b.docx"]
    assert sorted(p.name for p in folder.glob("*.docx")) == ["bua-com-ba-tri-mau-2b.docx"]
    full = tmp_path / "site" / "mo-hinh" / SHIPPED_DOSSIER.stem
    assert len(list(full.glob("*.docx"))) == 2
