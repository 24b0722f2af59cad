"""Run Pagefind over a built site: the search index of the model pages, or a clear error in Vietnamese."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
# Pagefind's own ready-made interfaces: the site has its own (assets/dvk-search.js), and these
# files would only be published, never loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
GLOB = "mo-hinh/*/index.html"
TIMEOUT_S = 1800


class IndexingFailed(Exception):
    """Pagefind did not produce a search index; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int
    filters: int
    seconds: float


def _count(pattern: str, log: str) -> int:
    found = re.search(pattern, log)
    return int(found.group(1)) if found else 0


def index_site(site: Path) -> IndexStats | None:
    """Index `site` in place (`site/pagefind/`); None when it has no model page; IndexingFailed if Pagefind fails."""
    site = Path(site)
    shutil.rmtree(site / BUNDLE, ignore_errors=True)  # a stale index would answer for pages no longer built
    if not any(site.glob(GLOB)):
        return None  # Pagefind refuses an empty site; the search page then says there is no model yet
    # Only model pages are searched (they carry data-pagefind-body); the glob also spares Pagefind
    # from reading every listing page, and keeps them out when there is no model page at all.
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--glob", GLOB]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise IndexingFailed(f"Không chạy được Pagefind để tạo chỉ mục tìm kiếm ({exc}). "
                             "Cài lại bằng `pip install 'pagefind[bin]'`.") from None
    seconds = time.perf_counter() - started
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = "\n".join(log.strip().splitlines()[-15:])
        raise IndexingFailed(f"Pagefind báo lỗi khi tạo chỉ mục tìm kiếm (mã {proc.returncode}):\n{tail}")
    stats = IndexStats(_count(r"Indexed (\d+) pages?", log), _count(r"Indexed (\d+) words?", log),
                       _count(r"Indexed (\d+) filters?", log), seconds)
    if not (site / BUNDLE / "pagefind-entry.json").is_file():
        raise IndexingFailed(f"Pagefind chạy xong nhưng không tạo được `{BUNDLE}/pagefind-entry.json` trong {site}.")
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    shutil.rmtree(site / BUNDLE / "playground", ignore_errors=True)
    return stats
