"""search/canonical.py: Pagefind's filter and metadata indexes in one byte order, named as Pagefind names them."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import cbor2
import pytest

from dvk_build.search import canonical
from dvk_build.search.pagefind_index import COMMAND, ENV, IndexingFailed, _write_bundle

SIG = canonical.SIGNATURE
PAGES = [["vi_0000001", 120], ["vi_0000002", 80], ["vi_0000003", 95]]
CHUNKS = [["a", "m", "vi_1111111"], ["n", "z", "vi_2222222"]]
SORTS = [["date", [2, 0, 1]]]
FIELDS = ["date", "title"]
# filter -> value -> pages; the same content, listed in two different orders below
FILTERS = {
    "cap": {"xa": [0, 2], "tinh": [1], "co-so": [0, 1, 2]},
    "tinh": {"đồng-tháp": [0], "an-giang": [1], "cà-mau": [2]},  # non-ASCII: byte order of UTF-8
    "nam": {"2026": [0], "2024": [1, 2]},
}


def _gz(body: bytes) -> bytes:
    return gzip.compress(SIG + body, mtime=0)


def _bundle(root: Path, filter_order: list[str], reverse_values: bool, tag: str) -> Path:
    """A bundle as Pagefind 1.5 lays it out, with the filters and their values in the given order."""
    bundle = root / "pagefind"
    (bundle / "filter").mkdir(parents=True)
    listed = []
    for i, name in enumerate(filter_order):
        values = list(FILTERS[name].items())
        if reverse_values:
            values.reverse()
        body = cbor2.dumps([name, [[value, pages] for value, pages in values]])
        old = f"vi_{tag}{i:06d}"  # any name: Pagefind's are hashes of its own (unordered) bytes
        (bundle / "filter" / f"{old}.pf_filter").write_bytes(_gz(body))
        listed.append([name, old])
    meta = cbor2.dumps(["1.5.2", PAGES, CHUNKS, listed, SORTS, FIELDS])
    meta_hash = f"vi_{tag}00000000"
    (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(_gz(meta))
    entry = {"version": "1.5.2", "languages": {"vi": {"hash": meta_hash, "wasm": None, "page_count": 3}},
             "include_characters": ["_", "‿"]}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, separators=(",", ":"), ensure_ascii=False),
                                                encoding="utf-8")
    (bundle / "fragment").mkdir()
    (bundle / "fragment" / "vi_0000001.pf_fragment").write_bytes(_gz(b'{"url":"/a/"}'))
    return bundle


def _files(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def _decoded(bundle: Path) -> tuple[dict[str, object], dict[str, dict[str, list[int]]]]:
    """What the reader builds: the metadata (filters as a map) and each filter as value -> pages."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = canonical.unpack((bundle / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta").read_bytes(), "meta")
    assert isinstance(meta, list)
    filters = {}
    for name, hashed in meta[3]:
        value = canonical.unpack((bundle / "filter" / f"{hashed}.pf_filter").read_bytes(), hashed)
        assert isinstance(value, list) and value[0] == name
        filters[name] = {v: pages for v, pages in value[1]}
    rest = {"version": meta[0], "pages": meta[1], "chunks": meta[2], "sorts": meta[4], "fields": meta[5],
            "filter_names": sorted(n for n, _ in meta[3])}
    return rest, filters


def test_orders_differ_bytes_agree_content_kept(tmp_path: Path) -> None:
    one = _bundle(tmp_path / "mot", ["cap", "tinh", "nam"], reverse_values=False, tag="a")
    two = _bundle(tmp_path / "hai", ["nam", "cap", "tinh"], reverse_values=True, tag="b")
    assert _files(one) != _files(two)
    before = _decoded(one)
    assert _decoded(two) == before

    canonical.canonicalize(one)
    canonical.canonicalize(two)

    assert _files(one) == _files(two)
    assert _decoded(one) == before  # the same pages for every value, the same metadata otherwise
    assert before[1] == FILTERS
    files = _files(one)
    assert "fragment/vi_0000001.pf_fragment" in files  # other files untouched
    assert len([k for k in files if k.startswith("filter/")]) == 3  # the old names are gone
    assert len([k for k in files if k.endswith(".pf_meta")]) == 1


def test_canonical_order_and_names(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, ["tinh", "nam", "cap"], reverse_values=True, tag="c")
    canonical.canonicalize(bundle)
    entry_text = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    meta_hash = entry["languages"]["vi"]["hash"]
    assert entry_text == json.dumps(entry, separators=(",", ":"), ensure_ascii=False)  # still serde's compact form
    raw_meta = (bundle / f"pagefind.{meta_hash}.pf_meta").read_bytes()
    assert raw_meta[:10] == bytes.fromhex("1f8b08000000000002ff")  # Pagefind's own gzip header
    meta_body = gzip.decompress(raw_meta)[len(SIG):]
    assert meta_hash == "vi_" + canonical.full_hash(meta_body)[:10]
    meta = cbor2.loads(meta_body)
    assert [name for name, _ in meta[3]] == ["cap", "nam", "tinh"]
    for name, hashed in meta[3]:
        body = gzip.decompress((bundle / "filter" / f"{hashed}.pf_filter").read_bytes())[len(SIG):]
        assert hashed == "vi_" + canonical.full_hash(body)[:7]
        values = [v for v, _ in cbor2.loads(body)[1]]
        assert values == sorted(values, key=lambda v: v.encode("utf-8"))
    assert [v for v, _ in cbor2.loads(
        gzip.decompress((bundle / "filter" / f"{dict(meta[3])['tinh']}.pf_filter").read_bytes())[len(SIG):])[1]] \
        == ["an-giang", "cà-mau", "đồng-tháp"]
    before = _files(bundle)
    canonical.canonicalize(bundle)
    assert _files(bundle) == before  # idempotent


def test_full_hash_prints_bytes_as_rust_does() -> None:
    # SHA-1 of b"" is da39a3ee5e6b4b0d3255bfef95601890afd80709: {:x?} drops the zero of 0d, 09, 07…
    assert canonical.full_hash(b"") == "da39a3ee5e6b4bd3255bfef95601890afd879"


@pytest.mark.parametrize("damage", ["value_shape", "duplicate_value", "signature", "missing_filter", "entry"])
def test_unexpected_layout_changes_nothing(tmp_path: Path, damage: str) -> None:
    bundle = _bundle(tmp_path, ["cap", "tinh", "nam"], reverse_values=False, tag="d")
    victim = sorted((bundle / "filter").iterdir())[0]
    name = cbor2.loads(gzip.decompress(victim.read_bytes())[len(SIG):])[0]
    if damage == "value_shape":
        victim.write_bytes(_gz(cbor2.dumps([name, [["x", [0], "extra"]]])))
    elif damage == "duplicate_value":
        victim.write_bytes(_gz(cbor2.dumps([name, [["x", [0]], ["x", [1]]]])))
    elif damage == "signature":
        victim.write_bytes(gzip.compress(cbor2.dumps([name, []])))
    elif damage == "missing_filter":
        victim.unlink()
    else:
        (bundle / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    before = _files(bundle)
    with pytest.raises(canonical.NotCanonical):
        canonical.canonicalize(bundle)
    assert _files(bundle) == before


def test_real_pagefind_bundle(tmp_path: Path) -> None:
    """On what Pagefind itself writes: its names follow full_hash, and canonical output is stable and readable."""
    site = tmp_path / "site"
    values = [("xa", "an-giang"), ("tinh", "cà-mau"), ("co-so", "đồng-tháp"), ("xa", "bến-tre"), ("huyen", "an-giang")]
    for i, (tier, province) in enumerate(values):
        page = site / "mo-hinh" / f"m{i}"
        page.mkdir(parents=True)
        page.joinpath("index.html").write_text(
            f'<html lang="vi"><body><div data-pagefind-body><h1>Mô hình {i}</h1>'
            f'<p data-pagefind-filter="cap">{tier}</p><p data-pagefind-filter="tinh">{province}</p>'
            f'<p data-pagefind-filter="nam">{2020 + i % 3}</p><p>dân vận khéo số {i}</p></div></body></html>',
            encoding="utf-8")
    proc = subprocess.run([*COMMAND, "--site", str(site), "--output-subdir", "pagefind", "--glob", "mo-hinh/*/index.html"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, **ENV})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bundle = site / "pagefind"
    # Word index chunks and fragments are written in a stable order: their names check full_hash.
    for kind in ("index", "fragment"):
        files = sorted((bundle / kind).iterdir())
        assert files
        for path in files:
            body = gzip.decompress(path.read_bytes())[len(SIG):]
            assert path.stem == "vi_" + canonical.full_hash(body)[:7], path.name
    before = _decoded(bundle)
    canonical.canonicalize(bundle)
    after = _decoded(bundle)
    assert after == before
    urls = []
    for hashed, _ in after[0]["pages"]:  # page number -> fragment -> URL
        fragment = gzip.decompress((bundle / "fragment" / f"{hashed}.pf_fragment").read_bytes())[len(SIG):]
        urls.append(json.loads(fragment)["url"])
    assert {v: sorted(urls[p] for p in pages) for v, pages in after[1]["tinh"].items()} == {
        "an-giang": ["/mo-hinh/m0/", "/mo-hinh/m4/"], "bến-tre": ["/mo-hinh/m3/"], "cà-mau": ["/mo-hinh/m1/"],
        "đồng-tháp": ["/mo-hinh/m2/"]}
    once = _files(bundle)
    canonical.canonicalize(bundle)
    assert _files(bundle) == once


def test_files_handed_over_by_the_service_are_written_whole_and_inside(tmp_path: Path) -> None:
    """LiveIndex writes the answer of GetFiles itself (Pagefind's WriteFiles could leave files empty)."""
    import base64

    def item(path: str, data: bytes) -> dict[str, str]:
        return {"path": path, "content": base64.b64encode(data).decode()}

    bundle = tmp_path / "pagefind"
    _write_bundle(bundle, [item("pagefind-entry.json", b"{}"), item("filter/vi_1.pf_filter", b"x" * 70000),
                           item("pagefind-ui.js", b"ui"), item("playground/index.html", b"p")])
    assert _files(bundle) == {"pagefind-entry.json": b"{}", "filter/vi_1.pf_filter": b"x" * 70000}
    for bad in ([item("../escape.txt", b"x"), item("pagefind-entry.json", b"{}")], [item("index/a", b"x")], []):
        with pytest.raises(IndexingFailed):
            _write_bundle(tmp_path / "khac", bad)
    assert not (tmp_path / "escape.txt").exists()
