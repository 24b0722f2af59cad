"""Importing a list: header, rows, checks, and one summary record written per good row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable

from ..cli_new import schema_ref, write_new
from ..config import Config
from ..load.source import decode, split
from ..load.yamltree import parse
from ..problem import Problem
from ..validate.context import DossierContext
from ..validate.engine import check_dossier
from . import existing, summary, values
from .headings import KEYS, REQUIRED, find_columns, known_headings
from .rows import DUPLICATE, OTHER, RowProblem, RowReader
from .table import open_table

HEADER_LOOKAHEAD = 40  # rows buffered to find the header (a title block sits above it)


class ListError(Exception):
    """The whole file cannot be imported (no header, unreadable): a Vietnamese message."""


@dataclass
class Outcome:
    imported: list[tuple[int, Path]] = field(default_factory=list)  # (row, file written or that would be)
    present: list[tuple[int, str]] = field(default_factory=list)  # (row, slug of the dossier already there)
    skipped: dict[int, list[RowProblem]] = field(default_factory=dict)  # row → why
    headings: list[int] = field(default_factory=list)  # group headings, totals, signatures: not models
    blank: int = 0
    encoding: str = ""
    unused_columns: list[str] = field(default_factory=list)


Report = Callable[[int, str, bool], None]  # (row, message, is_error) as each is found


def import_list(path: Path, directory: Path, config: Config, today: dt.date, *, sheet: str | None = None,
                mapping: dict[str, str] | None = None, province: str = "", dry_run: bool = False,
                report: Report = lambda row, message, error: None) -> Outcome:
    table = open_table(path, sheet)
    out = Outcome(encoding=table.encoding)
    head = list(islice(table.rows, HEADER_LOOKAHEAD))
    columns = find_columns(head, known_headings(config, mapping))
    if columns is None:
        raise ListError("không tìm thấy dòng tiêu đề cột (cần ít nhất cột Tên mô hình và hai cột khác như Chủ thể, "
                           "Lĩnh vực, Cấp công nhận, Số thông báo). Tiêu đề khác thì ghi vào tệp ánh xạ --map.")
    missing = [KEYS[k] for k in REQUIRED if k not in columns.by_key]
    if missing:
        raise ListError(f"không có cột {', '.join(missing)}; nếu tiêu đề cột khác, ghi vào tệp ánh xạ --map.")
    out.unused_columns = columns.unused
    reader = RowReader(config, columns, today, province)
    known = existing.scan(directory)
    seen: dict[tuple[str, str, str], int] = {}
    ref = schema_ref(directory)
    for number, cells in chain((item for item in head if item[0] > columns.header_rows[-1]), table.rows):
        texts = [values.text(c) for c in cells]
        skip = reader.not_a_model(texts)
        if skip == "blank":
            out.blank += 1
            continue
        if skip:
            out.headings.append(number)
            continue
        facts, problems = reader.read(number, cells, texts)
        if facts is not None:
            first = seen.get(facts.identity)
            if first is not None:
                problems = [RowProblem(DUPLICATE, f"trùng mô hình với dòng {first} (cùng tên mô hình, chủ thể và địa bàn)")]
            elif facts.identity in known.models:
                out.present.append((number, known.models[facts.identity]))
                seen[facts.identity] = number
                continue
        if facts is not None and not problems:
            seen[facts.identity] = number
            slug = _free_slug(summary.base_slug(facts), known)
            target = directory / f"{slug}.md"
            text = summary.render(facts, config, str(path), ref, target.as_posix(), today)
            found = _check(text, target.as_posix(), slug, config, today)
            errors = [p for p in found if p.is_error]
            for p in found:
                if not p.is_error:
                    report(number, f"cảnh báo {p.code}: {p.message}", False)
            if errors:
                problems = [RowProblem(OTHER, f"{p.code} {p.message}") for p in errors]
            else:
                known.slugs.add(slug)
                if not dry_run:
                    write_new(directory, slug, text)
                out.imported.append((number, target))
                continue
        out.skipped[number] = problems
        for p in problems:
            report(number, p.message, True)
    return out


def _free_slug(base: str, known: existing.Existing) -> str:
    """The base slug, else `-2`, `-3`…: two models with the same title in the same commune stay two files."""
    slug, n = base, 1
    while slug in known.slugs:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(text: str, shown: str, slug: str, config: Config, today: dt.date) -> list[Problem]:
    """The validator's verdict on a record before it is written: what `dvk check` would say of the file."""
    source = split(decode(text.encode("utf-8")))
    tree = parse(source.front_matter, source.fm_first_line)
    return check_dossier(DossierContext(path=shown, slug=slug, data=tree.data, tree=tree, body=source.body,
                                        body_first_line=source.body_first_line, config=config, today=today))
