"""Give Pagefind's filter and metadata indexes one byte order, so two builds of the same content are identical.

Pagefind 1.5 writes from hash maps: the values of a filter (`filter/*.pf_filter`), and the lists of
filters and of sorts in `pagefind.<hash>.pf_meta`, come out in a different order on each run
(upstream Pagefind/pagefind#638); as every file is named by a hash of its bytes, the names change
too, and with them the metadata file and `pagefind-entry.json`, which name them.

The layout, from Pagefind's sources (`pagefind/src/index`, `pagefind/src/output`, `pagefind_web`):
each index file is gzip over `pagefind_dcd` + CBOR (minicbor, arrays for structs).

- `filter/<lang>_<hash>.pf_filter`: `[filter, [[value, [page, …]], …]]`. The reader
  (`decode_filter_index_chunk`) puts the values in a map keyed by value: their order means nothing.
  Each value's page list is kept as written (ascending, and the same on every run).
- `pagefind.<lang>_<hash>.pf_meta`: `[version, pages, index_chunks, filters, sorts, meta_fields, …]`
  with `filters` = `[[filter, hash], …]` and `sorts` = `[[key, [page, …]], …]`, each read into a map
  keyed by its first item (`decode_metadata`): only these two lists are reordered. The page list
  (position = page number), the chunks (word ranges), each sort's page list and `meta_fields`
  (position = field id) are left as they are.
- Names, as Pagefind derives them: `<lang>_` + the SHA-1 of the CBOR bytes as Rust's `{:x?}` prints
  each byte (no zero padding), cut to 7 characters for a filter (longer on a collision, as Pagefind
  does) and to `len(lang) + 8` for the metadata. pagefind.js fetches files by these names and checks
  nothing but the signature.

The canonical order (the one later Pagefind versions write for filters): filters by name, values by
value, sorts by key, in the byte order of their UTF-8. Anything that does not decode to exactly this
layout, or would not re-encode to the very bytes Pagefind wrote, leaves the bundle as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
FILTER_HASH_CHARS = 7  # after `<lang>_`
META_FILTERS = 3  # position of the filter list in the metadata
META_SORTS = 4  # position of the sort list: [[key, [page, …]], …]


class NotCanonical(Exception):
    """The bundle is not laid out as this module knows it; nothing was changed."""


def full_hash(data: bytes) -> str:
    """Pagefind's `full_hash`: SHA-1, each byte in lower-case hex without zero padding (`{:x?}`)."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


# The gzip header Pagefind's encoder (flate2, best compression) writes: no name, mtime 0, XFL 2
# (best), OS 255 (unknown). Written here rather than by `gzip`, whose OS byte depends on the platform.
GZIP_HEADER = bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 255])


def pack(body: bytes) -> bytes:
    """An index file's bytes: gzip (fixed header, best compression) over signature + CBOR."""
    data = SIGNATURE + body
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    stream = deflate.compress(data) + deflate.flush()
    return GZIP_HEADER + stream + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def unpack(raw: bytes, name: str) -> object:
    """The CBOR value of an index file; NotCanonical unless it re-encodes to the same bytes."""
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError) as exc:
        raise NotCanonical(f"{name}: không giải nén được ({exc})") from None
    if not data.startswith(SIGNATURE):
        raise NotCanonical(f"{name}: thiếu chữ ký {SIGNATURE.decode()}")
    body = data[len(SIGNATURE):]
    try:
        value = cbor2.loads(body)
        again = cbor2.dumps(value)
    except (cbor2.CBORError, ValueError, TypeError, EOFError) as exc:
        raise NotCanonical(f"{name}: CBOR không đọc được ({exc})") from None
    if again != body:
        raise NotCanonical(f"{name}: mã hoá lại CBOR không ra đúng các byte của Pagefind")
    return value


def _is_str_pair(item: object) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def canonical_filter(value: object, name: str) -> list[object]:
    """`[filter, [[value, pages], …]]` with the values in byte order; NotCanonical if it is not that shape."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
        raise NotCanonical(f"{name}: không phải [tên bộ lọc, giá trị]")
    for item in value[1]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)
                and all(isinstance(page, int) and not isinstance(page, bool) and page >= 0 for page in item[1])):
            raise NotCanonical(f"{name}: một giá trị không phải [giá trị, [số trang]]")
    values = [item[0] for item in value[1]]
    if len(set(values)) != len(values):
        raise NotCanonical(f"{name}: giá trị lặp lại (thứ tự khi đó có nghĩa)")
    return [value[0], sorted(value[1], key=lambda item: _utf8(item[0]))]


def canonical_sorts(sorts: object, name: str) -> list[object]:
    """`[[key, [page, …]], …]` by key; each page list (the pages in that sort's order) as it is."""
    if not isinstance(sorts, list):
        raise NotCanonical(f"{name}: danh sách sắp xếp không phải mảng")
    for item in sorts:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)
                and all(isinstance(page, int) and not isinstance(page, bool) and page >= 0 for page in item[1])):
            raise NotCanonical(f"{name}: một cách sắp xếp không phải [khoá, [số trang]]")
    keys = [item[0] for item in sorts]
    if len(set(keys)) != len(keys):
        raise NotCanonical(f"{name}: khoá sắp xếp lặp lại")
    return sorted(sorts, key=lambda item: _utf8(item[0]))


@dataclass
class _Plan:
    """What canonicalizing one language changes: files to remove, files to write, the entry's new hash."""
    remove: list[Path]
    write: dict[Path, bytes]
    old_hash: str
    new_hash: str


def _plan_language(bundle: Path, language: str, meta_hash: str) -> _Plan:
    prefix = f"{language}_"
    if not meta_hash.startswith(prefix):
        raise NotCanonical(f"{ENTRY}: mã `{meta_hash}` không bắt đầu bằng `{prefix}`")
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    if not meta_path.is_file():
        raise NotCanonical(f"thiếu {meta_path.name}")
    meta = unpack(meta_path.read_bytes(), meta_path.name)
    if not (isinstance(meta, list) and len(meta) > META_FILTERS and isinstance(meta[META_FILTERS], list)
            and all(_is_str_pair(item) for item in meta[META_FILTERS])):
        raise NotCanonical(f"{meta_path.name}: không có danh sách [bộ lọc, mã] ở vị trí {META_FILTERS}")
    listed = meta[META_FILTERS]
    names = [item[0] for item in listed]
    if len(set(names)) != len(names):
        raise NotCanonical(f"{meta_path.name}: bộ lọc lặp lại")

    remove = [meta_path]
    bodies: dict[str, bytes] = {}
    for name, old in listed:
        path = bundle / "filter" / f"{old}.pf_filter"
        if not path.is_file():
            raise NotCanonical(f"thiếu filter/{path.name}")
        value = unpack(path.read_bytes(), f"filter/{path.name}")
        if not (isinstance(value, list) and value and value[0] == name):
            raise NotCanonical(f"filter/{path.name}: không phải bộ lọc `{name}`")
        bodies[name] = cbor2.dumps(canonical_filter(value, f"filter/{path.name}"))
        remove.append(path)

    write: dict[Path, bytes] = {}
    hashes: list[list[str]] = []
    taken: set[str] = set()
    for name in sorted(bodies, key=_utf8):  # Pagefind resolves short-hash collisions in this order too
        hashed = prefix + full_hash(bodies[name])
        short = hashed[:len(prefix) + FILTER_HASH_CHARS]
        while short in taken and len(short) < len(hashed):
            short = hashed[:len(short) + 2]  # as Pagefind extends a colliding name
        if short in taken:
            raise NotCanonical(f"hai bộ lọc cùng mã {short}")
        taken.add(short)
        hashes.append([name, short])
        write[bundle / "filter" / f"{short}.pf_filter"] = pack(bodies[name])

    meta = list(meta)
    meta[META_FILTERS] = hashes
    if len(meta) > META_SORTS:
        meta[META_SORTS] = canonical_sorts(meta[META_SORTS], meta_path.name)
    meta_body = cbor2.dumps(meta)
    new_hash = prefix + full_hash(meta_body)[:len(language) + 8]  # as Pagefind cuts the metadata's name
    write[bundle / f"pagefind.{new_hash}.pf_meta"] = pack(meta_body)
    return _Plan(remove, write, meta_hash, new_hash)


def canonicalize(bundle: Path) -> None:
    """Rewrite the filter and metadata indexes of a Pagefind bundle in canonical order, renamed as Pagefind names them.

    All or nothing: NotCanonical (bundle untouched) when any file is not as expected.
    """
    bundle = Path(bundle)
    entry_path = bundle / ENTRY
    try:
        text = entry_path.read_bytes().decode("utf-8")
        entry = json.loads(text)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise NotCanonical(f"{ENTRY}: không đọc được ({exc})") from None
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not isinstance(languages, dict) or not all(isinstance(v, dict) and isinstance(v.get("hash"), str)
                                                  for v in languages.values()):
        raise NotCanonical(f"{ENTRY}: không có `languages` với `hash`")
    plans = [_plan_language(bundle, language, info["hash"]) for language, info in sorted(languages.items())]

    for plan in plans:
        quoted = json.dumps(plan.old_hash)
        if text.count(quoted) != 1:
            raise NotCanonical(f"{ENTRY}: mã `{plan.old_hash}` không xuất hiện đúng một lần")
        text = text.replace(quoted, json.dumps(plan.new_hash))
    check = json.loads(text)
    for (language, info), plan in zip(sorted(languages.items()), plans):
        info["hash"] = plan.new_hash
    if check != entry:
        raise NotCanonical(f"{ENTRY}: thay mã làm đổi thứ khác")

    # Remove every old file first: a new name may be an old one of another file.
    for plan in plans:
        for path in plan.remove:
            path.unlink()
    for plan in plans:
        for path, raw in plan.write.items():
            path.write_bytes(raw)
    entry_path.write_bytes(text.encode("utf-8"))
