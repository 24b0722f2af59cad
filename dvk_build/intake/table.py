"""Reading a list's rows from .xlsx (openpyxl, read-only) or .csv (UTF-8, with or without BOM, or cp1258)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

Cell = Any  # str, int, float, datetime or None, as the file holds it


class TableError(Exception):
    """The file cannot be read as a list (a Vietnamese message for the editor)."""


@dataclass(frozen=True)
class Table:
    rows: Iterator[tuple[int, list[Cell]]]  # (1-based row number in the sheet or line in the file, cells)
    encoding: str  # what the text was read as ("xlsx" for a workbook)


def open_table(path: Path, sheet: str | None = None) -> Table:
    """The rows of the list at path; the first sheet unless `sheet` names another."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet)
    if suffix in (".csv", ".txt"):
        if sheet:
            raise TableError("tệp CSV không có trang tính; bỏ tùy chọn --sheet.")
        return _csv(path)
    if suffix == ".xls":
        raise TableError("tệp .xls (Excel 97-2003) chưa đọc được: mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.")
    raise TableError(f"không đọc được tệp đuôi `{suffix or '(không có)'}`: chỉ nhận .xlsx và .csv.")


def _xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    import openpyxl  # only `dvk import` needs it

    try:
        # read-only: rows are streamed, so a list of 10,000 models stays small in memory
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise TableError(f"không mở được tệp Excel ({exc}).") from None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    else:
        wanted = _fold_name(sheet)
        found = [n for n in names if _fold_name(n) == wanted]
        if not found:
            book.close()
            raise TableError(f"không có trang tính `{sheet}`; tệp có: {', '.join(names)}.")
        ws = book[found[0]]

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, list(values)
        finally:
            book.close()

    return Table(rows(), "xlsx")


def _fold_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else Windows-1258 (old Excel's "CSV" on Vietnamese Windows).

    Valid UTF-8 of Vietnamese text is very unlikely to be anything else, and any byte string decodes
    as cp1258, so trying UTF-8 strictly first is the detection. cp1258 writes tones as combining marks
    after the letter; NFC composes them.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1258", errors="replace"), "cp1258"


def _csv(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError(f"không đọc được tệp: {exc.strerror}.") from None
    try:
        text, encoding = decode_text(raw)
    except UnicodeDecodeError as exc:
        raise TableError(f"tệp có dấu BOM của UTF-8 nhưng có byte không hợp lệ ở vị trí {exc.start}.") from None
    text = unicodedata.normalize("NFC", text)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        start = 1
        for cells in reader:
            # a quoted cell may span lines: a row is numbered by the line it starts on
            yield start, [c if c != "" else None for c in cells]
            start = reader.line_num + 1

    return Table(rows(), encoding)


def excel_serial_date(value: float) -> dt.date | None:
    """A date stored as Excel's serial day number (1900 system), for the plausible range 2000-2100."""
    if not 36526 <= value < 73051:
        return None
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
