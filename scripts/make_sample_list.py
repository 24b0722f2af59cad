"""Write the illustrative list of recognized models that `dvk import` is tested and measured on.

    python scripts/make_sample_list.py [--rows N] [--out DIR]

A province's list as Ban Dân vận keep them (illustrative, not official): a title block above a
two-row header whose merged cells ("Địa bàn", "Thông báo công nhận") sit over their sub-headings,
a row of column numbers, a group heading per district, blank lines, dates as text (15/6/2023),
as Excel serial numbers and as date cells, titles in quotes, a total and a signature at the end,
and a few rows with the faults `dvk import` must report (FAULTS below). Deterministic: row i
depends only on i. Writes DIR/danh-sach-mo-hinh-ben-tre.xlsx and a Windows-1258 CSV variant.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path
from typing import Any

PROVINCE = "Tỉnh Bến Tre"
# Districts of Bến Tre before 1 July 2025 and their communes as the register had them on 30 June 2025
# (checked against vietnamadminunits' legacy register).
DISTRICTS: dict[str, list[str]] = {
    "Châu Thành": ["Thị trấn Châu Thành", "Tân Thạch", "Phú Túc", "Tân Phú", "Quới Sơn", "Giao Long", "Tam Phước",
                   "Phước Thạnh", "Hữu Định", "Tường Đa", "Thị trấn Tiên Thủy", "An Phước", "Thành Triệu",
                   "Quới Thành", "Tiên Long", "Phú Đức"],
    "Giồng Trôm": ["Thị trấn Giồng Trôm", "Phong Nẫm", "Lương Hòa", "Lương Quới", "Châu Hòa", "Bình Hòa",
                   "Thạnh Phú Đông", "Mỹ Thạnh", "Sơn Phú", "Hưng Lễ", "Phước Long", "Tân Thanh", "Châu Bình",
                   "Long Mỹ", "Hưng Nhượng", "Tân Hào", "Lương Phú", "Bình Thành", "Hưng Phong", "Thuận Điền"],
    "Ba Tri": ["Thị trấn Ba Tri", "An Đức", "An Hiệp", "An Hòa Tây", "An Ngãi Tây", "An Ngãi Trung", "An Phú Trung",
               "An Bình Tây", "Bảo Thạnh", "Bảo Thuận", "Mỹ Chánh", "Mỹ Hòa", "Mỹ Nhơn", "Phú Lễ", "Phước Ngãi",
               "Tân Hưng", "Tân Thủy", "Tân Xuân", "Vĩnh An", "Vĩnh Hòa", "Thị trấn Tiệm Tôm"],
    "Bình Đại": ["Thị trấn Bình Đại", "Bình Thới", "Châu Hưng", "Đại Hòa Lộc", "Định Trung", "Lộc Thuận", "Long Định",
                 "Long Hòa", "Phú Long", "Phú Thuận", "Bình Thắng", "Tam Hiệp", "Thạnh Phước", "Thạnh Trị", "Thới Lai",
                 "Thới Thuận", "Vang Quới Đông", "Vang Quới Tây"],
    "Chợ Lách": ["Thị trấn Chợ Lách", "Hòa Nghĩa", "Long Thới", "Phú Phụng", "Sơn Định", "Vĩnh Bình", "Vĩnh Thành",
                 "Hưng Khánh Trung B", "Tân Thiềng", "Phú Sơn", "Vĩnh Hòa"],
}
HAMLETS = ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp An Thạnh", "Ấp Phú Hòa", "Ấp Bình Thạnh", "Ấp Tân Lợi", "Ấp Hòa Lợi",
           "Ấp Long Hòa", "Ấp Thạnh Hưng", "Ấp Phước Hậu"]
FIELD_LABELS = {"kinh-te": "Kinh tế", "van-hoa-xa-hoi": "Văn hóa - xã hội", "quoc-phong-an-ninh": "Quốc phòng - an ninh",
                "xay-dung-he-thong-chinh-tri": "Xây dựng hệ thống chính trị", "bon-khong": "“04 không”"}
# (field, title, holder pattern): {h} a hamlet, {x} the commune with its prefix
MODELS: list[tuple[str, str, str]] = [
    ("kinh-te", "Tổ hợp tác trồng dừa hữu cơ {h}", "Chi hội Nông dân {h}"),
    ("kinh-te", "Nuôi bò sinh sản luân chuyển giúp hộ nghèo {h}", "Chi hội Nông dân {h}"),
    ("kinh-te", "Tổ tiết kiệm xoay vòng vốn phụ nữ {h}", "Chi hội Phụ nữ {h}"),
    ("kinh-te", "Liên kết tiêu thụ bưởi da xanh {h}", "Tổ hợp tác bưởi da xanh {h}"),
    ("kinh-te", "Chợ phiên nông sản sạch cuối tuần {x}", "Hội Liên hiệp Phụ nữ {x}"),
    ("van-hoa-xa-hoi", "Tuyến đường hoa {h}", "Chi hội Phụ nữ {h}"),
    ("van-hoa-xa-hoi", "Tủ sách cộng đồng {h}", "Chi đoàn {h}"),
    ("van-hoa-xa-hoi", "Bữa cơm nghĩa tình cho bệnh nhân nghèo {x}", "Hội Chữ thập đỏ {x}"),
    ("van-hoa-xa-hoi", "Nuôi heo đất khuyến học {h}", "Chi hội Khuyến học {h}"),
    ("van-hoa-xa-hoi", "Câu lạc bộ dưỡng sinh người cao tuổi {h}", "Chi hội Người cao tuổi {h}"),
    ("quoc-phong-an-ninh", "Camera an ninh {h}", "Ban Nhân dân {h}"),
    ("quoc-phong-an-ninh", "Tổ tự quản an ninh trật tự {h}", "Chi hội Cựu chiến binh {h}"),
    ("quoc-phong-an-ninh", "Tổ hòa giải ở cơ sở {h}", "Ban Công tác Mặt trận {h}"),
    ("xay-dung-he-thong-chinh-tri", "Dân vận chính quyền trong giải quyết thủ tục hành chính {x}", "Ủy ban nhân dân {x}"),
    ("xay-dung-he-thong-chinh-tri", "Đảng viên đỡ đầu hộ khó khăn {h}", "Chi bộ {h}"),
    ("xay-dung-he-thong-chinh-tri", "Tiếp dân ngày thứ Bảy {x}", "Ủy ban nhân dân {x}"),
    ("bon-khong", "Khu dân cư “04 không” {h}", "Ban Nhân dân {h}"),
    ("bon-khong", "Đi chợ nói không với túi ni lông {x}", "Hội Liên hiệp Phụ nữ {x}"),
    ("bon-khong", "Gia đình không có người vi phạm pháp luật {h}", "Chi hội Phụ nữ {h}"),
]
PEOPLE = [("Ông Nguyễn Văn Tư", "kinh-te", "Hiến kế trồng xen ca cao dưới tán dừa"),
          ("Bà Trần Thị Hoa", "van-hoa-xa-hoi", "Vận động hội viên giúp trẻ mồ côi đến trường"),
          ("Ông Lê Văn Sáu", "quoc-phong-an-ninh", "Vận động thanh niên lầm lỗi hoàn lương"),
          ("Bà Phạm Thị Lệ", "bon-khong", "Vận động hộ dân không xả rác xuống sông")]
TIERS = [("Cơ sở", 0.72), ("Huyện", 0.22), ("Tỉnh", 0.06)]
START, END = dt.date(2021, 8, 1), dt.date(2025, 11, 28)

# Planted faults every list has somewhere: row index → what goes wrong (in the first 216 models).
FAULTS = {17: "impossible-date", 41: "unknown-field", 63: "duplicate", 88: "no-notice-number",
          120: "future-date", 133: "unknown-commune", 150: "year-mismatch", 164: "commune-of-another-district",
          177: "unknown-tier", 199: "no-holder"}


def _commune_name(c: str) -> str:
    return c if c.startswith("Thị trấn") else f"Xã {c}"


COMMUNES = [(d, _commune_name(c)) for d, cs in DISTRICTS.items() for c in cs]


def model(i: int) -> dict[str, Any]:
    """The i-th model of the list: the same i gives the same row, and no two rows are the same model."""
    district, commune = COMMUNES[(i * 53) % len(COMMUNES)]  # 53 is prime to the count: every commune in turn
    j = i // len(COMMUNES)
    hamlet = HAMLETS[(j // len(MODELS) + i) % len(HAMLETS)]
    low = commune.replace("Xã", "xã").replace("Thị trấn", "thị trấn")
    h = hamlet.replace("Ấp", "ấp")
    kind = "Cá nhân" if i % 9 == 4 else "Tập thể"
    if kind == "Cá nhân":
        holder, field, title = PEOPLE[(i // 9) % len(PEOPLE)]
        title = f"{title} {h}, {low}" if j >= len(PEOPLE) else f"{title} {low}"
        holder = f"{holder}, {'hội viên' if 'Bà' in holder else 'tổ viên'} {h}"
    else:
        field, title, holder = MODELS[(j + i) % len(MODELS)]
        hamlet_level = "{h}" in title
        title, holder = title.format(h=h, x=low), holder.format(h=h, x=low)
        if not hamlet_level and j >= len(MODELS):  # only in long benchmark lists: one per hamlet
            title, holder = f"{title} ({h})", f"{holder} ({h})"
    r = (i * 37 % 100) / 100
    tier = "Cơ sở" if r < 0.72 else "Huyện" if r < 0.94 else "Tỉnh"
    days = (END - START).days
    date = START + dt.timedelta(days=(i * 97) % days)
    number = 10 + (i * 13) % 180
    party = commune.replace("Xã", "xã").replace("Thị trấn", "thị trấn")
    if tier == "Cơ sở":
        body, notice = f"Đảng ủy {party}", f"{number}-TB/ĐU"
    elif tier == "Huyện":
        body, notice = f"Ban Thường vụ Huyện ủy {district}", f"{number + 200}-TB/HU"
    else:
        body, notice = "Ban Thường vụ Tỉnh ủy Bến Tre", f"{number + 500}-TB/TU"
    second = i % 11 == 3 and field != "van-hoa-xa-hoi"
    fields = FIELD_LABELS[field] + ("; " + FIELD_LABELS["van-hoa-xa-hoi"] if second else "")
    return {"title": title, "holder": holder, "kind": kind, "commune": commune, "district": f"Huyện {district}",
            "fields": fields, "tier": tier, "year": date.year, "notice": notice, "date": date, "body": body,
            "note": "Đề nghị nhân rộng toàn huyện" if i % 23 == 5 else ""}


def with_fault(i: int, row: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    fault = FAULTS.get(i)
    row = dict(row)
    if fault == "impossible-date":
        row["date"], row["year"] = "31/2/2023", 2023
    elif fault == "unknown-field":
        row["fields"] = "Môi trường"
    elif fault == "duplicate":
        row = dict(rows[i - 20])  # typed twice, twenty rows apart
    elif fault == "no-notice-number":
        row["notice"] = None
    elif fault == "future-date":
        row["date"], row["year"] = "15/6/2031", 2031
    elif fault == "year-mismatch":
        row["year"] = row["date"].year - 1
    elif fault == "unknown-tier":
        row["tier"] = "Cấp khu vực"
    elif fault == "no-holder":
        row["holder"] = None
    elif fault == "unknown-commune":  # a typo that drops a tone mark
        row["commune"] = "Xã Tân Thach"
    elif fault == "commune-of-another-district":
        row["commune"], row["district"] = "Xã Tân Thạch", "Huyện Giồng Trôm"
    return row


def _key(m: dict[str, Any]) -> tuple[str, str, str]:
    return (m["title"].casefold(), str(m["holder"]).casefold(), m["commune"].casefold())


def rows(n: int) -> list[dict[str, Any]]:
    """The list's models with the planted faults; apart from those, no model is listed twice."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for i in range(n):
        m = model(i)
        k = 0
        while _key(m) in seen:  # the same model in the same place would be a duplicate: another hamlet's
            k += 1
            hamlet = HAMLETS[(i + k) % len(HAMLETS)].replace("Ấp", "ấp")
            m = {**model(i), "title": f"{model(i)['title']} ({hamlet})", "holder": f"{model(i)['holder']} ({hamlet})"}
        seen.add(_key(m))
        out.append(with_fault(i, m, out))
    return out


HEADER_TOP = ["STT", "Tên mô hình", "Tập thể/cá nhân", "Loại (tập thể/cá nhân)", "Địa bàn", None, "Lĩnh vực",
              "Cấp công nhận", "Năm công nhận", "Thông báo công nhận", None, "Cơ quan công nhận", "Ghi chú"]
HEADER_SUB = [None, None, None, None, "Xã/phường/thị trấn", "Huyện/thị xã/thành phố", None, None, None,
              "Số thông báo", "Ngày thông báo", None, None]


def _date_cell(i: int, value: Any) -> Any:
    """Dates as lists hold them: a date cell, an Excel serial number, or text "15/6/2023"."""
    if not isinstance(value, dt.date):
        return value
    style = i % 3
    if style == 0:
        return value
    if style == 1:
        return (value - dt.date(1899, 12, 30)).days
    return f"{value.day}/{value.month}/{value.year}"


def sheet_rows(n: int) -> list[tuple[list[Any], str]]:
    """Every line of the sheet with its kind: title, header, numbering, group, model, blank, footer."""
    models = rows(n)
    lines: list[tuple[list[Any], str]] = [
        (["BAN DÂN VẬN TỈNH ỦY BẾN TRE"], "title"),
        (["DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN GIAI ĐOẠN 2021-2025"], "title"),
        (["(Dữ liệu minh họa để thử phần mềm, không phải danh sách chính thức)"], "title"),
        ([], "blank"),
        (HEADER_TOP, "header"), (HEADER_SUB, "header"),
        ([f"({k})" for k in range(1, 14)], "numbering"),
    ]
    by_district: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, m in enumerate(models):
        by_district.setdefault(m["district"], []).append((i, m))
    roman = ["I", "II", "III", "IV", "V"]
    stt = 0
    for d, (district, items) in enumerate(by_district.items()):
        lines.append(([roman[d], district.upper()], "group"))
        for k, (i, m) in enumerate(items):
            stt += 1
            title = f"“{m['title']}”" if i % 4 == 1 else f'"{m["title"]}"' if i % 4 == 2 else m["title"]
            lines.append(([stt, title, m["holder"], m["kind"], m["commune"], m["district"], m["fields"], m["tier"],
                           m["year"], m["notice"], _date_cell(i, m["date"]), m["body"], m["note"] or None], "model"))
            if k % 37 == 36:
                lines.append(([], "blank"))
    lines.append(([None, f"Tổng cộng: {len(models)} mô hình"], "footer"))
    lines.append(([], "blank"))
    lines.append(([None, None, None, None, None, None, None, None, None, "NGƯỜI LẬP BIỂU"], "footer"))
    return lines


def write_xlsx(path: Path, n: int) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Danh sách"
    for number, (cells, kind) in enumerate(sheet_rows(n), start=1):
        ws.append(cells)
        row = ws[number]
        if kind == "title":
            ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=13)
            row[0].font = Font(bold=True)
            row[0].alignment = Alignment(horizontal="center")
        elif kind == "header":
            for c in row:
                c.font = Font(bold=True)
        elif kind == "model" and isinstance(cells[10], dt.date):
            row[10].number_format = "dd/mm/yyyy"
    # merged header cells as a province's clerk makes them
    top = 5
    for col in (1, 2, 3, 4, 7, 8, 9, 12, 13):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    ws.merge_cells(start_row=top, start_column=5, end_row=top, end_column=6)
    ws.merge_cells(start_row=top, start_column=10, end_row=top, end_column=11)
    for letter, width in zip("ABCDEFGHIJKLM", (5, 48, 34, 10, 20, 20, 22, 10, 8, 12, 12, 30, 20)):
        ws.column_dimensions[letter].width = width
    book.properties.creator = "dvk (dữ liệu minh họa)"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    book.save(path)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as old Excel writes it: base letters with their own code, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def write_csv(path: Path, n: int) -> None:
    """The same list as old Excel's "CSV (comma delimited)" on Vietnamese Windows: cp1258, `;`, no merges."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for cells, kind in sheet_rows(n):
        if kind == "header" and cells is HEADER_SUB:
            cells = [c or "" for c in HEADER_SUB]
        writer.writerow(["" if c is None else c.strftime("%d/%m/%Y") if isinstance(c, dt.date) else c for c in cells])
    path.write_bytes(cp1258_bytes(buf.getvalue()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=216)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_xlsx(out / "danh-sach-mo-hinh-ben-tre.xlsx", args.rows)
    write_csv(out / "danh-sach-mo-hinh-ben-tre-cp1258.csv", args.rows)
    print(f"{args.rows} mô hình → {out}")


if __name__ == "__main__":
    main()
