"""`mo-hinh.xlsx`: the CSV's rows as an Excel workbook (openpyxl, the optional extra `dvk[xlsx]`)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from ..model import Catalogue
from .codebook import entries
from .context import ExportContext
from .records import DATE, Table, rows, table_columns

PATH = "du-lieu/mo-hinh.xlsx"
INSTALL_HINT = "pip install 'dvk[xlsx]'"
EXCEL_CELL_LIMIT = 32767  # characters; Excel refuses to open a file with a longer cell
# XML 1.0 cannot carry C0 controls other than tab, LF and CR; openpyxl refuses them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class OpenpyxlMissing(ImportError):
    """The optional dependency for Excel files is not installed."""

    def __init__(self) -> None:
        super().__init__(f"Xuất tệp Excel (.xlsx) cần thư viện openpyxl. Cài đặt bằng lệnh: {INSTALL_HINT}")


def available() -> bool:
    """Whether openpyxl can be imported."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


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


def _cells(ws: Any, values: list[Any], kinds: list[str] | None = None, font: Any = None, wrap: Any = None) -> list[Any]:
    """A row for a write-only sheet: plain values, except text that Excel must not read as a formula, dates and styled cells."""
    from openpyxl.cell import WriteOnlyCell

    styled = font is not None or wrap is not None
    out = []
    for i, value in enumerate(values):
        value = _value(value, kinds[i] if kinds else "")
        formula_like = isinstance(value, str) and value.startswith("=")
        if not styled and not formula_like and not isinstance(value, dt.date):
            out.append(value)
            continue
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # openpyxl stores "=…" as a formula (injection); text stays text
        elif isinstance(value, dt.date):
            c.number_format = "yyyy-mm-dd"
        if font is not None:
            c.font = font
        if wrap is not None:
            c.alignment = wrap
        out.append(c)
    return out


def render(catalogue: Catalogue, ctx: ExportContext, table: Table | None = None) -> bytes:
    """Sheet "Mô hình" (bold, frozen header row) and sheet "Giải thích" (the codebook)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
        from openpyxl.writer.excel import ExcelWriter
    except ImportError:
        raise OpenpyxlMissing() from None

    header, body = table or rows(catalogue, ctx)
    kinds = [c.kind for c in table_columns(ctx.config)]
    bold = Font(bold=True)
    wb = Workbook(write_only=True)  # streams rows: 10,000 models in a fraction of the time and memory

    ws = wb.create_sheet("Mô hình")
    ws.freeze_panes = "B2"  # the header row and the slug column stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(body) + 1}"
    for letter, width in (("A", 34), ("B", 40), ("C", 40), ("D", 50)):
        ws.column_dimensions[letter].width = width
    ws.append(_cells(ws, header, font=bold))
    for r in body:
        ws.append(_cells(ws, r, kinds))

    book = wb.create_sheet("Giải thích")
    book.freeze_panes = "A2"
    for letter, width in (("A", 34), ("B", 60), ("C", 22), ("D", 50), ("E", 14), ("F", 50)):
        book.column_dimensions[letter].width = width
    book.append(_cells(book, ["Cột", "Ý nghĩa", "Kiểu", "Giá trị cho phép", "Có trong", "Ghi chú"], font=bold))
    wrap = Alignment(wrap_text=True, vertical="top")
    for e in entries(ctx.config):
        book.append(_cells(book, [e.name, e.meaning, e.type, e.values_text, e.formats_text, e.note], wrap=wrap))

    wb.properties.creator = ctx.config.site.get("name", "dvk")
    wb.properties.title = ctx.config.site.get("name", "")
    naive = ctx.generated.astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb.properties.created = wb.properties.modified = naive
    raw = io.BytesIO()
    # ExcelWriter rather than wb.save(), which stamps the current time as "modified"
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_zip(raw.getvalue(), ctx.generated)
