"""Issue 11, items 11 and 12: the plain `mkdocs build` is atomic and reproducible, `mkdocs serve` shows
dossier errors in the browser, and a killed `dvk build` takes its MkDocs child along."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import serving  # noqa: E402
from conftest import SHIPPED_DOSSIER, make_dvk_project
from test_build_atomic import leftovers, tree

SHIPPED = SHIPPED_DOSSIER.read_text(encoding="utf-8")
BROKEN = SHIPPED + "\nXem <script>alert(1)</script> nhé.\n"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def mkdocs(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), *args], cwd=config.parent,
                          env=_env(), capture_output=True, text=True, timeout=600)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    config = make_dvk_project(tmp_path, {"mot.md": SHIPPED, "hai.md": SHIPPED})
    proc = mkdocs(config)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return config


def test_plain_build_with_a_bad_dossier_keeps_the_old_site(project: Path) -> None:
    site = project.parent / "site"
    before = tree(site)
    (project.parent / "models" / "ba.md").write_text(BROKEN, encoding="utf-8")
    proc = mkdocs(project)
    assert proc.returncode == 1 and "models/ba.md" in proc.stderr
    assert tree(site) == before
    assert leftovers(project.parent) == []


def test_plain_build_killed_midway_keeps_the_old_site(project: Path) -> None:
    site = project.parent / "site"
    before = tree(site)
    for i in range(250):
        (project.parent / "models" / f"ban-sao-{i:03d}.md").write_text(SHIPPED, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(project)], cwd=project.parent,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            written = list(project.parent.glob(".site.dvk-tmp-*/mo-hinh/*")) + list(site.glob("mo-hinh/ban-sao-*"))
            if len(written) >= 5:
                break
            assert proc.poll() is None, "the build ended before it could be stopped"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert tree(site) == before
    proc2 = mkdocs(project)  # the next build removes what the killed one left
    assert proc2.returncode == 0, proc2.stderr[-3000:]
    assert leftovers(project.parent) == []


def test_two_plain_builds_are_identical_and_dated_by_the_content(project: Path, tmp_path: Path) -> None:
    site = project.parent / "site"
    first = tree(site)
    time.sleep(1.1)  # a clock-based stamp would now differ by a second
    proc = mkdocs(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tree(site) == first
    generated = json.loads((site / "du-lieu/mo-hinh.json").read_text(encoding="utf-8"))["generated"]
    # no git here: the time is the newest date the dossiers hold (the shipped one's last is 2025-...)
    newest = max(__import__("re").findall(r"\b20\d\d-\d\d-\d\d\b", SHIPPED))
    assert generated.startswith(newest), (generated, newest)


# --- 12. serve shows errors; a killed dvk build leaves no MkDocs behind -----------------------------


def _get(url: str) -> str:
    return serving.get(url, timeout=30)


def test_serve_shows_dossier_errors_in_the_browser_and_recovers(tmp_path: Path) -> None:
    config = make_dvk_project(tmp_path, {"mot.md": SHIPPED, "ba.md": BROKEN})
    port = serving.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            cwd=tmp_path, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=(tmp_path / "serve.log").open("w"), start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        page = ""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and "dvk-build-errors" not in page:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                page = _get(base)
            except OSError:
                time.sleep(0.3)
        assert "dvk-build-errors" in page
        assert "models/ba.md:" in page and "DVK501" in page
        assert "dvk-build-errors" in _get(base + "mo-hinh/mot/")  # every page says so, the valid ones are there
        assert "dvk-build-errors" in _get(base + "mo-hinh/ba/")  # the 404 of the refused one too
        (tmp_path / "models" / "ba.md").write_text(SHIPPED, encoding="utf-8")  # fixed
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and "dvk-build-errors" in page:
            time.sleep(0.5)
            try:
                page = _get(base + "mo-hinh/ba/")
            except OSError:  # the server is busy rebuilding
                continue
        assert "dvk-build-errors" not in page and "Tuyến đường tự quản" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_killed_dvk_build_takes_its_mkdocs_child_along(tmp_path: Path) -> None:
    config = make_dvk_project(tmp_path, {f"ban-sao-{i:03d}.md": SHIPPED for i in range(250)})
    proc = subprocess.Popen([sys.executable, "-m", "dvk_build", "build", "-f", str(config)], cwd=tmp_path,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        child: list[int] = []
        while time.monotonic() < deadline:
            child = _children(proc.pid)
            if child and list(tmp_path.glob(".site.dvk-tmp-*")):
                break
            assert proc.poll() is None
            time.sleep(0.05)
        assert child, "no mkdocs child seen"
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, as an OOM killer or `kill -9 <pid>` would
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(c) for c in child):
            time.sleep(0.1)
        assert not any(_alive(c) for c in child), "mkdocs went on without its parent"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
