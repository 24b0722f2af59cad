"""`mo-hinh-de-doc.xlsx`: the models for people: Vietnamese headings, labels for codes, formatted money and dates.

The machine files (CSV, `mo-hinh.xlsx`, JSON) keep their stable keys and codes; this workbook is read
by officials. Headings and labels come from the export columns (`records.table_columns`, themselves
from the field declarations of config.yaml): no list of names is kept here.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter

from ..model import Catalogue
from ..site_context import Site
from .records import CODE, CODES, INTEGER, LIST_SEP, NUMBER, Column, rows, table_columns
from .xlsx_export import _OPTIONS, _value, finish

PATH = "du-lieu/mo-hinh-de-doc.xlsx"
# Columns for programs, not people: the model's code and the address of its JSON file.
LEFT_OUT = frozenset({"slug", "data_url"})
FIRST = "title"  # the model's name leads, and stays in view when scrolling sideways
WIDE = {"title": 48, "summary": 60, "url": 40}  # characters; every other column DEFAULT_WIDTH
DEFAULT_WIDTH = 24


def headings(cols: list[Column]) -> list[str]:
    """Each column's Vietnamese label; a label met twice (the province today, computed and as the dossier
    wrote it) says which one it is, so no two headings read the same."""
    out: list[str] = []
    for col in cols:
        label = col.label
        if label in out:
            label += " (theo hồ sơ)" if "." in col.name else " (tính từ hồ sơ)"
        out.append(label)
    return out


class ReadableWorkbook:
    """A workbook written one model at a time (XlsxWriter's constant memory): `add` each row, then `close`.

    `add` takes the row of the machine files (`records.row`, table column order) and shows it for people.
    """

    def __init__(self, ctx: Site, count: int) -> None:
        self.ctx = ctx
        cols = table_columns(ctx.config)
        kept = [i for i, c in enumerate(cols) if c.name not in LEFT_OUT]
        self.order = sorted(kept, key=lambda i: cols[i].name != FIRST)  # stable: the others keep their order
        self.cols = [cols[i] for i in self.order]
        self.headings = headings(self.cols)
        self.labels = [{str(code): label for code, label in c.values} for c in self.cols]
        self.raw = io.BytesIO()
        wb = self.wb = xlsxwriter.Workbook(self.raw, _OPTIONS)
        self.head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#FFF3CD",
                                   "border": 1})
        self.text = None  # text cells plain, as in the machine workbook: a format on each cell slows XlsxWriter
        self.money = wb.add_format({"num_format": "#,##0", "valign": "top"})  # 1.250.000 in a Vietnamese Excel
        self.date = wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.rows = 0
        ws = self.ws = wb.add_worksheet("Mô hình")
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, count, len(self.cols) - 1)
        ws.set_row(0, 60)
        for c, col in enumerate(self.cols):
            ws.set_column(c, c, WIDE.get(col.name, DEFAULT_WIDTH))
            ws.write_string(0, c, self.headings[c], self.head)

    def add(self, values: list[Any]) -> None:
        """One model: its row of the machine files, in table column order."""
        self.rows += 1
        for c, i in enumerate(self.order):
            self._write(self.rows, c, values[i], self.cols[c], self.labels[c])

    def _write(self, r: int, c: int, value: Any, col: Column, labels: dict[str, str]) -> None:
        value = _value(value, col.kind)
        ws = self.ws
        if value is None or value == "":
            return
        if labels and col.kind in (CODE, CODES, INTEGER):
            codes = str(value).split(LIST_SEP) if col.kind == CODES else [str(value)]
            ws.write_string(r, c, LIST_SEP.join(labels.get(code, code) for code in codes), self.text)
        elif isinstance(value, bool):
            ws.write_string(r, c, "Có" if value else "Không", self.text)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, self.money if col.kind in (INTEGER, NUMBER) else self.text)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), self.date)
        else:
            ws.write_string(r, c, str(value), self.text)

    def close(self) -> bytes:
        """The sheet “Thông tin” (what the file is), then the workbook's bytes (the same content, the same bytes)."""
        site = self.ctx.config.site
        generated = self.ctx.generated
        info = self.wb.add_worksheet("Thông tin")
        info.set_column(0, 0, 28)
        info.set_column(1, 1, 100)
        wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        lines = [
            ("Tệp này", f"Danh sách {self.rows} mô hình “Dân vận khéo” đã được công nhận, mỗi dòng một mô hình, "
                        "mới công nhận gần đây đứng trước. Dùng nút lọc ở dòng tiêu đề để chọn theo cấp, lĩnh vực, tỉnh."),
            ("Nguồn", str(site.get("name", ""))),
            ("Ngày tạo", f"{generated.day:02d}/{generated.month:02d}/{generated.year}"),
            ("Cách đọc", "Tên cột là tên mục trong hồ sơ; mã được thay bằng tên đầy đủ; số tiền tính bằng đồng; "
                         "ô trống là hồ sơ không ghi; nhiều giá trị trong một ô cách nhau bởi “; ”."),
            ("Dữ liệu cho phần mềm", "Các tệp mo-hinh.csv, mo-hinh.xlsx, mo-hinh.json ở trang Dữ liệu mở giữ tên cột và mã "
                                     f"ổn định cho phần mềm: {self.ctx.absolute('du-lieu/')}"),
            ("Lưu ý", self.ctx.notice),
            ("Giấy phép", str(site.get("licence", ""))),
        ]
        for r, (key, text) in enumerate(line for line in lines if line[1]):
            info.write_string(r, 0, key, self.head)
            info.write_string(r, 1, text, wrap)
        return finish(self.wb, self.raw, self.ctx, f"{site.get('name', '')}: danh sách mô hình")


def render(catalogue: Catalogue, ctx: Site) -> bytes:
    """The workbook of a whole catalogue (the site writes it in the same pass as the other files)."""
    book = ReadableWorkbook(ctx, len(catalogue.models))
    for values in rows(catalogue, ctx)[1]:
        book.add(values)
    return book.close()
