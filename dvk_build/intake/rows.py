"""One row of a list → the facts of a summary record, or the reasons it cannot be one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..config import Config, Period
from ..vietnamese import vi_date
from . import values
from .headings import KEYS, Columns, fold
from .locality import locality_problems

# Categories of a skipped row, for the summary at the end (Vietnamese, as printed).
MISSING, BAD_DATE, UNKNOWN_FIELD, UNKNOWN_TIER, UNKNOWN_LOCALITY, DUPLICATE, OUT_OF_PERIOD, OTHER = (
    "thiếu thông tin bắt buộc", "ngày sai hoặc không có thật", "lĩnh vực không có trong danh mục",
    "cấp công nhận không rõ", "địa bàn không có trong danh mục đơn vị hành chính", "trùng mô hình", "ngoài các giai đoạn",
    "hồ sơ tạo ra không đạt kiểm tra")


@dataclass(frozen=True)
class RowProblem:
    category: str
    message: str


@dataclass
class Facts:
    """What a list says about one model: exactly what a summary record holds."""

    row: int
    title: str
    holder: str
    kind: str
    province: str
    district: str
    commune: str
    fields: list[str]
    tier: str
    notice_number: str
    notice_date: dt.date
    body: str
    period: Period
    party_body: str = ""
    note: str = ""

    @property
    def identity(self) -> tuple[str, str, str]:
        """Same title, holder and place: the same model (spelling, case and diacritics aside)."""
        return identity(self.title, self.holder, self.commune or self.district or self.province)


def identity(title: str, holder: str, place: str) -> tuple[str, str, str]:
    return fold(title), fold(holder), fold(place)


@dataclass
class RowReader:
    """Reads rows with the columns found in the header; holds what every row needs."""

    config: Config
    columns: Columns
    today: dt.date
    default_province: str = ""
    tables: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tables = values.lookups(self.config)

    def cell(self, cells: list[Any], key: str) -> Any:
        col = self.columns.by_key.get(key)
        return cells[col] if col is not None and col < len(cells) else None

    def not_a_model(self, texts: list[str]) -> str:
        """"blank", "heading" (a group heading `I. HUYỆN CHÂU THÀNH`, the row of column numbers
        `(1) (2) (3)…`, a total or a signature line) or "" for a row that is meant as a model."""
        filled = [t for t in texts if t]
        if not filled:
            return "blank"
        if len(filled) >= 3 and all(t.strip("()").isdigit() for t in filled):
            return "heading"
        if len(filled) <= 2 and not any(self.cell(texts, k) for k in ("holder", "tier", "fields")):
            return "heading"  # no holder, tier or field, at most two cells: not a model, so not an error
        return ""

    def read(self, number: int, cells: list[Any], texts: list[str]) -> tuple[Facts | None, list[RowProblem]]:
        problems: list[RowProblem] = []
        get = lambda key: self.cell(texts, key) or ""  # noqa: E731

        def need(key: str) -> str:
            value = get(key)
            if not value:
                problems.append(RowProblem(MISSING, f"thiếu {KEYS[key]}"))
            return value

        title, holder, body = need("title"), need("holder"), need("body")
        notice_number = need("notice_number")
        province = get("province") or self.default_province
        if not province:
            problems.append(RowProblem(MISSING, "thiếu tỉnh, thành phố (thêm cột Tỉnh/thành phố hoặc dùng --province)"))
        district, commune = get("district"), get("commune")
        try:
            kind = values.kind(self.cell(cells, "kind"), holder, self.tables["kinds"])
        except values.CellError as exc:
            problems.append(RowProblem(OTHER, str(exc)))
            kind = "tap-the"
        try:
            fields = values.fields(self.cell(cells, "fields"), self.tables["fields"], self.config)
            if not fields:
                problems.append(RowProblem(MISSING, "thiếu lĩnh vực"))
        except values.CellError as exc:
            problems.append(RowProblem(UNKNOWN_FIELD, str(exc)))
            fields = []
        try:
            tier = values.tier(self.cell(cells, "tier"), self.tables["tiers"])
            if tier is None:
                problems.append(RowProblem(MISSING, "thiếu cấp công nhận"))
        except values.CellError as exc:
            problems.append(RowProblem(UNKNOWN_TIER, str(exc)))
            tier = None
        try:
            notice_date = values.date(self.cell(cells, "notice_date"))
            year = values.year(self.cell(cells, "year"))
            if notice_date is None:
                only_year = f" (danh sách chỉ ghi năm {year})" if year else ""
                problems.append(RowProblem(MISSING, f"thiếu ngày thông báo công nhận{only_year}"))
            elif notice_date > self.today:
                problems.append(RowProblem(BAD_DATE, f"ngày thông báo {vi_date(notice_date)} chưa tới (sau hôm nay)"))
                notice_date = None
            elif year and year != notice_date.year:
                problems.append(RowProblem(BAD_DATE, f"năm công nhận {year} khác năm của ngày thông báo {vi_date(notice_date)}"))
        except values.CellError as exc:
            problems.append(RowProblem(BAD_DATE, str(exc)))
            notice_date = None
        period = None
        if notice_date is not None:
            period = next((p for p in self.config.periods.values() if p.start <= notice_date <= p.end), None)
            if period is None:
                known = ", ".join(p.label for p in self.config.periods.values())
                problems.append(RowProblem(OUT_OF_PERIOD, f"ngày thông báo {vi_date(notice_date)} không thuộc giai đoạn nào "
                                                          f"đã khai báo ({known}); thêm giai đoạn vào dvk_build/config.yaml"))
        if period is not None:
            if tier and tier not in period.tiers:
                allowed = ", ".join(self.config.tiers[t].label.lower() for t in period.tiers)
                problems.append(RowProblem(UNKNOWN_TIER, f"{self.config.tiers[tier].label.lower()} không có trong "
                                                         f"{period.label.lower()} (chỉ có {allowed})"))
            wrong = [self.config.fields[f].label for f in fields if f not in period.fields]
            if wrong:
                problems.append(RowProblem(UNKNOWN_FIELD, f"lĩnh vực {', '.join(wrong)} không có trong {period.label.lower()}"))
            for message in locality_problems(province, district, commune, period):
                problems.append(RowProblem(UNKNOWN_LOCALITY, message))
        if problems or period is None or tier is None or notice_date is None:
            return None, problems
        return Facts(row=number, title=title, holder=holder, kind=kind, province=province, district=district,
                     commune=commune, fields=fields, tier=tier, notice_number=notice_number, notice_date=notice_date,
                     body=body, period=period, party_body=get("party_body"), note=get("note")), []
