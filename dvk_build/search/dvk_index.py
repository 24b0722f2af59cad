"""The dvk search index: small gzipped static files read by assets/dvk-index.js, built from the catalogue."""

# Pagefind stores every position of every word, and Vietnamese syllables occur dozens of times on
# every page: a first search downloaded 340 KB-1 MB at 10,000 dossiers (bench/README.md). This index
# keeps, per (term, page), one quantized weight and a bitmask of the exact spellings on that page;
# nothing else. Files, under `tim-kiem/chi-muc/`:
#
# - `entry.json`: counts, the shard count, a version that busts browser caches (fetched every visit);
# - `t/<k>.json.gz`: terms whose FNV-1a hash is k modulo the shard count. A term is a folded syllable
#   or two adjacent folded syllables; its value is `[spellings, page deltas, weights, masks]`;
# - `m/<k>.json.gz`: what a result shows of pages k*CHUNK… (url, meta, filters), read for drawn results;
# - `filters.json.gz`: every page's facet values, for filters and their counts;
# - `title.json.gz`: page ids in dictionary order of titles (`sort: {title: "asc"}`).
#
# Page ids are the catalogue's order (newest recognition first), so date order costs nothing.
# Every file is a function of the catalogue alone: same dossiers, same bytes (gzip with mtime 0).

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import math
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import tempfile
import threading
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..children import die_with
from ..model import Catalogue, Model
from .fold import sort_key
from .records import filters_of, holder_of, meta_of, place_of
from .terms import page_terms, shard_of

FOLDER = "tim-kiem/chi-muc"
ENTRY = "entry.json"
FORMAT = 1
CHUNK = 16  # pages per metadata file: one file answers a page of the catalogue (20 newest)
# Field weights: a word of the title counts as ten of the body. Holder and place are what people
# search by ("hội phụ nữ", a commune); the problem solved is the model's subject in few words.
TITLE, SUMMARY, WHO, PROBLEM, TEXT = 10, 4, 3, 2, 1  # whole numbers: a weight repeats the words
# BM25 term-frequency saturation over field-weighted counts. K1 above the usual 1.2 keeps a title
# word clearly above one body mention once quantized; B below 0.75 because dossiers are long for
# reasons (steps, monitoring) that say little about their subject.
K1, B = 2.0, 0.5
LEVELS = 15  # weights 1..15: half a byte of entropy per posting, enough to order results
MAX_SPELLINGS = 30  # bits of a posting's mask (JavaScript bit operations are 32-bit, signed)
RAW_PER_SHARD = 48_000  # JSON bytes per term shard: about 10 KB once gzipped (bench/README.md)
# Data keys indexed apart (weighted above) or never searched (contact details, machine values).
_SKIP_KEYS = {"title", "summary", "holder", "locality", "contact", "fields", "recognitions", "period", "slug"}
_MACHINE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^https?://|@")  # slugs, ids, links, e-mail addresses


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    bytes: int
    seconds: float  # what indexing added after the last page was written


def _strings(value: Any, key: str = "") -> Iterator[str]:
    """The free text of a dossier's data, depth first, without machine values."""
    if isinstance(value, str):
        if not _MACHINE.search(value):
            yield value
    elif isinstance(value, dict):
        for k, item in value.items():
            if k not in _SKIP_KEYS and not (key == "idea" and k == "problem"):
                yield from _strings(item, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def fields(m: Model) -> list[tuple[str, int]]:
    """The searched text of a model with the weight of each part."""
    idea = m.data.get("idea") or {}
    who = " ".join([holder_of(m), str(m.holder.get("party_body") or ""), place_of(m),
                    m.commune_today, m.province])
    return [(m.title, TITLE), (m.summary, SUMMARY), (who, WHO), (str(idea.get("problem") or ""), PROBLEM),
            ("\n".join(_strings(m.data)), TEXT), (m.body, TEXT)]


class _Postings:
    """One term: the pages it is on, its weighted frequency there, and which spellings."""

    # Millions of postings at 10,000 dossiers: two bytes a page and a count while they fit (`_append`
    # widens the array when one does not), and no masks while a term has one spelling (all would be 1).
    __slots__ = ("pages", "tf", "masks", "spellings")

    def __init__(self) -> None:
        self.pages = array("H")
        self.tf = array("H")
        self.masks: array[int] | None = None
        self.spellings: dict[str, int] = {}  # spelling → bit, in order of first appearance


def _append(numbers: array[int], n: int) -> array[int]:
    """`numbers` with `n` appended: the same array, or a wider copy when `n` does not fit."""
    try:
        numbers.append(n)
    except OverflowError:
        numbers = array("I", numbers)
        numbers.append(n)
    return numbers


def _quantize(tf: float, length: int, avg: float) -> int:
    w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))
    return max(1, min(LEVELS, round(w / (K1 + 1) * LEVELS)))


def _gzip(data: Any) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)  # no time in the header: reproducible


# What the index needs of one model, as plain values (picklable): the weighted texts, what a result
# shows, the facet values and the title's sort key. The child process gets these, not the models.
Record = tuple[list[tuple[str, int]], dict[str, Any], list[tuple[str, str]], str]


def record(m: Model) -> Record:
    return fields(m), _result(m), filters_of(m), sort_key(m.title)


def build(models: list[Model]) -> dict[str, bytes]:
    """Every file of the index (path under FOLDER → bytes) for the published models, in catalogue order."""
    return build_records(map(record, models))


def build_records(records: Iterable[Record]) -> dict[str, bytes]:
    """`build` from each model's `record`, read once in catalogue order (a stream: texts are dropped as read)."""
    index: dict[str, _Postings] = {}
    lengths = array("I")
    files: dict[str, bytes] = {}
    results: list[dict[str, Any]] = []  # the last CHUNK pages': each metadata file is written when full
    facets: list[list[tuple[str, str]]] = []
    titles: list[str] = []
    page = -1
    for page, (parts, result, filters, title) in enumerate(records):
        results.append(result)
        if len(results) == CHUNK:
            files[f"m/{page // CHUNK}.json.gz"] = _gzip(results)
            results = []
        facets.append(filters)
        titles.append(title)
        counted, length = page_terms(parts)
        del parts
        seen: dict[str, list[int]] = {}  # term → [weighted count, mask of spellings]
        for (term, spelling), n in counted.items():
            postings = index.get(term)
            if postings is None:
                postings = index[term] = _Postings()
            bit = postings.spellings.get(spelling)
            if bit is None and len(postings.spellings) < MAX_SPELLINGS:
                bit = postings.spellings[spelling] = len(postings.spellings)
            entry = seen.get(term)
            if entry is None:
                entry = seen[term] = [0, 0]
                postings.pages = _append(postings.pages, page)
            entry[0] += n
            if bit is not None:
                entry[1] |= 1 << bit
        lengths.append(length)
        for term, (tf, mask) in seen.items():
            postings = index[term]
            postings.tf = _append(postings.tf, tf)
            if postings.masks is not None:
                postings.masks.append(mask)
            elif len(postings.spellings) > 1:  # a second spelling: masks from now on, 1 (bit 0) before
                postings.masks = array("I", [1] * (len(postings.tf) - 1) + [mask])
    if results:
        files[f"m/{page // CHUNK}.json.gz"] = _gzip(results)
    pages = page + 1
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0

    encoded: dict[str, bytes] = {}  # UTF-8: half the memory of the str (Vietnamese makes it 2 bytes a letter)
    chars = 0  # what the shard count is computed from, as before: characters, not bytes
    for term in sorted(index):
        p = index.pop(term)  # each term's postings freed once encoded
        deltas = [p.pages[0], *(b - a for a, b in zip(p.pages, p.pages[1:]))]
        weights = [_quantize(tf, lengths[page], avg) for page, tf in zip(p.pages, p.tf)]
        spellings = list(p.spellings)
        # One spelling (most pairs, many syllables): every mask is 1, left out.
        masks = list(p.masks) if len(spellings) > 1 and p.masks is not None else []
        value = json.dumps([spellings, deltas, weights, masks], ensure_ascii=False, separators=(",", ":"))
        chars += len(term) + len(value)
        encoded[term] = value.encode("utf-8")
    shards = max(1, math.ceil(chars / RAW_PER_SHARD))
    groups: list[list[bytes]] = [[] for _ in range(shards)]
    for term in list(encoded):
        groups[shard_of(term, shards)].append(json.dumps(term, ensure_ascii=False).encode("utf-8") + b":" + encoded.pop(term))

    for k, group in enumerate(groups):
        raw = b"{" + b",".join(group) + b"}"  # terms sorted, as `encoded` was
        groups[k] = []
        files[f"t/{k}.json.gz"] = gzip.compress(raw, compresslevel=9, mtime=0)
    files["filters.json.gz"] = _gzip(_facets(facets))
    files["title.json.gz"] = _gzip(sorted(range(len(titles)), key=lambda i: (titles[i], i)))
    version = hashlib.sha256()
    for path in sorted(files):
        version.update(path.encode() + b"\0" + files[path])
    entry = {"format": FORMAT, "pages": pages, "shards": shards, "chunk": CHUNK, "levels": LEVELS,
             "version": version.hexdigest()[:16]}
    files[ENTRY] = json.dumps(entry, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return files


def _result(m: Model) -> dict[str, Any]:
    """What a drawn result shows of a model (Pagefind's `data()`: url, meta, filters)."""
    filters: dict[str, list[str]] = {}
    for key, value in filters_of(m):
        filters.setdefault(key, []).append(value)
    return {"url": m.url, "meta": dict(meta_of(m)), "filters": filters}


def _facets(pages: Iterable[list[tuple[str, str]]]) -> dict[str, Any]:
    """Per facet, its values and, per page, the index of its value (an int) or values (a list)."""
    values: dict[str, dict[str, int]] = {}
    rows: list[dict[str, list[int]]] = []
    for filters in pages:
        row: dict[str, list[int]] = {}
        for key, value in filters:
            known = values.setdefault(key, {})
            row.setdefault(key, []).append(known.setdefault(value, len(known)))
        rows.append(row)
    columns = {key: [(r[key][0] if len(r[key]) == 1 else r[key]) if key in r else None for r in rows] for key in values}
    return {"values": {key: list(v) for key, v in values.items()}, "pages": columns}


def write(site: Path, files: dict[str, bytes] | None) -> None:
    """Put the index under `site/tim-kiem/chi-muc/` (nothing, and no stale index, when `files` is None)."""
    folder = Path(site) / FOLDER
    shutil.rmtree(folder, ignore_errors=True)  # a stale index would answer for pages no longer built
    for path, data in (files or {}).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class IndexingFailed(Exception):
    """The index could not be built; the message says why, in Vietnamese."""


def _child(models: list[Model], out: int, parent: int) -> None:
    """The forked child: the models' records to a spool file, then a fresh interpreter indexes them.

    After a fork the child maps every page of the build's memory (about 370 MB at 10,000 dossiers,
    counted again in its resident size) for as long as it lives. So it only copies out what the index
    needs (`record`, ~40 MB pickled at 10,000) and replaces itself with a new Python process
    (`_worker`): the indexing itself then needs ~200 MB beside the build instead of ~550 MB.
    """
    die_with(parent)  # PR_SET_PDEATHSIG outlives the exec
    # The build's objects, inherited, are never freed here: keep the collector from walking (and so
    # copying) their memory pages, which the fork shares with the build.
    gc.freeze()
    try:
        spool = tempfile.TemporaryFile()  # unlinked: nothing left behind, however the build ends
        for m in models:
            pickle.dump(record(m), spool, protocol=pickle.HIGHEST_PROTOCOL)
        spool.flush()
        spool.seek(0)
        for fd in (spool.fileno(), out):
            os.set_inheritable(fd, True)
        path = os.pathsep.join(p for p in sys.path if p)  # the modules this build imported
        env = {**os.environ, "PYTHONPATH": path}
        code = "from dvk_build.search.dvk_index import _worker; _worker()"
        try:
            os.execve(sys.executable, [sys.executable, "-c", code, str(spool.fileno()), str(out)], env)
        except OSError:  # no interpreter to start: index here, with the inherited memory
            _index(_read(spool), out)
    except BaseException as exc:  # anything: the parent reports it, the build fails
        _answer(out, ("error", f"{type(exc).__name__}: {exc}"))


def _read(spool: Any) -> Iterator[Record]:
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


def _answer(out: int, answer: tuple[str, Any]) -> None:
    with open(out, "wb", closefd=False) as f:
        f.seek(0)
        f.truncate()
        pickle.dump(answer, f, protocol=pickle.HIGHEST_PROTOCOL)


def _index(records: Iterable[Record], out: int) -> None:
    try:
        answer: tuple[str, Any] = ("ok", build_records(records))
    except BaseException as exc:
        answer = ("error", f"{type(exc).__name__}: {exc}")
    _answer(out, answer)


def _worker() -> None:
    """The indexing process (`_child` execs into it): records from the spool, the files to `out`."""
    gc.disable()  # the index makes no reference cycles; the collector would only walk it again and again
    spool, out = int(sys.argv[1]), int(sys.argv[2])
    with open(spool, "rb") as f:
        _index(_read(f), out)


class Background:
    """The index built in a child process while MkDocs renders the pages, as Pagefind did on the second core.

    The child only computes and hands the bytes back (in an unlinked temporary file, so it can end as
    soon as they are ready, before the build's memory peaks): the build writes them itself, so a build
    stopped half-way leaves no process writing into a folder being cleaned up.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.pages = len(catalogue.models)
        self.started = time.perf_counter()
        self.proc: Any = None
        self.out: Any = None
        self.files: dict[str, bytes] | None = None
        if not catalogue.models:
            return
        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            # No fork (another OS), or threads (`mkdocs serve`) that a fork would copy mid-work: build inline.
            self.files = build(catalogue.models)
            return
        ctx = multiprocessing.get_context("fork")  # the catalogue is shared, not pickled
        self.out = tempfile.TemporaryFile()
        self.proc = ctx.Process(target=_child, args=(catalogue.models, self.out.fileno(), os.getpid()),
                                name="dvk-search-index", daemon=True)
        self.proc.start()

    def finish(self, site: Path) -> IndexStats | None:
        """Wait for the files, write them; IndexingFailed if the child failed. Returns the time waited."""
        waited = time.perf_counter()
        try:
            if self.proc is not None:
                self.proc.join()
                self.out.seek(0)
                try:
                    kind, value = pickle.load(self.out)
                except Exception:  # nothing, or half an answer: the child was stopped
                    kind, value = "error", "tiến trình lập chỉ mục dừng giữa chừng"
                if kind != "ok":
                    raise IndexingFailed(f"Không lập được chỉ mục tìm kiếm: {value}.")
                self.files = value
        finally:
            self.close()
        write(site, self.files)
        if self.files is None:
            return None
        return IndexStats(self.pages, len(self.files), sum(map(len, self.files.values())), time.perf_counter() - waited)

    def close(self) -> None:
        """Stop the child if it still runs (a failed build); harmless after `finish`."""
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.terminate()
                self.proc.join()
            self.proc = None
        if self.out is not None:
            self.out.close()
            self.out = None


def read_urls(site: Path) -> list[str] | None:
    """The page URLs of a written index, one per record (None when the site has no dvk index)."""
    folder = Path(site) / FOLDER
    entry = folder / ENTRY
    if not entry.is_file():
        return None
    urls: list[str] = []
    for chunk in sorted((folder / "m").glob("*.json.gz")):  # every file: one beyond the count is an error too
        urls += [str(r.get("url", "")) for r in json.loads(gzip.decompress(chunk.read_bytes()))]
    return urls
