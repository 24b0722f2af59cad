"""`mo-hinh.xlsx`: the CSV's rows as an Excel workbook (XlsxWriter)."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from typing import Any, Iterable

import xlsxwriter
import xlsxwriter.workbook

from ..model import Catalogue
from .codebook import entries
from ..site_context import Site
from .records import DATE, rows, table_columns

PATH = "du-lieu/mo-hinh.xlsx"
EXCEL_CELL_LIMIT = 32767  # characters; Excel refuses to open a file with a longer cell
# XML 1.0 cannot carry C0 controls other than tab, LF and CR
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# XlsxWriter, not openpyxl: its constant-memory mode writes each row out as it comes, strings
# inline, where openpyxl keeps every distinct string of the sheet in memory (bench/README.md).
# Every value is written with the method of its type: text is never read as a formula or a link.
_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False}


def _value(value: Any, kind: str) -> Any:
    """A table cell as Excel should store it: real dates, text within Excel's cell limit."""
    if isinstance(value, str):
        if kind == DATE and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        # shown as \\xNN (as CSV and JSON keep them) rather than dropped: nothing vanishes unseen
        value = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
        return value[:EXCEL_CELL_LIMIT]
    return value


_STORED_LOCK = threading.Lock()


def finish(wb: Any, raw: io.BytesIO, ctx: Site, title: str) -> bytes:
    """The workbook's bytes: its properties dated `ctx.generated`, closed and re-zipped (`_fixed_zip`)."""
    naive = ctx.generated.astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb.set_properties({"title": title, "author": ctx.config.site.get("name", "dvk"),
                       "created": naive})  # also written as the time last modified: no clock in the file
    close_stored(wb)
    return _fixed_zip(raw.getvalue(), ctx.generated)


def close_stored(wb: Any) -> None:
    """`wb.close()` with XlsxWriter's zip written uncompressed: `_fixed_zip` re-zips every part anyway, so
    deflating them here too was a second compression of the whole workbook for nothing. XlsxWriter has
    no option for it: the compression its `_store_workbook` reads is swapped for the call (with a lock).
    """
    module = xlsxwriter.workbook
    with _STORED_LOCK:
        saved = getattr(module, "ZIP_DEFLATED", None)
        if saved is None:  # another XlsxWriter: compressed twice, as before
            wb.close()
            return
        module.ZIP_DEFLATED = zipfile.ZIP_STORED  # type: ignore[attr-defined]
        try:
            wb.close()
        finally:
            module.ZIP_DEFLATED = saved  # type: ignore[attr-defined]


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The workbook re-zipped with every entry dated `when`: the same content gives the same bytes."""
    stamp = when.astimezone(dt.timezone.utc).timetuple()[:6]
    stamp = (max(stamp[0], 1980), *stamp[1:])  # the zip format starts in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)  # type: ignore[arg-type]
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _write_row(ws: Any, r: int, values: list[Any], kinds: list[str] | None = None, style: Any = None,
               date_style: Any = None) -> None:
    """One row, each cell written as its type: text as text, numbers, booleans, real dates; None left empty."""
    for c, value in enumerate(values):
        value = _value(value, kinds[c] if kinds else "")
        if value is None:
            if style is not None:
                ws.write_blank(r, c, None, style)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, style)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, style)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_style)
        else:
            ws.write_string(r, c, str(value), style)


def render(catalogue: Catalogue, ctx: Site) -> bytes:
    """Sheet "Mô hình" (bold, frozen header row) and sheet "Giải thích" (the codebook)."""
    header, body = rows(catalogue, ctx)
    return write(header, body, len(body), ctx)


def write(header: list[str], body: Iterable[list[Any]], count: int, ctx: Site) -> bytes:
    """The workbook of `count` rows, read from `body` one at a time (it may be a generator)."""
    kinds = [c.kind for c in table_columns(ctx.config)]
    raw = io.BytesIO()
    wb = xlsxwriter.Workbook(raw, _OPTIONS)
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold_wrap = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})

    ws = wb.add_worksheet("Mô hình")
    ws.freeze_panes(1, 1)  # the header row and the slug column stay in view
    ws.autofilter(0, 0, count, len(header) - 1)
    for col, width in enumerate((34, 40, 40, 50)):
        ws.set_column(col, col, width)
    _write_row(ws, 0, header, style=bold)
    for r, values in enumerate(body, start=1):
        _write_row(ws, r, values, kinds, date_style=date)

    book = wb.add_worksheet("Giải thích")
    book.freeze_panes(1, 0)
    for col, width in enumerate((34, 60, 22, 50, 14, 50)):
        book.set_column(col, col, width)
    _write_row(book, 0, ["Cột", "Ý nghĩa", "Kiểu", "Giá trị cho phép", "Có trong", "Ghi chú"], style=bold_wrap)
    for r, e in enumerate(entries(ctx.config), start=1):
        _write_row(book, r, [e.name, e.meaning, e.type, e.values_text, e.formats_text, e.note], style=wrap)

    return finish(wb, raw, ctx, ctx.config.site.get("name", ""))
