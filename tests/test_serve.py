"""Issue 12, item 6: `mkdocs serve` updates a saved dossier's page and its listings alone, and shows errors in the browser."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import docx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import serving  # noqa: E402
from conftest import ROOT, article, generated_dossiers, make_dvk_project, move_to_farthest_field

SOURCES = ["tuyen-duong-tu-quan-ap-phu-hoa.md", "camera-an-ninh-mat-than-xa-long-dinh.md",
           "heo-dat-gop-von-xoay-vong-ap-tan-phu-xa-tan-tay.md", "mot-cua-than-thien-song-ngu-xa-tap-ngai.md"]
EDITED, OTHER = "tuyen-duong-tu-quan-ap-phu-hoa", "camera-an-ninh-mat-than-xa-long-dinh"


def _get(url: str) -> str:
    return serving.get(url, timeout=120)


def _wait(test: Callable[[], bool], what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if test():
                return
        except OSError:  # the server is starting
            pass
        time.sleep(0.1)
    raise AssertionError(f"not served in {timeout} s: {what}")


class Served:
    """A `mkdocs serve` of a small project in a subprocess, and where it writes its site."""

    def __init__(self, tmp: Path, dossiers: dict[str, str] | None = None, ready: str = EDITED) -> None:
        self.models = tmp / "models"
        config = make_dvk_project(tmp, dossiers or {name: (ROOT / "content" / "models" / name).read_text(encoding="utf-8")
                                                    for name in SOURCES})
        self.log = tmp / "serve.log"
        temp = tmp / "tmp"  # `mkdocs serve` builds into a mkdtemp folder: made here, so the test can look at it
        temp.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp), PYTHONPATH=str(ROOT))
        port = serving.free_port()
        self.base = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                     cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=self.log.open("w"),
                                     start_new_session=True)
        _wait(lambda: self.alive() and ready in _get(self.base + "danh-muc/"), "the first build")
        self.site = next(temp.glob("mkdocs_*"))

    def alive(self) -> bool:
        assert self.proc.poll() is None, self.log.read_text(encoding="utf-8")[-3000:]
        return True

    def page(self, path: str) -> str:
        self.alive()
        return _get(self.base + path)

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def _retitle(text: str, title: str) -> str:
    return re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)


def test_saved_title_updates_its_page_and_listing_and_nothing_else(served: Served) -> None:
    other_page = served.site / "mo-hinh" / OTHER / "index.html"
    other_mtime = other_page.stat().st_mtime_ns
    dossier = served.models / f"{EDITED}.md"
    title = "Tuyến đường tự quản ấp Phú Hòa (đã sửa tên)"
    dossier.write_text(_retitle(dossier.read_text(encoding="utf-8"), title), encoding="utf-8")
    _wait(lambda: title in served.page(f"mo-hinh/{EDITED}/"), "the model page with the new title", timeout=30)
    _wait(lambda: title in served.page("danh-muc/"), "the catalogue listing with the new title", timeout=30)
    tier_listings = [p for p in ("cap/tinh/", "cap/huyen/", "cap/co-so/", "cap/xa/") if f"mo-hinh/{EDITED}/" in served.page(p)]
    assert tier_listings and all(title in served.page(p) for p in tier_listings)
    log = served.log.read_text(encoding="utf-8")
    # the incremental path did it: no full build, another model's page untouched
    assert "Xem trước: đã cập nhật 1 hồ sơ" in log and "dựng lại toàn bộ" not in log, log[-2000:]
    assert other_page.stat().st_mtime_ns == other_mtime
    assert "dvk-build-errors" not in served.page("")
    # the model's own downloads follow its page: its JSON, and its Mẫu 2a and 2b opened as Word documents
    base = f"{served.base}mo-hinh/{EDITED}/"
    assert json.loads(_get(base + "mo-hinh.json"))["model"]["title"] == title
    for form in ("2a", "2b"):
        with urllib.request.urlopen(f"{base}{EDITED}-mau-{form}.docx", timeout=30) as response:
            document = docx.Document(io.BytesIO(response.read()))
        assert title in "\n".join(p.text for p in document.paragraphs), form


def test_an_editors_swap_and_backup_files_start_no_build(served: Served) -> None:
    """Vim's `4913` and `.x.md.swp`, Emacs' `#x.md#`, a `x.md~`: no save of a dossier, so no pass of the server
    (one would also stop the pass of shifted listing pages)."""
    before = served.log.read_text(encoding="utf-8").count("Detected file changes")
    for name in ("4913", f".{EDITED}.md.swp", f"#{EDITED}.md#", f"{EDITED}.md~"):
        (served.models / name).write_text("tạm\n", encoding="utf-8")
    time.sleep(1.5)  # inotify reports within milliseconds, MkDocs' loop waits 0.1 s
    assert served.log.read_text(encoding="utf-8").count("Detected file changes") == before
    assert "dvk-build-errors" not in served.page("")


def test_new_dossier_falls_back_to_a_full_build(served: Served) -> None:
    text = (served.models / f"{EDITED}.md").read_text(encoding="utf-8")
    (served.models / "tuyen-duong-tu-quan-ban-sao.md").write_text(_retitle(text, "Bản sao thử"), encoding="utf-8")
    _wait(lambda: "Bản sao thử" in served.page("mo-hinh/tuyen-duong-tu-quan-ban-sao/"), "the new dossier's page")
    assert "dựng lại toàn bộ" in served.log.read_text(encoding="utf-8")


def test_broken_dossier_shows_its_errors_in_chromium_until_fixed(served: Served, browser) -> None:  # type: ignore[no-untyped-def]
    dossier = served.models / f"{EDITED}.md"
    good = dossier.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(served.base + f"mo-hinh/{OTHER}/")
        assert page.locator(".dvk-build-errors").count() == 0
        broken = re.sub(r"(?m)^fields: .*$", "fields: [linh-vuc-khong-co]", good, count=1)
        assert broken != good
        dossier.write_text(broken, encoding="utf-8")
        # the open page reloads itself (livereload) and shows the box: file, line, column, code, Vietnamese
        box = page.locator(".dvk-build-errors")
        box.wait_for(state="visible", timeout=30_000)
        assert re.search(rf"models/{EDITED}\.md:\d+:\d+: DVK103 .*không hợp lệ", box.inner_text())
        # the broken dossier's own page keeps its last good version, under the box
        assert "dvk-build-errors" in served.page(f"mo-hinh/{EDITED}/")
        assert "Tuyến đường tự quản" in served.page(f"mo-hinh/{EDITED}/")
        dossier.write_text(good, encoding="utf-8")
        box.wait_for(state="detached", timeout=30_000)
        assert "dvk-build-errors" not in served.page("")
        assert "dựng lại toàn bộ" not in served.log.read_text(encoding="utf-8")
    finally:
        page.close()



def test_moved_field_gives_the_pages_a_full_build_gives(served: Served, tmp_path: Path) -> None:
    """Every listing, the home page and the statistics after an incremental update are what a full build makes
    of the same dossiers (the pages' signatures miss nothing an edit changes)."""
    dossier = served.models / f"{EDITED}.md"
    text = dossier.read_text(encoding="utf-8")
    moved = re.sub(r"(?m)^fields: .*$", "fields: [kinh-te]", text, count=1)
    assert moved != text
    dossier.write_text(moved, encoding="utf-8")
    # (the menu links every field's listing from every page: the listing is what shows the move)
    _wait(lambda: f"mo-hinh/{EDITED}/" in served.page("linh-vuc/kinh-te/"), "the model in its new field's listing",
          timeout=30)
    assert "dựng lại toàn bộ" not in served.log.read_text(encoding="utf-8")
    _assert_listings_as_a_full_build_makes(served, tmp_path)
    assert f"mo-hinh/{EDITED}/" in served.page("linh-vuc/kinh-te/")
    assert f"mo-hinh/{EDITED}/" not in served.page("linh-vuc/bon-khong/")


def _assert_listings_as_a_full_build_makes(served: Served, tmp_path: Path) -> None:
    full = tmp_path / "full"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(full)],
                   cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}, check=True,
                   capture_output=True, timeout=600)
    pages = [p.parent.relative_to(full).as_posix() for p in full.glob("**/index.html")
             if not p.relative_to(full).as_posix().startswith(("mo-hinh/", "du-lieu/", "tim-kiem/", "quy-tac/"))]
    assert "linh-vuc/kinh-te" in pages and "." in pages and "thong-ke" in pages
    for rel in pages:
        path = "" if rel == "." else rel + "/"
        built = article((full / rel / "index.html").read_text(encoding="utf-8"))
        assert built, rel
        assert article(served.page(path)) == built, f"{path} differs from a full build"


def test_listing_pages_an_edit_only_shifted_follow_in_the_next_pass(tmp_path: Path) -> None:
    """At province scale a field change shifts every later page of the listings it leaves and joins; the
    pages that list the model are served first, the shifted ones by the server's next pass, and in the
    end every page is what a full build makes."""
    server = Served(tmp_path, generated_dossiers(tmp_path, 300), ready="mo-hinh/")
    try:
        slug = re.search(r'href="\.\./mo-hinh/([^/"]+)/"', server.page("danh-muc/")).group(1)  # type: ignore[union-attr]
        other = move_to_farthest_field(server.models / f"{slug}.md")
        # (the menu links every field's listing from every page: the listing is what shows the move)
        _wait(lambda: f"mo-hinh/{slug}/" in server.page(f"linh-vuc/{other}/"), "the model in its new field's listing",
              timeout=60)
        epoch = re.search(r"livereload\((\d+),", server.page(f"mo-hinh/{slug}/"))
        _wait(lambda: "trang danh sách dời chỗ trong" in server.log.read_text(encoding="utf-8"), "the second pass", timeout=60)
        # the second pass does not make open tabs reload again: the epoch livereload watches is unchanged
        assert epoch and f"livereload({epoch.group(1)}," in server.page(f"mo-hinh/{slug}/")
        log = server.log.read_text(encoding="utf-8")
        shifted = re.search(r"; (\d+) trang danh sách khác chỉ dời chỗ, cập nhật ngay sau", log)
        assert shifted and int(shifted.group(1)) > 0, log[-2000:]
        assert "dựng lại toàn bộ" not in log
        assert f"mo-hinh/{slug}/" in server.page(f"linh-vuc/{other}/")
        _assert_listings_as_a_full_build_makes(server, tmp_path)
    finally:
        server.stop()


def test_a_dossier_saved_as_a_summary_record_leaves_no_report_to_download(tmp_path: Path) -> None:
    """The preview writes a saved model's downloads again; a summary record has a notice (2b) and no report (2a)."""
    import datetime as dt
    from types import SimpleNamespace

    from dvk_build.config import default_config
    from dvk_build.model import build_catalogue
    from dvk_build.preview import _write_downloads
    from dvk_build.site_context import Site
    from dvk_build.validate.engine import check_paths

    source = ROOT / "tests" / "example-files" / "positive" / "tom-tat-tuyen-duong-hoa-xa-tan-thach.md"
    model = build_catalogue(check_paths([source], default_config(), dt.date(2026, 12, 1), root=ROOT)).models[0]
    assert model.summary_record
    folder = tmp_path / "site" / model.url
    folder.mkdir(parents=True)
    report = folder / f"{model.slug}-mau-2a.docx"
    report.write_bytes(b"ban truoc")  # from the build before the dossier became a summary record
    last = SimpleNamespace(ctx=SimpleNamespace(site=Site(default_config())), config=SimpleNamespace(site_dir=str(tmp_path / "site")),
                           forms=None)
    _write_downloads(last, [model])  # type: ignore[arg-type]
    assert not report.exists()
    notice = docx.Document(str(folder / f"{model.slug}-mau-2b.docx"))
    assert model.title in "\n".join(p.text for p in notice.paragraphs)
    assert json.loads((folder / "mo-hinh.json").read_text(encoding="utf-8"))["model"]["title"] == model.title
