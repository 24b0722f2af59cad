"""`dvk build`: atomic (old site kept on failure or kill), reproducible, and complete (verify.py)."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_DOSSIER, make_dvk_project
from dvk_build import verify

SHIPPED = SHIPPED_DOSSIER.read_text(encoding="utf-8")
BROKEN = SHIPPED + "\nXem <script>alert(1)</script> nhé.\n"


def dvk_build(config: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    run_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    run_env.update(env or {})
    run_env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([sys.executable, "-m", "dvk_build", "build", "-f", str(config), *extra], cwd=config.parent,
                          env=run_env, capture_output=True, text=True, timeout=600)


def tree(site: Path) -> dict[str, str]:
    """Every file of a site by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if ".dvk-tmp-" in p.name)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project with two published dossiers, built once by `dvk build`."""
    config = make_dvk_project(tmp_path, {"mot.md": SHIPPED, "hai.md": SHIPPED})
    proc = dvk_build(config)
    assert proc.returncode == 0, proc.stderr
    return config


def test_build_creates_the_site_and_no_temporary_folder(project: Path) -> None:
    site = project.parent / "site"
    assert (site / "index.html").is_file()
    assert verify.model_pages(site) == ["hai", "mot"]
    assert leftovers(project.parent) == []


def test_failed_build_leaves_the_old_site_byte_identical(project: Path) -> None:
    site = project.parent / "site"
    before = tree(site)
    (project.parent / "models" / "ba.md").write_text(BROKEN, encoding="utf-8")
    proc = dvk_build(project)
    assert proc.returncode == 1
    assert "models/ba.md" in proc.stderr and "DVK501" in proc.stderr
    assert "trang cũ" in proc.stderr
    assert tree(site) == before
    assert leftovers(project.parent) == []


def _start_and_stop(project: Path, sig: int) -> int:
    """Start `dvk build` on many dossiers and send sig once MkDocs is writing pages; returns the exit code."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "dvk_build", "build", "-f", str(project)], cwd=project.parent,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            tmp = [p for p in project.parent.glob(".site.dvk-tmp-*") if (p / "mo-hinh").is_dir()]
            if tmp and len(list((tmp[0] / "mo-hinh").iterdir())) >= 5:
                break
            assert proc.poll() is None, "the build ended before it could be interrupted"
            time.sleep(0.02)
        else:
            pytest.fail("the build never started writing pages")
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole process group: dvk and its MkDocs
        else:
            proc.send_signal(sig)
        return proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def _many(project: Path, n: int = 250) -> None:
    for i in range(n):
        (project.parent / "models" / f"ban-sao-{i:03d}.md").write_text(SHIPPED, encoding="utf-8")


def test_killed_build_leaves_the_old_site_and_the_next_build_cleans_up(project: Path) -> None:
    site = project.parent / "site"
    before = tree(site)
    _many(project)
    rc = _start_and_stop(project, signal.SIGKILL)
    assert rc == -signal.SIGKILL
    assert tree(site) == before
    assert leftovers(project.parent) != []  # a killed process cannot clean up after itself...
    (project.parent / "models" / "mot.md").unlink()
    for extra in (project.parent / "models").glob("ban-sao-*.md"):
        extra.unlink()
    proc = dvk_build(project)
    assert proc.returncode == 0, proc.stderr
    assert leftovers(project.parent) == []  # ...the next build does
    assert verify.model_pages(site) == ["hai"]


def test_terminated_build_cleans_up_and_keeps_the_old_site(project: Path) -> None:
    site = project.parent / "site"
    before = tree(site)
    _many(project)
    rc = _start_and_stop(project, signal.SIGTERM)
    assert rc != 0
    assert tree(site) == before
    time.sleep(0.5)  # MkDocs may still be exiting
    assert leftovers(project.parent) == []


# Files of the search index (written the same way twice).
INDEX_PARTS = ("tim-kiem/chi-muc/entry.json", "tim-kiem/chi-muc/t/", "tim-kiem/chi-muc/m/",
               "tim-kiem/chi-muc/filters.json.gz", "tim-kiem/chi-muc/title.json.gz")


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    site = project.parent / "site"
    first = tree(site)
    time.sleep(1.1)  # a build that read the clock would now differ
    proc = dvk_build(project, "-d", str(tmp_path / "lan-hai"))
    assert proc.returncode == 0, proc.stderr
    second = tree(tmp_path / "lan-hai")
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    # Every file, the search index included (search/dvk_index.py: a function of the dossiers, gzipped without a time).
    assert differing == []
    for part in INDEX_PARTS:
        assert any(k.startswith(part) for k in first), part
    # Equal is not enough: a process writing the index could leave a file empty the same way twice.
    assert [p.name for p in site.rglob("*") if p.is_file() and p.stat().st_size == 0] == []


def test_sitemap_dates_come_from_the_content(project: Path) -> None:
    proc = dvk_build(project, env={"SOURCE_DATE_EPOCH": "1700000000"})  # 2023-11-14
    assert proc.returncode == 0, proc.stderr
    site = project.parent / "site"
    assert "<lastmod>2023-11-14</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    with gzip.open(site / "sitemap.xml.gz") as gz:
        gz.read()
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == 1700000000 // 86400 * 86400


def test_target_holding_the_project_is_refused(project: Path) -> None:
    proc = dvk_build(project, "-d", str(project.parent))
    assert proc.returncode == 2
    assert (project.parent / "mkdocs.yml").is_file()


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "dvk_build", "build", "-f", str(tmp_path / "khong-co.yml")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "không tìm thấy" in proc.stderr


def test_dvk_build_is_registered() -> None:
    proc = subprocess.run([sys.executable, "-m", "dvk_build", "build", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "trang cũ" in proc.stdout


# --- completeness ---------------------------------------------------------------------------


def _fake_site(root: Path, pages: list[str], listed: list[str], searched: list[str], rows: list[str]) -> Path:
    for slug in pages:
        (root / "mo-hinh" / slug).mkdir(parents=True)
        (root / "mo-hinh" / slug / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (root / "danh-muc" / "trang-2").mkdir(parents=True)
    links = [f'<a class="dvk-entry-title" href="../mo-hinh/{s}/">{s}</a>' for s in listed]
    (root / "danh-muc" / "index.html").write_text("".join(links[:1]), encoding="utf-8")
    (root / "danh-muc" / "trang-2" / "index.html").write_text("".join(links[1:]).replace("../", "../../"),
                                                                encoding="utf-8")
    index = root / "tim-kiem" / "chi-muc"
    (index / "m").mkdir(parents=True)
    (index / "entry.json").write_text("{}", encoding="utf-8")
    (index / "m" / "0.json.gz").write_bytes(gzip.compress(json.dumps([{"url": f"mo-hinh/{s}/"} for s in searched]).encode()))
    (root / "du-lieu").mkdir()
    (root / "du-lieu" / "mo-hinh.json").write_text(json.dumps({"models": [{"slug": s} for s in rows]}), encoding="utf-8")
    (root / "du-lieu" / "mo-hinh.csv").write_text("\ufeffslug,title\n" + "".join(f"{s},T\n" for s in rows),
                                                  encoding="utf-8")
    return root


def test_complete_site_passes(tmp_path: Path) -> None:
    slugs = ["a", "b", "c"]
    site = _fake_site(tmp_path, slugs, slugs, slugs, slugs)
    assert verify.gaps(site, slugs) == []
    verify.require_complete(site, slugs)


def test_each_difference_is_named(tmp_path: Path) -> None:
    site = _fake_site(tmp_path, ["a", "b"], ["a", "b", "b", "c"], ["a", "c"], ["a", "b", "c", "d"])
    with pytest.raises(verify.IncompleteBuild) as err:
        verify.require_complete(site, ["a", "b", "c"])
    text = str(err.value)
    assert "có 3 hồ sơ đã công nhận" in text
    assert "- trang mô hình `mo-hinh/<tên>/`: thiếu 1: c" in text
    assert "- danh mục `danh-muc/`: lặp lại: b" in text
    assert "- chỉ mục tìm kiếm `tim-kiem/chi-muc/`: thiếu 1: b" in text
    assert "- dữ liệu mở `du-lieu/mo-hinh.json`: thừa 1: d" in text
    assert "- dữ liệu mở `du-lieu/mo-hinh.csv`: thừa 1: d" in text


def test_artefacts_not_built_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / "mo-hinh" / "a").mkdir(parents=True)
    (tmp_path / "mo-hinh" / "a" / "index.html").write_text("x", encoding="utf-8")
    assert verify.gaps(tmp_path, ["a"]) == []


def _in_process_build(config: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config)))


def test_build_fails_naming_the_model_a_listing_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """A bug that silently loses a model from the catalogue and its page fails the build, naming it."""
    from mkdocs.exceptions import Abort

    from dvk_build.render import site as render_site
    from dvk_build.theme_pages import ThemePages

    config = make_dvk_project(tmp_path, {"mot.md": SHIPPED, "hai.md": SHIPPED, "ba.md": SHIPPED})
    original_catalogue, original_write = render_site.SiteRenderer._catalogue, ThemePages.write

    def lossy(method):  # type: ignore[no-untyped-def]
        def run(self, out):  # type: ignore[no-untyped-def]
            kept = self.catalogue.models
            self.catalogue.models = [m for m in kept if m.slug != "hai"]
            try:
                method(self, out)
            finally:
                self.catalogue.models = kept
        return run

    monkeypatch.setattr(render_site.SiteRenderer, "_catalogue", lossy(original_catalogue))
    monkeypatch.setattr(ThemePages, "write", lambda self, m: None if m.slug == "hai" else original_write(self, m))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        _in_process_build(config)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "có 3 hồ sơ đã công nhận" in text
    assert "trang mô hình `mo-hinh/<tên>/`: thiếu 1: hai" in text
    assert "danh mục `danh-muc/`: thiếu 1: hai" in text


def test_complete_build_passes_the_check(project: Path) -> None:
    site = project.parent / "site"
    assert verify.gaps(site, ["mot", "hai"]) == []


def test_json_rows_reads_in_chunks_like_a_whole_parse(tmp_path: Path) -> None:
    """The chunked reader of the JSON export finds each record's slug once, across chunk boundaries,
    and not a "slug" that is only text inside a value."""
    import json

    records = [{"slug": f"mo-hinh-{i}", "title": 'Có {"slug":"gia"} trong chữ', "summary": "x" * (i * 37)}
               for i in range(60)]
    path = tmp_path / "mo-hinh.json"
    path.write_text(json.dumps({"count": 60, "models": records}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    expected = [r["slug"] for r in records]
    for chunk in (7, 64, 1000, 1 << 22):
        assert verify.json_rows(path, chunk=chunk) == expected


def test_build_warns_while_site_url_is_the_example_host(tmp_path: Path) -> None:
    """The shipped site_url is a placeholder: `dvk build` says so (in Vietnamese), and stops saying it once set."""
    import yaml

    config = make_dvk_project(tmp_path / "mau", {"mot.md": SHIPPED})
    proc = dvk_build(config)
    assert proc.returncode == 0, proc.stderr
    assert "cảnh báo: site_url trong mkdocs.yml vẫn là địa chỉ mẫu https://dvk.example/" in proc.stderr
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_url"] = "https://danvankheo.tinh.gov.vn/"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = dvk_build(config)
    assert proc.returncode == 0, proc.stderr
    assert "site_url" not in proc.stderr
