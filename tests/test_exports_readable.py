"""The workbook for people (du-lieu/mo-hinh-de-doc.xlsx), opened with openpyxl as a spreadsheet would:
Vietnamese headings, labels instead of codes, money and dates formatted, a filterable frozen table;
the machine files keep their keys."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest

from dvk_build.config import default_config
from dvk_build.export import xlsx_readable
from dvk_build.site_context import Site
from dvk_build.export.records import CODE, CODES, DATE, INTEGER, LIST_SEP, NUMBER, table_columns

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def readable(built_site: Path) -> Any:
    return openpyxl.load_workbook(built_site / "du-lieu" / "mo-hinh-de-doc.xlsx")


@pytest.fixture(scope="module")
def machine(built_site: Path) -> Any:
    return openpyxl.load_workbook(built_site / "du-lieu" / "mo-hinh.xlsx")["Mô hình"]


def _columns() -> list[Any]:
    return [c for c in table_columns(default_config()) if c.name not in xlsx_readable.LEFT_OUT]


def _by_heading(readable: Any) -> dict[str, int]:
    return {cell.value: i for i, cell in enumerate(readable["Mô hình"][1])}


def test_headings_are_the_vietnamese_labels(readable: Any) -> None:
    ws = readable["Mô hình"]
    heads = [c.value for c in ws[1]]
    cols = _columns()
    assert heads[0] == "Tên mô hình"
    assert sorted(heads) == sorted(xlsx_readable.headings(cols))
    assert len(set(heads)) == len(heads)
    for head in heads:  # no dotted key, no code: words a reader knows
        assert not re.search(r"[a-z]\.[a-z]|_", head), head
        assert re.search(r"[^\x00-\x7f]", head), head
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(heads))}{ws.max_row}"


def test_rows_are_the_models_of_the_machine_file(readable: Any, machine: Any) -> None:
    ws = readable["Mô hình"]
    machine_heads = [c.value for c in machine[1]]
    assert "holder.name" in machine_heads and "tier_reached" in machine_heads  # stable keys unchanged
    assert ws.max_row == machine.max_row
    titles = [r[0] for r in ws.iter_rows(min_row=2, max_col=1, values_only=True)]
    title_col = machine_heads.index("title")
    assert titles == [r[title_col] for r in machine.iter_rows(min_row=2, values_only=True)]


def test_codes_become_labels(readable: Any, machine: Any) -> None:
    heads = _by_heading(readable)
    machine_heads = [c.value for c in machine[1]]
    machine_rows = list(machine.iter_rows(min_row=2, values_only=True))
    human_rows = list(readable["Mô hình"].iter_rows(min_row=2, values_only=True))
    cols = _columns()
    checked = 0
    for col, heading in zip(cols, xlsx_readable.headings(cols)):
        if not col.values or col.kind not in (CODE, CODES, INTEGER):
            continue
        labels = {str(code): label for code, label in col.values}
        for human, raw in zip(human_rows, machine_rows):
            code = raw[machine_heads.index(col.name)]
            if code in (None, ""):
                continue
            codes = str(code).split(LIST_SEP) if col.kind == CODES else [str(code)]
            assert human[heads[heading]] == LIST_SEP.join(labels[c] for c in codes), (col.name, code)
            checked += 1
    assert checked > 30
    # what a reader sees: no bare code of the configuration in those columns
    config = default_config()
    tier_col = heads["Cấp công nhận cao nhất đã đạt"]
    assert {r[tier_col] for r in human_rows} <= {t.label for t in config.tiers.values()}


def test_money_has_thousands_separators_and_dates_are_dates(readable: Any, machine: Any) -> None:
    ws = readable["Mô hình"]
    cols = _columns()
    heads = xlsx_readable.headings(cols)
    money = [i for i, c in enumerate(cols) if c.kind in (INTEGER, NUMBER) and not c.values]
    dates = [i for i, c in enumerate(cols) if c.kind == DATE]
    assert money and dates
    seen_money = seen_dates = 0
    for row in ws.iter_rows(min_row=2):
        for i in money:
            if row[i].value is not None:
                assert isinstance(row[i].value, (int, float)) and row[i].number_format == "#,##0", heads[i]
                seen_money += 1
        for i in dates:
            if row[i].value is not None:
                assert isinstance(row[i].value, dt.datetime) and row[i].number_format == "dd/mm/yyyy", heads[i]
                seen_dates += 1
    assert seen_money > 10 and seen_dates > 30
    cost = heads.index(next(h for h in heads if h.startswith("Kinh phí (đồng)")))
    machine_heads = [c.value for c in machine[1]]
    assert [r[cost].value for r in ws.iter_rows(min_row=2)] == \
        [r[machine_heads.index("cost_vnd")] for r in machine.iter_rows(min_row=2, values_only=True)]


def test_information_sheet_and_no_english(readable: Any) -> None:
    info = {r[0]: r[1] for r in readable["Thông tin"].iter_rows(values_only=True)}
    assert {"Tệp này", "Nguồn", "Ngày tạo", "Cách đọc", "Giấy phép"} <= set(info)
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", info["Ngày tạo"])
    values = [v for r in readable["Mô hình"].iter_rows(min_row=2, values_only=True) for v in r if isinstance(v, str)]
    assert not {"true", "false", "True", "False"} & set(values)


def test_reproducible_and_listed_on_the_data_page(shipped_catalogue: Any, built_site: Path) -> None:
    ctx = Site(config=shipped_catalogue.config, generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))

    first = xlsx_readable.render(shipped_catalogue, ctx)
    assert first == xlsx_readable.render(shipped_catalogue, ctx)
    assert openpyxl.load_workbook(io.BytesIO(first))["Mô hình"].max_row == len(shipped_catalogue.models) + 1
    page = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert 'href="mo-hinh-de-doc.xlsx"' in page
