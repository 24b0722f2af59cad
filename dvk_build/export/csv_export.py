"""`du-lieu/mo-hinh.csv`: one row per published model, RFC 4180, UTF-8 with a BOM for Excel."""

from __future__ import annotations

import csv
import io
import re
from typing import Any, TextIO

from ..model import Catalogue
from ..site_context import Site
from .records import rows

PATH = "du-lieu/mo-hinh.csv"
BOM = "\ufeff"  # without it Excel reads UTF-8 as the ANSI code page and garbles Vietnamese
# CSV injection (OWASP): text starting with `=`, `+`, `-`, `@`, a tab or a CR is a formula to Excel and LibreOffice,
# also after the spaces and line breaks they skip (` =1+1`), as the fullwidth signs they read as ASCII (`＝＋－＠`),
# and at the start of each value of a list joined into one cell (`…; =HYPERLINK(`: split on `;`, a cell of its own).
_FORMULA_RE = re.compile(r"(^|; | \| )([\s\u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20])")


def text_of(value: Any) -> str:
    """How a typed cell is written in CSV: a formula-looking start, of the cell or of a joined value, behind `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _FORMULA_RE.sub(r"\1'\2", value) if _FORMULA_RE.search(value) else value
    return str(value)


def start(out: TextIO, header: list[str]) -> Any:
    """Write the BOM and the header row to `out` (opened with newline=""); the writer for `write_row`."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    return writer


def write_row(writer: Any, values: list[Any]) -> None:
    """One model's row."""
    writer.writerow([text_of(v) for v in values])


def render(catalogue: Catalogue, ctx: Site) -> bytes:
    """The CSV file: a header row of column names, then the models, newest recognition first."""
    header, body = rows(catalogue, ctx)
    out = io.StringIO(newline="")
    writer = start(out, header)
    for r in body:
        write_row(writer, r)
    return out.getvalue().encode("utf-8")
