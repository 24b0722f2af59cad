"""Finding the header of a list and which column holds which fact (known headings, or a mapping file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..cli_new import slugify
from ..config import Config

# The facts a list can hold, and their Vietnamese names (messages, the mapping file's documentation).
KEYS: dict[str, str] = {
    "title": "tên mô hình",
    "holder": "chủ thể (tập thể, cá nhân)",
    "kind": "loại chủ thể (tập thể/cá nhân)",
    "commune": "xã, phường, thị trấn",
    "district": "huyện, thị xã, thành phố",
    "province": "tỉnh, thành phố",
    "fields": "lĩnh vực",
    "tier": "cấp công nhận",
    "year": "năm công nhận",
    "notice_number": "số thông báo công nhận",
    "notice_date": "ngày thông báo công nhận",
    "body": "cơ quan (cấp ủy) công nhận",
    "party_body": "cấp ủy lãnh đạo",
    "note": "ghi chú",
    "ignore": "cột không dùng",
}
REQUIRED = ("title", "holder")
HEADER_SCAN_ROWS = 30  # a title block above the header is a few lines; the header is near the top


class MappingError(Exception):
    """The mapping file is wrong (a Vietnamese message)."""


def fold(text: Any) -> str:
    """Heading or value without diacritics, case or punctuation: `Xã/Phường` → `xa phuong`."""
    return slugify(str(text)).replace("-", " ")


@dataclass
class Columns:
    """Which column (0-based) holds which fact, from the header found at `header_rows`."""

    by_key: dict[str, int]
    header_rows: tuple[int, ...]  # row numbers of the header (two when headings are merged over sub-headings)
    unused: list[str] = field(default_factory=list)  # headings recognized as nothing: reported, not guessed


def load_mapping(path: Path) -> dict[str, str]:
    """`Tiêu đề cột: trường` pairs of a mapping file, folded heading → key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(f"{path}: không đọc được tệp ánh xạ cột ({exc}).") from None
    if isinstance(raw, dict) and isinstance(raw.get("columns"), dict):
        raw = raw["columns"]
    if not isinstance(raw, dict):
        raise MappingError(f"{path}: tệp ánh xạ cột phải là các dòng `Tiêu đề cột: trường`, "
                           f"trường là một trong: {', '.join(KEYS)}.")
    out: dict[str, str] = {}
    for heading, key in raw.items():
        if key not in KEYS:
            raise MappingError(f"{path}: cột `{heading}` ánh xạ tới `{key}`, không phải trường nào; "
                               f"chọn một trong: {', '.join(KEYS)}.")
        out[fold(heading)] = str(key)
    return out


def known_headings(config: Config, mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Folded heading → key: the configured headings, then the mapping file's (which win)."""
    configured = config.intake.get("headings") or {}
    return {**{fold(heading): key for key, headings in configured.items() for heading in headings}, **(mapping or {})}


def _match(cell: Any, table: dict[str, str]) -> str | None:
    if cell is None or isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return None
    return table.get(fold(cell))


def _match_under(parent: Any, child: Any, table: dict[str, str]) -> str | None:
    """A sub-heading under a merged heading: `Số` under `Thông báo công nhận` is the notice number."""
    if child is None:
        return None
    tries = (f"{child} {parent}", f"{parent} {child}") if parent is not None else ()
    return next((key for text in (*tries, str(child)) if (key := table.get(fold(text)))), None)


def find_columns(rows: Sequence[tuple[int, list[Any]]], table: dict[str, str]) -> Columns | None:
    """The header among the first rows: the first row naming at least three known facts, the title among them.

    A merged heading (`Địa bàn` over `Xã`, `Huyện`, `Tỉnh`; `Thông báo` over `Số`, `Ngày`) leaves its
    sub-headings on the next row and, in a workbook, only its first cell filled: the sub-headings are
    read under the heading last seen to their left.
    """
    for i, (number, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {col: k for col, cell in enumerate(cells) if (k := _match(cell, table))}
        if len(set(keys.values()) - {"ignore"}) < 3 or "title" not in keys.values():
            continue
        header_rows = (number,)
        below = rows[i + 1][1] if i + 1 < len(rows) else []
        title_col = next(c for c, k in keys.items() if k == "title")
        parents = list(accumulate(cells, lambda last, cell: last if cell is None else cell))  # the heading over each
        sub = {col: k for col, cell in enumerate(below) if (k := _match_under(parents[col] if col < len(parents) else None, cell, table))}
        if sub and (title_col >= len(below) or below[title_col] is None):
            keys.update(sub)
            header_rows = (number, rows[i + 1][0])
        by_key = {key: col for col, key in sorted(keys.items(), reverse=True) if key != "ignore"}  # first column wins
        unused = [str(cell).strip() for col, cell in enumerate(cells) if cell is not None and col not in keys
                  and not (len(header_rows) == 2 and col < len(below) and below[col] is not None)]
        if len(header_rows) == 2:
            unused += [str(cell).strip() for col, cell in enumerate(below) if cell is not None and col not in keys]
        return Columns(by_key, header_rows, unused)
    return None
