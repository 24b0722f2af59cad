"""Search benchmark: what a visitor downloads to search, and what indexing adds to the build.

    python bench/bench_search.py [N] [--no-material] [--work DIR] [--keep]
                                 [--generator PATH] [--query Q ...] [--type-delay MS]
    python bench/bench_search.py --site DIR   # the browser part only, on a site already built

In one run, for N synthetic dossiers (default 10,000, from `bench/generate.py N OUTDIR`):

1. the dvk build with its search index (search/dvk_index.py) and without search (`search: false`):
   wall time and CPU time (with children, so the indexing process counts), the wait on the index
   after the last page (from the plugin's log);
2. unless --no-material, the same model pages as a plain Material for MkDocs site with its built-in
   `search` plugin (bench/bench_site.py's conversion): the size of `search/search_index.json`,
   which every visitor of that site downloads before the first result;
3. in headless chromium (Debian's /usr/bin/chromium, a fresh cache per visit), the search page
   `tim-kiem/?q=…` loaded and answered: every byte transferred (Playwright's request sizes), split
   into the page itself (HTML, theme) and search (the index files, including the prefix files `p/`
   and the excerpts `x/`, dvk-search.*, dvk-index.js, dvk-mark.js, dvk-suggest.js,
   tim-kiem/bo-loc.json); time to the first result drawn; then a second query typed key by key
   into the loaded page; and the catalogue `danh-muc/` with two filters;
4. the same queries typed key by key (--type-delay ms apart, as a person does, so the last word is
   searched as a prefix while it is typed) on a fresh visit of the search page, and in the header
   box of a fresh home page (the suggestion panel): everything the browser fetched until the
   answer to the whole query is drawn.

Numbers only: nothing here asserts a timing. Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_site import ENV, dvk_project, generate, plain_project  # noqa: E402  (same folder)

from dvk_build.vietnamese import fold  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
READY = """() => { const m = document.getElementById("dvk-finder");
  return !!m && !m.hasAttribute("aria-busy") && !!m.querySelector(".dvk-status"); }"""
SEARCH_PARTS = ("/tim-kiem/chi-muc/", "/assets/dvk-search.", "/assets/dvk-index.js", "/assets/dvk-mark.js",
                "/assets/dvk-suggest.js", "/tim-kiem/bo-loc.json")
INDEX_PREFIX = "/tim-kiem/chi-muc/"
# The index's files by kind (dvk_build/search/dvk_index.py): which part of a visit's bytes each takes.
KINDS = {"t/": "terms", "p/": "prefixes", "x/": "excerpts", "m/": "results"}
SUGGEST_DONE = """(q) => { const s = document.querySelector("#dvk-suggest .dvk-suggest__status");
  return !!s && s.textContent.includes("“" + q + "”"); }"""
TEXT_TYPES = (".js", ".css", ".html", ".json", "/")  # what a web server would gzip on the fly


# --- building ------------------------------------------------------------------------------------


# Runs a command and reports its wall time and the CPU time of it and its descendants (the indexing
# process included): on a shared machine the wall time also measures the neighbours' load.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "wall": wall, "cpu": r.ru_utime + r.ru_stime, "log": proc.stderr[-4000:]}))
"""


def timed_build(config: Path) -> dict[str, Any]:
    """Wall and CPU seconds of `mkdocs build` in a fresh process, and the wait on the index after the last page."""
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    proc = subprocess.run(cmd, cwd=config.parent, env=ENV, capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    if data["rc"] != 0:
        raise SystemExit(f"mkdocs build failed for {config}:\n{data['log']}")
    waited = re.search(r"thêm ([\d.]+) giây sau trang cuối", data["log"])
    data["after_last_page"] = float(waited.group(1)) if waited else 0.0
    return data


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the browser ---------------------------------------------------------------------------------


@dataclass
class Transfer:
    """Every response of one visit: URL path → bytes as transferred, and as a gzipping server would send."""

    wire: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, wire: int, body: bytes | None) -> None:
        self.wire[path] = self.wire.get(path, 0) + wire
        text = body is not None and path.endswith(TEXT_TYPES) and not body[:2] == b"\x1f\x8b"
        self.gzipped[path] = self.gzipped.get(path, 0) + (len(gzip.compress(body, 6)) if text else wire)

    def total(self, search_only: bool = False, compressed: bool = False) -> int:
        sizes = self.gzipped if compressed else self.wire
        return sum(v for k, v in sizes.items() if not search_only or k.startswith(SEARCH_PARTS))

    def largest(self, prefix: str) -> tuple[str, int]:
        found = [(k, v) for k, v in self.wire.items() if k.startswith(prefix)]
        return max(found, key=lambda kv: kv[1]) if found else ("", 0)

    def count(self, prefix: str) -> int:
        return sum(1 for k in self.wire if k.startswith(prefix))

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Index bytes (as sent) and requests per kind of file: terms, prefixes, excerpts, results."""
        out: dict[str, tuple[int, int]] = {}
        for folder, kind in KINDS.items():
            found = [v for k, v in self.wire.items() if k.startswith(INDEX_PREFIX + folder)]
            out[kind] = (sum(found), len(found))
        return out


def serve(directory: Path) -> tuple[str, Any]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


class Visit:
    """A fresh browser context (empty cache) that records what it transfers."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.transfer = Transfer()
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", None), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        path = urlparse(request.url).path
        try:
            sizes = request.sizes()
        except Exception:  # the event came after the visit's context closed: late, not part of the answer
            return
        response = request.response()
        try:
            body = response.body() if response else None
        except Exception:  # a worker's response body is not always readable; its size still is
            body = None
        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if body is not None:  # the worker's script reports its headers only; its body did cross the wire
            wire = max(wire, sizes["responseHeadersSize"] + len(body))
        self.transfer.add(path, wire, body)

    def ready(self, timeout: float = 120_000) -> None:
        self.page.wait_for_function(READY, timeout=timeout)

    def close(self) -> None:
        self.context.close()


def first_result_after(visit: Visit, action: Any) -> float:
    """Seconds from `action` until the search interface has drawn its results (or said there are none)."""
    started = time.perf_counter()
    action()
    visit.page.wait_for_function(
        "() => document.querySelector('.dvk-results .dvk-entry') || /Không/.test(document.querySelector('.dvk-status')?.textContent || '')",
        timeout=120_000)
    return time.perf_counter() - started


def type_slowly(visit: Visit, selector: str, text: str, delay_ms: float) -> None:
    """Type `text` key by key into the box, `delay_ms` apart, as a person does (every input event fires)."""
    box = visit.page.locator(selector)
    box.click()
    box.press_sequentially(text, delay=delay_ms)


def typed_visits(browser: Any, base: str, queries: list[str], delay_ms: float) -> list[dict[str, Any]]:
    """Each query typed on a fresh search page, then in the header box of a fresh home page."""
    rows: list[dict[str, Any]] = []
    for q in queries:
        visit = Visit(browser, base)
        visit.page.goto(f"{base}tim-kiem/")
        visit.ready()
        box = '#dvk-finder input[name="q"]'
        started = time.perf_counter()
        type_slowly(visit, box, q, delay_ms)
        typed = time.perf_counter() - started
        visit.page.wait_for_function(
            """(q) => { const m = document.getElementById("dvk-finder"); const s = m && m.querySelector(".dvk-status");
              return !!s && !m.hasAttribute("aria-busy") && s.textContent.includes("“" + q + "”"); }""", arg=q, timeout=120_000)
        seconds = time.perf_counter() - started - typed
        time.sleep(0.5)
        rows.append({"what": f"typed on tim-kiem/: {q}", "surface": "page", "first_result_s": seconds,
                     "transfer": visit.transfer, "status": visit.page.locator(".dvk-status").inner_text(),
                     "errors": list(visit.errors)})
        visit.close()
    for q in queries:
        visit = Visit(browser, base)
        visit.page.goto(base, wait_until="networkidle")
        visit.transfer = Transfer()  # the home page itself is not the search's doing
        started = time.perf_counter()
        type_slowly(visit, "#dvk-hsearch-q", q, delay_ms)
        typed = time.perf_counter() - started
        visit.page.wait_for_function(SUGGEST_DONE, arg=q, timeout=120_000)
        seconds = time.perf_counter() - started - typed
        time.sleep(0.5)
        rows.append({"what": f"typed in the header: {q}", "surface": "header", "first_result_s": seconds,
                     "transfer": visit.transfer,
                     "status": visit.page.locator("#dvk-suggest .dvk-suggest__status").inner_text(),
                     "errors": list(visit.errors)})
        visit.close()
    return rows


def browse(site: Path, queries: list[str], catalogue_filters: str, delay_ms: float = 150) -> list[dict[str, Any]]:
    """Visits of the search page (one fresh visit per query) and of the filtered catalogue."""
    from playwright.sync_api import sync_playwright

    base, httpd = serve(site)
    rows: list[dict[str, Any]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for i, q in enumerate(queries):
                visit = Visit(browser, base)
                url = f"{base}tim-kiem/?q={quote(q)}"
                seconds = first_result_after(visit, lambda: visit.page.goto(url))
                visit.ready()
                time.sleep(0.5)  # late fetches (prefetched fragments) count too
                row = {"what": f"tim-kiem/?q={q}", "first_result_s": seconds, "transfer": visit.transfer,
                       "status": visit.page.locator(".dvk-status").inner_text(), "errors": list(visit.errors)}
                if i == 0 and len(queries) > 1:
                    # a second query typed key by key on the loaded page: only what it needs more
                    visit.transfer = Transfer()
                    box = '#dvk-finder input[name="q"]'
                    visit.page.locator(box).fill("")
                    second = queries[-1]
                    started = time.perf_counter()
                    type_slowly(visit, box, second, delay_ms)
                    visit.page.locator(box).press("Enter")
                    visit.page.wait_for_function(
                        """(q) => { const m = document.getElementById("dvk-finder");
                          return !m.hasAttribute("aria-busy") && m.querySelector(".dvk-status").textContent.includes("“" + q + "”"); }""",
                        arg=second, timeout=120_000)
                    row2_s = time.perf_counter() - started
                    time.sleep(0.5)
                    rows.append(row)
                    row = {"what": f"then typed “{second}” (key by key, then Enter; time includes typing)",
                           "first_result_s": row2_s, "transfer": visit.transfer,
                           "status": visit.page.locator(".dvk-status").inner_text(), "errors": list(visit.errors)}
                rows.append(row)
                visit.close()
            visit = Visit(browser, base)
            seconds = first_result_after(visit, lambda: visit.page.goto(f"{base}danh-muc/?{catalogue_filters}"))
            visit.ready()
            time.sleep(0.5)
            rows.append({"what": f"danh-muc/?{catalogue_filters}", "first_result_s": seconds, "transfer": visit.transfer,
                         "status": visit.page.locator(".dvk-status").inner_text(), "errors": list(visit.errors)})
            visit.close()
            rows += typed_visits(browser, base, queries, delay_ms)
            browser.close()
    finally:
        httpd.shutdown()
    return rows


# --- the run -------------------------------------------------------------------------------------


def lenient(config: Path, site: Path) -> tuple[Path, Path]:
    """The project without `strict`: a warning in a page being edited by someone else does not stop the run."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["strict"] = False
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config, site


# What people type, mostly without diacritics (the examples first), and two with them.
QUERIES = ["dan van", "nong thon moi", "khuyen hoc", "camera an ninh", "rac thai", "tu quan", "hoa giai",
           "chuyen doi so", "đường giao thông", "cựu chiến binh"]


def pick_queries(models: Path, extra: list[str]) -> list[str]:
    """A query from a generated title (2 words, without diacritics), the usual queries, and any given."""
    files = sorted(models.rglob("*.md"))
    random.seed(4)
    title = ""
    for path in random.sample(files, min(20, len(files))):
        found = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        if found:
            title = found.group(1).strip().strip("'\"")
            break
    words = [w for w in re.findall(r"\w+", unicodedata.normalize("NFC", title)) if len(w) > 2][:2]
    return [fold(" ".join(words)) or "mo hinh", *QUERIES, *extra]


def catalogue_filters(site: Path) -> str:
    """Two facets of the generated catalogue: its most common tier and field (tim-kiem/bo-loc.json)."""
    data = json.loads((site / "tim-kiem" / "bo-loc.json").read_text(encoding="utf-8"))
    facets = {f["key"]: f["values"] for f in data["facets"]}
    tier = facets["cap"][-1]["value"] if facets.get("cap") else ""
    fields = facets.get("linh-vuc") or []
    return f"cap={tier}&linh-vuc={fields[0]['value']}" if fields else f"cap={tier}"


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """Median, 90th percentile (nearest rank) and largest of a list."""
    v = sorted(values)
    return v[len(v) // 2], v[max(0, math.ceil(0.9 * len(v)) - 1)], v[-1]


def summary_line(label: str, rows: list[dict[str, Any]]) -> str:
    bytes_ = percentiles([r["transfer"].total(True, True) for r in rows])
    times = percentiles([r["first_result_s"] for r in rows])
    kinds = {kind: percentiles([r["transfer"].by_kind()[kind][0] for r in rows])[0] for kind in KINDS.values()}
    return (f"| {label} | {len(rows)} | **{kb(bytes_[0])}** | {kb(bytes_[1])} | {kb(bytes_[2])} | "
            + " | ".join(kb(kinds[k]) for k in KINDS.values())
            + f" | {times[0]:.2f} s | {times[2]:.2f} s |")


def report(n: int, times: dict[str, dict[str, Any]] | None, material: dict[str, int] | None,
           index: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    prefix = INDEX_PREFIX
    label = "dvk index, built in a worker process while MkDocs writes"

    def share(x: float, of: float) -> str:
        return f"{x:.1f} ({x / of:.0%})"

    lines = [f"### {n:,} dossiers, dvk index", ""]
    if times:
        on, off = times["dvk"], times["dvk, search: false"]
        lines += [
            "| build | wall s | CPU s (with children) |", "|---|---:|---:|",
            f"| dvk, `search: false` | {off['wall']:.1f} | {off['cpu']:.1f} |",
            f"| dvk ({label}) | {on['wall']:.1f} | {on['cpu']:.1f} |",
            f"| added by search (share of the build without it) | {share(on['wall'] - off['wall'], off['wall'])} | "
            f"{share(on['cpu'] - off['cpu'], off['cpu'])} |",
            f"| of which the wait after the last page | {share(on['after_last_page'], off['wall'])} | |",
        ]
        if material:
            lines.append(f"| plain Material, `search` plugin on | {times['material']['wall']:.1f} | {times['material']['cpu']:.1f} |")
        lines.append("")
    lines += [index["summary"]]
    if material:
        lines.append(f"Material's `search/search_index.json`: {kb(material['raw'])} ({kb(material['gzip'])} gzipped), "
                     "downloaded whole by every visitor who searches.")
    kinds = " | ".join(KINDS.values())
    lines += [
        "",
        f"| visit (fresh cache) | to result | search bytes | search, gzip text | whole visit | whole, gzip text | "
        f"{kinds} (index bytes, requests) | largest index file |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(KINDS) + "---|",
    ]
    for r in rows:
        t: Transfer = r["transfer"]
        big = t.largest(prefix)
        split = " | ".join(f"{kb(b)} ({c})" for b, c in t.by_kind().values())
        lines.append(f"| `{r['what']}` ({r['status']}) | {r['first_result_s']:.2f} s | {kb(t.total(True))} | "
                     f"{kb(t.total(True, True))} | {kb(t.total())} | {kb(t.total(False, True))} | {split} | "
                     f"{big[0].split(prefix, 1)[-1]} {kb(big[1])} |")
        if r["errors"]:
            lines.append(f"|  console errors: {'; '.join(r['errors'])[:200]} |" + "|" * (6 + len(KINDS)))
    groups = [
        ("first search, `tim-kiem/?q=…` (fresh visit)", [r for r in rows if r["what"].startswith("tim-kiem/")]),
        ("typed key by key on a fresh `tim-kiem/`", [r for r in rows if r.get("surface") == "page"]),
        ("typed key by key in the header box of a fresh home page", [r for r in rows if r.get("surface") == "header"]),
    ]
    lines += ["", "Search bytes with gzip text (what a compressing server sends), per visit; index bytes per kind: medians;"
              " time: to the answer (typed: after the last key).", "",
              f"| visit | queries | median | p90 | max | {kinds} | time median | time max |",
              "|---|---:|---:|---:|---:|" + "---:|" * len(KINDS) + "---:|---:|"]
    lines += [summary_line(label, group) for label, group in groups if group]
    return "\n".join(lines)


def dvk_stats(site: Path) -> dict[str, Any]:
    folder = site / "tim-kiem" / "chi-muc"
    entry = json.loads((folder / "entry.json").read_text(encoding="utf-8"))
    shards = sorted(f.stat().st_size for f in (folder / "t").glob("*.json.gz"))
    chunks = sorted(f.stat().st_size for f in (folder / "m").glob("*.json.gz"))
    files = sum(1 for f in folder.rglob("*") if f.is_file())
    return {"summary": f"dvk index: {entry['pages']:,} pages, {kb(size(folder))} on disk ({files:,} files): "
            f"{len(shards):,} term shards (median {kb(shards[len(shards) // 2])}, largest {kb(shards[-1])}), "
            f"{len(chunks):,} result files of {entry['chunk']} pages (median {kb(chunks[len(chunks) // 2])}), "
            f"filters {kb(size(folder / 'filters.json.gz'))}, title order {kb(size(folder / 'title.json.gz'))}."}


def run_site(site: Path, models: Path, extra_queries: list[str], delay_ms: float) -> str:
    """The browser part alone, on a site built before (and the dossiers it was built from, for a query)."""
    index = dvk_stats(site)
    rows = browse(site, pick_queries(models, extra_queries), catalogue_filters(site), delay_ms)
    n = sum(1 for _ in models.rglob("*.md"))
    return report(n, None, None, index, rows)


def run(n: int, work: Path, generator: Path, extra_queries: list[str], with_material: bool, delay_ms: float) -> str:
    models = generate(n, work / "models", generator)
    with_cfg, with_site = lenient(*dvk_project(work / "dvk", models, {}))
    without_cfg, without_site = lenient(*dvk_project(work / "dvk-nosearch", models, {"search": False}))
    times = {"dvk, search: false": timed_build(without_cfg), "dvk": timed_build(with_cfg)}
    print(f"<!-- builds: { {k: round(v['wall'], 1) for k, v in times.items()} } -->", flush=True)
    index = dvk_stats(with_site)
    material = None
    if with_material:
        material_cfg, material_site = plain_project(work / "plain", with_site, search=True, menu=False)
        times["material"] = timed_build(material_cfg)
        raw = (material_site / "search" / "search_index.json").read_bytes()
        material = {"raw": len(raw), "gzip": len(gzip.compress(raw, 6))}
    rows = browse(with_site, pick_queries(models, extra_queries), catalogue_filters(with_site), delay_ms)
    return report(n, times, material, index, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--generator", type=Path, default=ROOT / "bench" / "generate.py",
                        help="script called as `GENERATOR N OUTDIR` (default: bench/generate.py)")
    parser.add_argument("--query", action="append", default=[], help="another query to measure (repeatable)")
    parser.add_argument("--no-material", action="store_true", help="skip the plain Material comparison")
    parser.add_argument("--type-delay", type=float, default=150, help="ms between keys of a typed query (default 150)")
    parser.add_argument("--site", type=Path, help="measure this built site only (no build); its dossiers are "
                        "DIR/../../models, as --work --keep leaves them")
    args = parser.parse_args(argv)
    if args.site:
        print(run_site(args.site, args.site.parent.parent / "models", args.query, args.type_delay))
        print(f"\nCommand: `python bench/bench_search.py --site {args.site}`", flush=True)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(run(args.n, work, args.generator, args.query, not args.no_material, args.type_delay))
        flags = " --no-material" if args.no_material else ""
        print(f"\nCommand: `python bench/bench_search.py {args.n}{flags}`", flush=True)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
