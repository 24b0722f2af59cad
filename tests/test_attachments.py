"""Files: attachments stay in their bundle, no symlink leads out, size and type limits hold."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path


import pytest
import yaml

from conftest import SHIPPED_DOSSIER, make_dvk_project
from dvk_build.validate.engine import check_paths

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 " + bytes(14)


def dossier(attachments: list[dict[str, str]], body_extra: str = "") -> str:
    _, fm, body = SHIPPED_DOSSIER.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(fm)
    if attachments:
        data["attachments"] = attachments
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body + body_extra


def bundle(models: Path, slug: str, files: dict[str, bytes], body_extra: str = "") -> Path:
    """A bundle `models/<slug>/index.md` whose attachments are `files`, each listed with a caption."""
    folder = models / slug
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    listed = [{"path": name, "caption": f"Tài liệu {name}"} for name in files]
    (folder / "index.md").write_text(dossier(listed, body_extra), encoding="utf-8")
    return folder


def problems(models: Path) -> list[tuple[str, str, int, int]]:
    report = check_paths([models], today=dt.date.today(), root=models.parent)
    return [(p.code, p.path, p.line, p.col) for p in report.problems]


def codes(models: Path) -> list[str]:
    return sorted(c for c, *_ in problems(models))


@pytest.fixture()
def models(tmp_path: Path) -> Path:
    (tmp_path / "models").mkdir()
    return tmp_path / "models"


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A folder beside the models folder, holding what must never be published."""
    folder = tmp_path / "ngoai"
    folder.mkdir()
    (folder / "bi-mat.txt").write_text("mat-khau=123\n", encoding="utf-8")
    (folder / "anh.jpg").write_bytes(JPEG)
    return folder


def test_good_bundle_passes(models: Path) -> None:
    bundle(models, "mau", {"anh.jpg": JPEG, "so-do.png": PNG, "thong-bao.pdf": PDF, "anh-2.webp": WEBP},
           body_extra="\n![Buổi họp dân](anh.jpg)\n")
    assert codes(models) == []


# --- inside the bundle ---------------------------------------------------------------------


def test_dotdot_path_is_outside_the_bundle(models: Path) -> None:
    folder = bundle(models, "mau", {})
    (folder / "index.md").write_text(dossier([{"path": "../../mkdocs.yml", "caption": "x"}]), encoding="utf-8")
    assert codes(models) == ["DVK506"]


def test_absolute_path_is_outside_the_bundle(models: Path) -> None:
    folder = bundle(models, "mau", {})
    (folder / "index.md").write_text(dossier([{"path": "/etc/hostname", "caption": "x"}]), encoding="utf-8")
    assert codes(models) == ["DVK506"]


def test_attachment_symlink_out_of_the_bundle(models: Path, outside: Path) -> None:
    folder = bundle(models, "mau", {})
    (folder / "anh.jpg").symlink_to(outside / "anh.jpg")
    (folder / "index.md").write_text(dossier([{"path": "anh.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    assert codes(models) == ["DVK508"]


def test_attachment_symlink_to_a_sibling_bundle(models: Path) -> None:
    """Another dossier's folder is outside this bundle too."""
    bundle(models, "khac", {"anh.jpg": JPEG})
    folder = bundle(models, "mau", {})
    (folder / "anh.jpg").symlink_to(models / "khac" / "anh.jpg")
    (folder / "index.md").write_text(dossier([{"path": "anh.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    assert codes(models) == ["DVK508"]


def test_symlinked_subfolder_out_of_the_bundle(models: Path, outside: Path) -> None:
    folder = bundle(models, "mau", {})
    (folder / "anh").symlink_to(outside, target_is_directory=True)
    (folder / "index.md").write_text(dossier([{"path": "anh/anh.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    assert codes(models) == ["DVK508"]


def test_symlink_loop_is_refused(models: Path) -> None:
    folder = bundle(models, "mau", {})
    (folder / "vong.jpg").symlink_to(folder / "vong.jpg")
    (folder / "index.md").write_text(dossier([{"path": "vong.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    assert codes(models) == ["DVK508"]


def test_symlink_inside_the_bundle_is_fine(models: Path) -> None:
    folder = bundle(models, "mau", {"anh.jpg": JPEG})
    (folder / "anh-2.jpg").symlink_to("anh.jpg")
    (folder / "index.md").write_text(dossier([{"path": "anh-2.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    assert codes(models) == []


def test_body_image_through_a_symlink_points_at_its_line(models: Path, outside: Path) -> None:
    folder = bundle(models, "mau", {}, body_extra="\nẢnh buổi họp:\n\n![Buổi họp](anh.jpg)\n")
    (folder / "anh.jpg").symlink_to(outside / "anh.jpg")
    ((code, path, line, col),) = problems(models)
    text = (folder / "index.md").read_text(encoding="utf-8").split("\n")
    assert code == "DVK508" and path.endswith("mau/index.md") and text[line - 1][col - 1:].startswith("anh.jpg")


# --- dossiers and bundles that are links ---------------------------------------------------


def test_dossier_file_symlink_out_of_content(models: Path, outside: Path) -> None:
    (outside / "mau.md").write_text(dossier([]), encoding="utf-8")
    (models / "mau.md").symlink_to(outside / "mau.md")
    report = check_paths([models], today=dt.date.today(), root=models.parent)
    assert [(p.code, p.path) for p in report.problems] == [("DVK508", "models/mau.md")]
    assert report.dossiers == []  # never loaded, so never published


def test_dossier_symlink_to_a_secret(models: Path, outside: Path) -> None:
    (models / "mau.md").symlink_to(outside / "bi-mat.txt")
    report = check_paths([models], today=dt.date.today(), root=models.parent)
    assert [p.code for p in report.problems] == ["DVK508"]
    assert all("mat-khau" not in p.message for p in report.problems)


def test_bundle_folder_symlink_out_of_content(models: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "kho-khac"
    bundle(elsewhere, "mau", {"anh.jpg": JPEG})
    (models / "mau").symlink_to(elsewhere / "mau", target_is_directory=True)
    report = check_paths([models], today=dt.date.today(), root=models.parent)
    assert [(p.code, p.path) for p in report.problems] == [("DVK508", "models/mau/index.md")]
    assert report.dossiers == []


def test_broken_dossier_symlink(models: Path) -> None:
    (models / "mau.md").symlink_to(models / "khong-co.md")
    assert codes(models) == ["DVK508"]


def test_dossier_symlink_inside_models_is_an_ordinary_file(models: Path) -> None:
    (models / "goc.md").write_text(dossier([]), encoding="utf-8")
    (models / "ban-sao.md").symlink_to("goc.md")
    assert "DVK508" not in codes(models)


# --- size and type -------------------------------------------------------------------------


def test_fifty_megabyte_photo_is_refused_with_a_clear_message(models: Path) -> None:
    folder = bundle(models, "mau", {"anh.jpg": JPEG})
    with open(folder / "anh-lon.jpg", "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.write(JPEG[:4])
        fh.truncate(50 * 1024 * 1024)
    (folder / "index.md").write_text(dossier([{"path": "anh-lon.jpg", "caption": "Ảnh"}]), encoding="utf-8")
    report = check_paths([models], today=dt.date.today(), root=models.parent)
    (problem,) = report.problems
    assert problem.code == "DVK507"
    assert problem.message == "Tệp `anh-lon.jpg` nặng 52,4 MB, quá giới hạn 5 MB cho một tệp đính kèm."
    assert "Giảm kích thước ảnh" in problem.hint


@pytest.mark.parametrize("name", ["trang.html", "hinh.svg", "chay.exe", "tep", "anh.JPG.html"])
def test_unexpected_types_are_refused(models: Path, name: str) -> None:
    bundle(models, "mau", {name: b"<html></html>"})
    assert codes(models) == ["DVK507"]


@pytest.mark.parametrize("name,content", [
    ("anh.jpg", b"<html><script>alert(1)</script></html>"),
    ("anh.jpeg", PNG),
    ("so-do.png", JPEG),
    ("thong-bao.pdf", b"<!doctype html><p>not a pdf"),
    ("anh.webp", b"RIFF\x00\x00\x00\x00WAVEfmt "),
    ("rong.jpg", b""),
])
def test_content_must_match_the_extension(models: Path, name: str, content: bytes) -> None:
    bundle(models, "mau", {name: content})
    (problem,) = check_paths([models], today=dt.date.today(), root=models.parent).problems
    assert problem.code == "DVK509"
    assert name in problem.message


def test_uppercase_extension_with_right_content_passes(models: Path) -> None:
    bundle(models, "mau", {"ANH.JPG": JPEG})
    assert codes(models) == []


# --- the real build ------------------------------------------------------------------------


def test_build_refuses_a_symlinked_attachment(tmp_path: Path, outside: Path) -> None:
    config = make_dvk_project(tmp_path / "du-an", {})
    folder = bundle(tmp_path / "du-an" / "models", "mau", {})
    (folder / "bi-mat.pdf").symlink_to(outside / "bi-mat.txt")
    (folder / "index.md").write_text(dossier([{"path": "bi-mat.pdf", "caption": "Thông báo"}]), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=config.parent,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "DVK508" in proc.stderr and "models/mau/index.md" in proc.stderr
    site = tmp_path / "du-an" / "site"
    assert not any("mat-khau" in p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("example,code", [("dvk508-symlink-escape", "DVK508"), ("dvk509-type-mismatch", "DVK509")])
def test_negative_examples_fail_with_their_code(example: str, code: str) -> None:
    """The examples under tests/example-files/negative/ (until their shared harness lists them)."""
    from conftest import ROOT

    path = ROOT / "tests" / "example-files" / "negative" / example / "index.md"
    proc = subprocess.run([sys.executable, "-m", "dvk_build", "check", "--format", "json", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert [p["code"] for p in json.loads(proc.stdout)["problems"]] == [code]
