"""Preview benchmark: from saving a dossier to `mkdocs serve` serving its updated pages, at province scale.

    python bench/bench_serve.py [N] [--repeat R] [--work DIR] [--keep]

Generates N dossiers (default 10,000) with bench/generate.py, starts `mkdocs serve` with the dvk
plugin in a subprocess, waits for the first full build, then, R times each, measures over HTTP the
time from writing a dossier to:

- title: its model page AND the first page of the catalogue listing (danh-muc/, newest first, where
  the edited model sits) both show the new title;
- field: after moving it to another field, its model page shows the new field and a page of the new
  field's listing (linh-vuc/<field>/...) lists it;
- error: after saving it with an unknown field value, the error box (`dvk-build-errors`) is served;
  fixed: after saving it fixed, the box is gone.

Listing pages a change only shifts (no edited model on them) are served by the server's next pass,
1 s after the update (preview.py, CATCH_UP_DELAY); the time of those passes is read from the
server's log and printed below the table.

Polling: a GET every 10 ms (the server holds requests while it builds, so a GET answers with the
page as it is once the build ends). Prints a Markdown table of the times (median, max) and `uptime`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dvk_build.config import default_config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "bench" / "generate.py"
FIELDS = list(default_config().fields)


def get(url: str) -> str:
    return serving.get(url, timeout=600)


def project(work: Path, n: int) -> Path:
    """A project of n generated dossiers (kept between runs of the same n); its mkdocs.yml."""
    models, pages = work / "models", work / "pages"
    stamp = work / f".generated-{n}"
    if not stamp.exists():
        shutil.rmtree(models, ignore_errors=True)
        subprocess.run([sys.executable, str(GENERATOR), str(n), str(models)], check=True, stdout=subprocess.DEVNULL)
        stamp.write_text("")
    pages.mkdir(parents=True, exist_ok=True)
    for name, title in (("huong-dan.md", "Hướng dẫn"), ("dong-gop.md", "Đóng góp")):
        (pages / name).write_text(f"# {title}\n\nTrang thử.\n", encoding="utf-8")
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(pages), "site_dir": str(work / "site"),
              "strict": False, "theme": {"name": "material", "language": "vi", "custom_dir": str(ROOT / "overrides")},
              "plugins": [{"dvk": {"models_dir": str(models)}}]}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def start(config: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
                            start_new_session=True)


def wait_until(test: Callable[[], bool], timeout: float = 900) -> float:
    """Seconds until test() holds, polling every 10 ms."""
    t0 = time.perf_counter()
    while not test():
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("no change served in time")
        time.sleep(0.01)
    return time.perf_counter() - t0


def save(path: Path, text: str) -> float:
    """Write as an editor saves (whole file); the time of the save."""
    path.write_text(text, encoding="utf-8")
    return time.perf_counter()


def caught_up(log: Path) -> int:
    """How many times the server has served every listing page the edits only shifted (its log says so)."""
    return sum(1 for line in log.read_text(encoding="utf-8").splitlines()
               if "trang danh sách dời chỗ trong" in line and "còn lại" not in line)


def listing_has(base: str, listing: str, slug: str) -> bool:
    """Whether any page of a listing links to the model."""
    page, n = get(base + listing), 1
    while True:
        if f"mo-hinh/{slug}/" in page:
            return True
        n += 1
        if f'href="trang-{n}/"' not in page and f"trang-{n}/" not in page:
            return False
        page = get(f"{base}{listing}trang-{n}/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    config = project(work, args.n)
    port = serving.free_port()
    base = f"http://127.0.0.1:{port}/"
    log = work / "serve.log"
    proc = start(config, port, log)
    times: dict[str, list[float]] = {"title": [], "field": [], "error": [], "fixed": [], "shifted": []}
    try:
        def up() -> bool:
            if proc.poll() is not None:
                raise RuntimeError(log.read_text()[-3000:])
            try:
                return "mo-hinh/" in get(base + "danh-muc/")
            except OSError:
                return False

        first = wait_until(up, timeout=1800)
        print(f"first build served after {first:.1f} s ({args.n} dossiers)", file=sys.stderr)
        listing = get(base + "danh-muc/")
        slug = re.search(r'href="\.\./mo-hinh/([^/"]+)/"', listing).group(1)  # type: ignore[union-attr]
        dossier = config.parent / "models" / f"{slug}.md"
        original = dossier.read_text(encoding="utf-8")
        fields = list(yaml.safe_load(original.split("\n---", 1)[0][4:])["fields"])
        for i in range(args.repeat):
            # 1. the title: the model page and the listing page it sits on
            title = f"Mô hình thử xem trước lần {i + 1}"
            text = re.sub(r"(?m)^title: .*$", f"title: {title}", original, count=1)
            t = save(dossier, text)
            wait_until(lambda title=title: title in get(f"{base}mo-hinh/{slug}/"))
            wait_until(lambda title=title: title in get(base + "danh-muc/"))
            times["title"].append(time.perf_counter() - t)
            # 2. the field: the model moves to another listing
            other = [f for f in FIELDS if f not in fields][i % (len(FIELDS) - len(fields))]
            moved = re.sub(r"(?m)^fields:\n(- .*\n)+", f"fields:\n- {other}\n", text, count=1)
            t = save(dossier, moved)
            # the page's field badge (the menu links every field's listing from every page)
            badge = f'class="dvk-badge dvk-field">{default_config().fields[other].label}</span>'
            wait_until(lambda other=other, badge=badge: badge in get(f"{base}mo-hinh/{slug}/")
                       and listing_has(base, f"linh-vuc/{other}/", slug))
            times["field"].append(time.perf_counter() - t)
            # 3. an error, then its fix
            broken = re.sub(r"(?m)^fields:\n(- .*\n)+", "fields:\n- linh-vuc-khong-co\n", text, count=1)
            t = save(dossier, broken)
            wait_until(lambda: "dvk-build-errors" in get(base))
            times["error"].append(time.perf_counter() - t)
            passes = caught_up(log)
            t = save(dossier, original)
            wait_until(lambda title=title: "dvk-build-errors" not in get(base) and title not in get(f"{base}mo-hinh/{slug}/"))
            times["fixed"].append(time.perf_counter() - t)
            # an editor who stops saving: the listing pages the edits only shifted, all served
            wait_until(lambda passes=passes: caught_up(log) > passes)
            times["shifted"].append(time.perf_counter() - t)
            time.sleep(0.5)
        lines = log.read_text(encoding="utf-8").splitlines()
        full = [line for line in lines if "toàn bộ" in line and "dựng lại" in line]
        # the server's own figures: each update's first pass, and the later pass for listing pages only shifted
        first_pass = [float(m.group(1).replace(",", ".")) for line in lines
                      if (m := re.search(r"đã cập nhật 1 hồ sơ trong ([\d,]+) giây", line))]
        shifted = [(int(m.group(1)), float(m.group(2).replace(",", "."))) for line in lines
                   if (m := re.search(r"đã cập nhật (\d+) trang danh sách dời chỗ trong ([\d,]+) giây", line))]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"\n{args.n} dossiers, {args.repeat} repeats; first full build served after {first:.1f} s; "
          f"full rebuilds during the edits: {len(full)}\n")
    print("| change saved | served updated: median | max |")
    print("|---|---:|---:|")
    labels = {"title": "title (model page + catalogue page)", "field": "field (model page + new field's listing)",
              "error": "dossier broken (error box shown)", "fixed": "dossier fixed (box gone, page back)",
              "shifted": "every listing page the edits shifted (from the fix, the editor then pausing)"}
    for key, values in times.items():
        print(f"| {labels[key]} | {statistics.median(values):.2f} s | {max(values):.2f} s |")
    if first_pass:
        print(f"\nIn the server (its log): an update's first pass {statistics.median(first_pass):.2f} s median, "
              f"{max(first_pass):.2f} s max ({len(first_pass)} updates)", end="")
    if shifted:
        print(f"; listing pages only shifted, in the next pass: {len(shifted)} passes of "
              f"{min(n for n, _ in shifted)}-{max(n for n, _ in shifted)} pages, "
              f"{statistics.median(t for _, t in shifted):.2f} s median, {max(t for _, t in shifted):.2f} s max", end="")
    print(f"\n\nuptime: {load}")
    if not args.keep and args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
