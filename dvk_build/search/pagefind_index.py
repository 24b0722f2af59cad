"""Run Pagefind over the built model pages: the search index, or a clear error in Vietnamese.

Two ways, same index. `LiveIndex` hands each model page to a `pagefind --service` process as soon as
MkDocs has rendered it, so Pagefind reads the pages on another core while MkDocs renders the rest
and only builds and writes the index once the last page is done. `index_site` runs the Pagefind
command over a finished site: the fallback, and what the benchmark times as Pagefind alone.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .canonical import NotCanonical, canonicalize

log = logging.getLogger("mkdocs.plugins." + __name__)

BUNDLE = "pagefind"
GLOB = "mo-hinh/*/index.html"
BODY = "<div data-pagefind-body>"  # opened by overrides/main.html around a model page's article
# Pagefind's own ready-made interfaces: the site has its own (assets/dvk-search.js), and these
# files would only be published, never loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TIMEOUT_S = 1800
# Locations per index chunk (Pagefind's default: 20,000). A search downloads whole chunks; with the
# default, one chunk held a syllable found on every page (dân, xã, hội…) plus up to 20,000
# locations of its neighbours, and a two-word query at 10,000 models fetched ~1.3 MB on average;
# at 2,000 it fetched ~0.8 MB (bench/README.md). Pagefind marks the variable unstable: if it goes
# away, the default applies and only the download grows.
ENV = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "2000"}
COMMAND = [sys.executable, "-m", "pagefind"]  # the binary inside the pagefind[bin] wheel


class IndexingFailed(Exception):
    """Pagefind did not produce a search index; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    seconds: float  # what indexing added after the last page was written


def _tidy(bundle: Path) -> None:
    """Drop what the site never loads; give the filter and metadata indexes one byte order (canonical.py)."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    shutil.rmtree(bundle / "playground", ignore_errors=True)
    try:
        canonicalize(bundle)
    except NotCanonical as exc:
        # Search works as Pagefind wrote it; only two builds may then differ in these files.
        log.info("Chỉ mục bộ lọc của Pagefind giữ nguyên thứ tự Pagefind ghi (%s).", exc)
    except OSError as exc:
        raise IndexingFailed(f"Không ghi lại được chỉ mục bộ lọc trong {bundle} ({exc}).") from None


def _write_bundle(bundle: Path, files: object) -> None:
    """Write the files of a GetFiles answer (`[{"path", "content" (base64)}]`) under `bundle`, but UNUSED."""
    if not isinstance(files, list) or not files:
        raise IndexingFailed(f"Pagefind không trả về tệp nào của chỉ mục tìm kiếm cho {bundle}.")
    root = bundle.resolve()
    written = set()
    for item in files:
        path = item.get("path") if isinstance(item, dict) else None
        content = item.get("content") if isinstance(item, dict) else None
        if not isinstance(path, str) or not isinstance(content, str):
            raise IndexingFailed("Pagefind trả về một tệp chỉ mục không có đường dẫn hay nội dung.")
        target = (root / path).resolve()
        if not target.is_relative_to(root) or target == root:
            raise IndexingFailed(f"Pagefind trả về tệp `{path}` nằm ngoài {bundle}.")
        relative = target.relative_to(root).as_posix()
        if relative in UNUSED or relative.startswith("playground/"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(content, validate=True))
        written.add(relative)
    if "pagefind-entry.json" not in written:
        raise IndexingFailed(f"Pagefind không trả về `pagefind-entry.json` cho {bundle}.")


def _lite(html: str) -> str:
    """The part of a model page Pagefind reads: its article, without the theme around it (less to send and parse)."""
    start = html.find(BODY)
    if start < 0:
        return html
    end = html.find("</article>", start)
    return '<html lang="vi"><body>' + html[start: end if end > 0 else len(html)] + "</body></html>"


def index_site(site: Path) -> IndexStats | None:
    """Index the model pages of a built site (`site/pagefind/`); None when there is none; IndexingFailed if Pagefind fails."""
    site = Path(site)
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # a stale index would answer for pages no longer built
    if not any(site.glob(GLOB)):
        return None  # Pagefind refuses an empty site; the search page then says there is no model yet
    # The glob keeps listings out (only model pages carry data-pagefind-body) and spares Pagefind
    # from reading them.
    cmd = [*COMMAND, "--site", str(site), "--output-subdir", BUNDLE, "--glob", GLOB]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env={**os.environ, **ENV})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise IndexingFailed(f"Không chạy được Pagefind để tạo chỉ mục tìm kiếm ({exc}). "
                             "Cài lại bằng `pip install 'pagefind[bin]'`.") from None
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = "\n".join(log.strip().splitlines()[-15:])
        raise IndexingFailed(f"Pagefind báo lỗi khi tạo chỉ mục tìm kiếm (mã {proc.returncode}):\n{tail}")
    if not (bundle / "pagefind-entry.json").is_file():
        raise IndexingFailed(f"Pagefind chạy xong nhưng không tạo được `{BUNDLE}/pagefind-entry.json` trong {site}.")
    _tidy(bundle)
    found = re.search(r"Indexed (\d+) pages?", log)
    return IndexStats(int(found.group(1)) if found else 0, time.perf_counter() - started)


class LiveIndex:
    """A `pagefind --service` process fed model pages while MkDocs writes them.

    Its stdin protocol is the one Pagefind's own Python and Node wrappers speak: base64 JSON
    messages, each followed by a comma, answered in kind on stdout. (The wrapper shipped in the
    `pagefind` package reads one answer per 0.1 s: 15 minutes for 10,000 pages.)
    """

    def __init__(self) -> None:
        self.proc = subprocess.Popen([*COMMAND, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env={**os.environ, **ENV})
        self.pending: queue.Queue[tuple[str, str] | None] = queue.Queue()  # MkDocs never waits on Pagefind
        self.answers: dict[int, dict[str, object]] = {}
        self.answered = threading.Condition()
        self.sent = 0
        self.pages = 0
        self.failure = ""
        self.index_id: int | None = None
        threading.Thread(target=self._read, name="pagefind-read", daemon=True).start()
        self._send({"type": "NewIndex", "config": None})
        self.writer = threading.Thread(target=self._write, name="pagefind-write", daemon=True)
        self.writer.start()

    def _send(self, payload: dict[str, object]) -> int:
        assert self.proc.stdin is not None
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.proc.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self.sent

    def _fail(self, reason: str) -> None:
        with self.answered:
            self.failure = self.failure or reason
            self.answered.notify_all()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        partial: list[bytes] = []  # pieces of a message not ended yet (GetFiles answers the whole index)
        while chunk := self.proc.stdout.read1(1 << 16):
            *ended, rest = chunk.split(b",")
            if ended:
                ended[0] = b"".join([*partial, ended[0]])
                partial.clear()
            partial.append(rest)
            messages = ended
            with self.answered:
                for raw in messages:
                    answer = json.loads(base64.b64decode(raw))
                    payload = answer.get("payload") or {}
                    if payload.get("type") == "Error" and not self.failure:
                        self.failure = str(payload.get("message"))
                    self.answers[answer.get("message_id") or 0] = payload
                self.answered.notify_all()
        self._fail("tiến trình Pagefind dừng giữa chừng")

    def _answer(self, message_id: int) -> dict[str, object]:
        with self.answered:
            self.answered.wait_for(lambda: message_id in self.answers or bool(self.failure), TIMEOUT_S)
            if self.failure or message_id not in self.answers:
                raise IndexingFailed(f"Pagefind báo lỗi khi tạo chỉ mục tìm kiếm: {self.failure or 'quá thời gian chờ'}.")
            return self.answers[message_id]

    def _write(self) -> None:
        try:
            self.proc.stdin.flush()  # type: ignore[union-attr]
            self.index_id = int(self._answer(1)["index_id"])  # type: ignore[call-overload]
            while (item := self.pending.get()) is not None:
                url, lite = item
                self._send({"type": "AddFile", "index_id": self.index_id, "url": url, "file_path": None,
                            "file_contents": lite})
            self.proc.stdin.flush()  # type: ignore[union-attr]
        except (OSError, ValueError, IndexingFailed) as exc:
            self._fail(f"không gửi được trang cho Pagefind ({exc})")

    def add(self, url: str, html: str) -> None:
        """Queue one rendered model page (`url` from the site root, e.g. `/mo-hinh/<slug>/`)."""
        self.pages += 1
        self.pending.put((url, _lite(html)))

    def finish(self, site: Path) -> IndexStats:
        """Wait for every page, write `site/pagefind/`, stop the process; IndexingFailed on any error."""
        started = time.perf_counter()
        bundle = Path(site) / BUNDLE
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            self.pending.put(None)
            self.writer.join(TIMEOUT_S)
            self._answer(1 + self.pages)  # NewIndex, then one AddFile per page, answered in order
            assert self.index_id is not None
            # GetFiles, not WriteFiles: Pagefind answers WriteFiles while its writes are still in flight
            # and, once its input closes, exits without finishing them (seen: an empty
            # wasm.unknown.pagefind or pagefind-worker.js about one build in ten). GetFiles hands over
            # every file's bytes in the answer, and they are written here, whole.
            message_id = self._send({"type": "GetFiles", "index_id": self.index_id})
            self.proc.stdin.flush()  # type: ignore[union-attr]
            files = self._answer(message_id).get("files")
            with self.answered:
                del self.answers[message_id]  # the whole index, base64: not kept past the build
            _write_bundle(bundle, files)
        except (OSError, ValueError) as exc:  # base64's binascii.Error is a ValueError
            raise IndexingFailed(f"Không gửi được lệnh cho Pagefind ({exc}).") from None
        finally:
            self.close()
        _tidy(bundle)
        return IndexStats(self.pages, time.perf_counter() - started)

    def close(self) -> None:
        """Stop the Pagefind process (also when the build failed half-way)."""
        self.pending.put(None)
        if self.proc.poll() is None:
            # Closing its input lets Pagefind exit by itself; terminate only if it hangs.
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]
                self.proc.wait(timeout=30)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
