"""The dvk search index: small gzipped static files read by assets/dvk-index.js, built from the catalogue."""

# A first search must download little (bench/README.md: bench_search.py). Engines that store every
# position of every word grow heavy, as Vietnamese syllables occur dozens of times on every page;
# this index keeps, per (term, page), one quantized weight and a bitmask of the exact spellings on
# that page; nothing else. Files, under `tim-kiem/chi-muc/`:
#
# - `entry.json`: counts, the shard count, a version that busts browser caches (fetched every visit);
# - `t/<k>.json.gz`: terms whose FNV-1a hash is k modulo the shard count. A term is a folded syllable
#   or two adjacent folded syllables; its value is `[spellings, page deltas, weights, masks]`;
# - `m/<k>.json.gz`: what a result shows of pages k*CHUNK… (url, meta, filters), read for drawn results;
# - `filters.json.gz`: every page's facet values, for filters and their counts;
# - `title.json.gz`: page ids in dictionary order of titles (`sort: {title: "asc"}`);
# - `p/<k>.json.gz`: folded syllables of two letters or more, with the number of pages holding
#   each, by the FNV-1a hash of their first two letters: what the last word typed may complete to,
#   and whether it is a word at all (no term file fetched for a syllable half typed);
# - `x/<page>.json.gz`: the page's searched text, plain and cut at EXCERPT_CHARS, fetched only for
#   a result drawn on screen, for an excerpt where the query's words occur.
#
# Page ids are the catalogue's order (newest recognition first), so date order costs nothing.
# Every file is a function of the catalogue alone: same dossiers, same bytes (gzip with mtime 0).

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import math
import re
import shutil
from array import array
from contextlib import closing
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..model import Model
from ..vietnamese import sort_key
from ..workers import SiteFolder, read_spool
from .facets import filters_of, holder_of, meta_of, place_of
from .terms import page_terms, shard_of

FOLDER = "tim-kiem/chi-muc"
ENTRY = "entry.json"
FORMAT = 4  # 3: p/ lists syllables of two letters too; 4: result files (m/) of 8 pages
CHUNK = 8  # pages per result file (dvk-index.js reads it from entry.json): a key typed draws ten results
# over nearly as many files, so each file carries few pages that are not shown
# Field weights: a word of the title counts as ten of the body. Holder and place are what people
# search by ("hội phụ nữ", a commune); the problem solved is the model's subject in few words.
TITLE, SUMMARY, WHO, PROBLEM, TEXT = 10, 4, 3, 2, 1  # whole numbers: a weight repeats the words
# BM25 term-frequency saturation over field-weighted counts. K1 above the usual 1.2 keeps a title
# word clearly above one body mention once quantized; B below 0.75 because dossiers are long for
# reasons (steps, monitoring) that say little about their subject.
K1, B = 2.0, 0.5
LEVELS = 15  # weights 1..15: half a byte of entropy per posting, enough to order results
MAX_SPELLINGS = 30  # bits of a posting's mask (JavaScript bit operations are 32-bit, signed)
RAW_PER_PREFIX_SHARD = 24_000  # JSON bytes per prefix file: a few KB gzipped, fetched as a word is typed
EXCERPT_CHARS = 3_000  # of a page's text kept for excerpts: a ~1 KB fetch per result drawn
RAW_PER_SHARD = 48_000  # JSON bytes per term shard: small enough to fetch per word, few enough files
# Data keys indexed apart (weighted above) or never searched (contact details, machine values).
_SKIP_KEYS = {"title", "summary", "holder", "locality", "contact", "fields", "recognitions", "period", "slug"}
_MACHINE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^https?://|@")  # slugs, ids, links, e-mail addresses


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

    # Millions of postings at province scale: two bytes a page and a count while they fit (`_append`
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


def _gzip(data: Any) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)  # no time in the header: reproducible


# What the index needs of one model, as plain values: the weighted texts, what a result shows, the
# facet values and the title's sort key.
Record = tuple[list[tuple[str, int]], dict[str, Any], list[tuple[str, str]], str, str]
_MARKUP = re.compile(r"[#*_`>|\[\]]+|\]\([^)]*\)|<[^>]+>")  # Markdown and HTML marks, not words


def record(m: Model) -> Record:
    parts = fields(m)
    text = " ".join(" ".join(_MARKUP.sub(" ", t).split()) for t, weight in parts[3:] if t)  # problem, data, body
    return parts, _result(m), filters_of(m), sort_key(m.title), text[:EXCERPT_CHARS]


def write_from_spool(spool: str, folder: str, build_process: int) -> int:
    """`build` of a spool file's models (workers.py), its files written under `folder` by the worker; how many.

    Written while the build process renders pages, not handed back to it (pickled, then written after the
    last page). The caller removes any earlier index first (`write` does both for an index made in memory).
    """
    gc.disable()  # the index makes no reference cycles: the collector would only walk it again and again
    try:
        files = build(read_spool(spool))
    finally:
        gc.enable()
    count = len(files)
    with closing(SiteFolder(folder, build_process)) as out:
        for path in list(files):
            out.write(f"{FOLDER}/{path}", files.pop(path))  # each file's bytes let go once written
    return count


def build(models: Iterable[Model]) -> dict[str, bytes]:
    """Every file of the index (path under FOLDER → bytes) for the published models, in catalogue order.

    Each model's `record` is read once, in order (a stream: texts are dropped as read).
    """
    index: dict[str, _Postings] = {}
    lengths = array("I")
    files: dict[str, bytes] = {}
    results: list[dict[str, Any]] = []  # the last CHUNK pages': each metadata file is written when full
    facets: list[list[tuple[str, str]]] = []
    titles: list[str] = []
    page = -1
    for page, (parts, result, filters, title, text) in enumerate(map(record, models)):
        files[f"x/{page}.json.gz"] = _gzip(text)
        results.append(result)
        if len(results) == CHUNK:
            files[f"m/{page // CHUNK}.json.gz"] = _gzip(results)
            results = []
        facets.append(filters)
        titles.append(title)
        counted, length = page_terms(parts)
        del parts
        # term → [weighted count, mask of spellings, postings]: a term's postings looked up once per page
        seen: dict[str, list[Any]] = {}
        for (term, spelling), n in counted.items():
            entry = seen.get(term)
            if entry is None:
                postings = index.get(term)
                if postings is None:
                    postings = index[term] = _Postings()
                try:  # (inline `_append`: a call per posting is a good part of the loop)
                    postings.pages.append(page)
                except OverflowError:
                    postings.pages = _append(postings.pages, page)
                entry = seen[term] = [n, 0, postings]
            else:
                entry[0] += n
                postings = entry[2]
            spellings = postings.spellings
            bit = spellings.get(spelling)
            if bit is None and len(spellings) < MAX_SPELLINGS:
                bit = spellings[spelling] = len(spellings)
            if bit is not None:
                entry[1] |= 1 << bit
        lengths.append(length)
        for tf, mask, postings in seen.values():
            try:
                postings.tf.append(tf)
            except OverflowError:
                postings.tf = _append(postings.tf, tf)
            if postings.masks is not None:
                postings.masks.append(mask)
            elif len(postings.spellings) > 1:  # a second spelling: masks from now on, 1 (bit 0) before
                postings.masks = array("I", [1] * (len(postings.tf) - 1) + [mask])
    if results:
        files[f"m/{page // CHUNK}.json.gz"] = _gzip(results)
    pages = page + 1
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    # BM25's length normalisation per page, once: a term's weight is then tf·LEVELS/(tf + norm), quantized
    norms = [K1 * (1 - B + B * length / avg) for length in lengths]

    files.update(_prefix_files(index))
    encoded: dict[str, bytes] = {}  # UTF-8: half the memory of the str (Vietnamese makes it 2 bytes a letter)
    chars = 0  # what the shard count is computed from, as before: characters, not bytes
    for term in sorted(index):
        p = index.pop(term)  # each term's postings freed once encoded
        pages_of = p.pages
        deltas = [b - a for a, b in zip(pages_of, pages_of[1:])]
        deltas.insert(0, pages_of[0])
        # never above LEVELS (no min()): a norm is never negative, so tf·LEVELS/(tf + norm) <= LEVELS
        weights = [round(tf * LEVELS / (tf + norms[page])) or 1 for page, tf in zip(pages_of, p.tf)]
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
        # level 6, not 9: the shards are most of the index's bytes, and 9 costs far more CPU (bench/README.md)
        files[f"t/{k}.json.gz"] = gzip.compress(raw, compresslevel=6, mtime=0)
    files["filters.json.gz"] = _gzip(_facets(facets))
    files["title.json.gz"] = _gzip(sorted(range(len(titles)), key=lambda i: (titles[i], i)))
    version = hashlib.sha256()
    for path in sorted(files):
        version.update(path.encode() + b"\0" + files[path])
    entry = {"format": FORMAT, "pages": pages, "shards": shards, "chunk": CHUNK, "levels": LEVELS,
             "prefixes": sum(1 for path in files if path.startswith("p/")),
             "version": version.hexdigest()[:16]}
    files[ENTRY] = json.dumps(entry, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return files


def _prefix_files(index: dict[str, _Postings]) -> dict[str, bytes]:
    """`p/<k>.json.gz`: every folded syllable of two letters or more and its page count, by its first two letters."""
    words = {term: len(p.pages) for term, p in index.items() if " " not in term and len(term) >= 2}
    shards = max(1, math.ceil(sum(len(w) + 6 for w in words) / RAW_PER_PREFIX_SHARD))
    groups: list[dict[str, int]] = [{} for _ in range(shards)]
    for word in sorted(words):
        groups[shard_of(word[:2], shards)][word] = words[word]
    return {f"p/{k}.json.gz": _gzip(group) for k, group in enumerate(groups)}


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


def read_urls(site: Path) -> list[str] | None:
    """The page URLs of a written index, one per record (None when the site has no dvk index)."""
    folder = Path(site) / FOLDER
    if not (folder / ENTRY).is_file():
        return None
    urls: list[str] = []
    for chunk in sorted((folder / "m").glob("*.json.gz")):  # every file: one beyond the count is an error too
        urls += [str(r.get("url", "")) for r in json.loads(gzip.decompress(chunk.read_bytes()))]
    return urls
