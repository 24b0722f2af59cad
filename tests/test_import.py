"""`dvk import` on the shipped sample list (samples/): counts, bad rows, idempotence, cp1258, dry run, the site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, make_dvk_project
from dvk_build.intake import values
from dvk_build.intake.table import decode_text

SAMPLES = ROOT / "samples"
XLSX = SAMPLES / "danh-sach-mo-hinh-ben-tre.xlsx"
CSV_1258 = SAMPLES / "danh-sach-mo-hinh-ben-tre-cp1258.csv"
PROVINCE = "Tỉnh Bến Tre"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def dvk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dvk_build", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=300)


def import_(source: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return dvk("import", str(source), "--province", PROVINCE, "--dir", str(target), *extra)


def sheet_rows() -> list[tuple[int, list[object]]]:
    """The sample workbook read independently of dvk (not read-only: the merged cells are visible)."""
    ws = openpyxl.load_workbook(XLSX).active
    return [(row[0].row, [c.value for c in row]) for row in ws.iter_rows()]


def row_with(value: object) -> int:
    return next(n for n, cells in sheet_rows() if value in cells)


def front(path: Path) -> dict[str, object]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    target = tmp_path_factory.mktemp("import") / "models"
    return target, import_(XLSX, target)


def test_sample_list_is_realistic() -> None:
    """What the list is meant to have: 200+ models, merged header cells, a title block, serial and text dates."""
    ws = openpyxl.load_workbook(XLSX).active
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert "E5:F5" in merged and "J5:K5" in merged  # "Địa bàn", "Thông báo công nhận" over their sub-headings
    rows = sheet_rows()
    models = [cells for _, cells in rows if isinstance(cells[0], int)]
    assert len(models) >= 200
    dates = [cells[10] for cells in models]
    assert any(isinstance(d, dt.datetime) for d in dates)
    assert any(isinstance(d, int) for d in dates)  # an Excel serial number without a date format
    assert any(isinstance(d, str) and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", d) for d in dates)
    assert any(str(cells[1]).startswith(("“", '"')) for cells in models)
    assert rows[0][1][0] == "BAN DÂN VẬN TỈNH ỦY BẾN TRE"  # a title block above the header


def test_import_counts_and_every_skipped_row_reported(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    target, proc = imported
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some rows were skipped
    written = sorted(target.glob("*.md"))
    models = [cells for _, cells in sheet_rows() if isinstance(cells[0], int)]
    assert len(written) == 206 and len(models) == 216
    reported = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(XLSX))}:(\d+): ", proc.stdout, re.M)}
    assert len(reported) == len(models) - len(written) == 10  # every model row not written is named
    assert "- Đã nhập 206 mô hình (hồ sơ tóm tắt)" in proc.stdout
    assert "- Bỏ qua 10 dòng có lỗi, không ghi gì cho các dòng này:" in proc.stdout


def test_bad_rows_messages_name_file_and_row(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, proc = imported
    out = proc.stdout
    name = str(XLSX)  # the file as the command was given it
    assert f"{name}:{row_with('31/2/2023')}: ngày `31/2/2023` không có thật (ngày 31 tháng 2 năm 2023)\n" in out
    assert f"{name}:{row_with('Môi trường')}: lĩnh vực `Môi trường` không có trong danh mục lĩnh vực" in out
    assert f"{name}:{row_with('15/6/2031')}: ngày thông báo 15/6/2031 chưa tới (sau hôm nay)\n" in out
    assert f"{name}:{row_with('Cấp khu vực')}: cấp công nhận `Cấp khu vực` không rõ" in out
    # unknown locality, from the register of administrative units, with the closest real ones
    assert (f"{name}:{row_with('Xã Tân Thach')}: Xã, phường `Xã Tân Thach` không có trong danh mục đơn vị hành chính "
            "trước ngày 1/7/2025 (63 tỉnh, thành phố). Có phải: Xã Tân Thạch, Huyện Châu Thành, Tỉnh Bến Tre") in out
    wrong = next(n for n, c in sheet_rows() if c[4] == "Xã Tân Thạch" and c[5] == "Huyện Giồng Trôm")
    assert f"{name}:{wrong}: `Xã Tân Thạch` không thuộc Huyện Giồng Trôm (Tỉnh Bến Tre)" in out
    # the duplicate: the later of two rows with the same title, holder and commune
    seen: dict[tuple[object, object, object], int] = {}
    pair = None
    for number, cells in sheet_rows():
        if isinstance(cells[0], int):
            key = (str(cells[1]).strip("“”\""), cells[2], cells[4])
            if key in seen:
                pair = (seen[key], number)
            seen.setdefault(key, number)
    assert pair, "the sample plants one duplicate"
    assert f"{name}:{pair[1]}: trùng mô hình với dòng {pair[0]} (cùng tên mô hình, chủ thể và địa bàn)\n" in out


def test_imported_records_pass_dvk_check_and_are_nfc(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    target, _ = imported
    proc = dvk("check", "--strict", "--format", "json", str(target))
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["problems"] == [] and report["files"] == 206, proc.stdout[:2000]
    for path in list(target.glob("*.md"))[:40]:
        text = path.read_text(encoding="utf-8")
        import unicodedata

        assert text == unicodedata.normalize("NFC", text)
        data = front(path)
        assert data["record"] == "tom-tat" and data["locality"]["province"] == PROVINCE
        assert not str(data["title"]).startswith(("“", '"'))  # quotes around a whole title are the list's, not the name's


def test_a_row_becomes_the_record_the_list_describes(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """A row whose date is an Excel serial: the record holds the list's facts and the real date."""
    target, _ = imported
    number, cells = next((n, c) for n, c in sheet_rows() if isinstance(c[0], int) and isinstance(c[10], int))
    hits = [p for p in target.glob("*.md") if f"dòng {number}." in p.read_text(encoding="utf-8")]
    assert len(hits) == 1
    data = front(hits[0])
    assert data["title"] == str(cells[1]).strip("“”\"")
    assert data["holder"]["name"] == cells[2]
    assert data["locality"] == {"province": PROVINCE, "district": cells[5], "commune": cells[4]}
    notice = data["recognitions"][0]["notice"]
    assert notice["number"] == cells[9]
    assert notice["date"] == dt.date(1899, 12, 30) + dt.timedelta(days=cells[10])
    assert data["recognitions"][0]["body"] == cells[11]


def test_importing_twice_creates_no_duplicates(tmp_path: Path) -> None:
    target = tmp_path / "models"
    first = import_(XLSX, target)
    before = {p.name: p.read_bytes() for p in target.glob("*.md")}
    second = import_(XLSX, target)
    after = {p.name: p.read_bytes() for p in target.glob("*.md")}
    assert len(before) == 206 and after == before
    assert "- Đã nhập 0 mô hình" in second.stdout
    assert "- Đã có sẵn, không ghi lại: 206 mô hình" in second.stdout
    assert first.returncode == second.returncode == 1  # the bad rows are still bad


def test_cp1258_csv_gives_the_same_records(imported: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    raw = CSV_1258.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really Windows-1258, as old Excel saves "CSV"
    assert decode_text(raw)[1] == "cp1258"
    target = tmp_path / "models"
    proc = import_(CSV_1258, target)
    assert "Windows-1258" in proc.stdout and proc.returncode == 1
    from_xlsx, _ = imported
    def strip(t: str) -> str:  # the source file's name and the folder differ
        return re.sub(r"dvk check \S+", "dvk check …", re.sub(r"từ \S+, dòng", "từ …, dòng", t))

    csv_files = {p.name: strip(p.read_text(encoding="utf-8")) for p in target.glob("*.md")}
    xlsx_files = {p.name: strip(p.read_text(encoding="utf-8")) for p in from_xlsx.glob("*.md")}
    assert csv_files == xlsx_files
    assert any("Tổ hợp tác trồng dừa hữu cơ" in t for t in csv_files.values())


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "models"
    proc = import_(XLSX, target, "--dry-run")
    assert not target.exists()
    assert "Chạy thử (--dry-run): không ghi tệp nào. Sẽ nhập 206 mô hình" in proc.stdout
    assert proc.returncode == 1


def test_mapping_file_and_utf8_bom(tmp_path: Path) -> None:
    """Other headings named by a mapping file; a UTF-8 CSV with BOM; a model already in the folder is not re-created."""
    source = tmp_path / "ds.csv"
    source.write_text(
        "Tên MH,Đơn vị thực hiện,Xã,Tỉnh,LV,Cấp,Số TB,Ngày TB,Cơ quan công nhận\n"
        "\"Tuyến đường hoa ấp Phú Hòa\",Chi hội Phụ nữ ấp Phú Hòa,Xã Tân Thạch,Tỉnh Bến Tre,VH-XH,Cơ sở,21-TB/ĐU,15/6/2023,Đảng ủy xã Tân Thạch\n"
        "Camera an ninh ấp 3,Ban Nhân dân ấp 3,Xã Quới Sơn,Tỉnh Bến Tre,QP-AN,Huyện,245-TB/HU,45092,Ban Thường vụ Huyện ủy Châu Thành\n",
        encoding="utf-8-sig")
    mapping = tmp_path / "anh-xa.yaml"
    mapping.write_text("Tên MH: title\nĐơn vị thực hiện: holder\nLV: fields\n", encoding="utf-8")
    target = tmp_path / "models"
    target.mkdir()
    # the first row's model is already there, by hand and under another file name
    (target / "da-co.md").write_text((ROOT / "tests/example-files/positive/tom-tat-tuyen-duong-hoa-xa-tan-thach.md")
                                     .read_text(encoding="utf-8"), encoding="utf-8")
    proc = dvk("import", str(source), "--map", str(mapping), "--dir", str(target))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "- Đã nhập 1 mô hình" in proc.stdout and "- Đã có sẵn, không ghi lại: 1 mô hình (dòng 2)" in proc.stdout
    new = target / "camera-an-ninh-ap-3-xa-quoi-son.md"
    data = front(new)
    assert data["fields"] == ["quoc-phong-an-ninh"] and data["recognitions"][0]["tier"] == "huyen"
    assert data["recognitions"][0]["notice"]["date"] == dt.date(2023, 6, 15)  # 45092, an Excel serial
    without = dvk("import", str(source), "--dir", str(tmp_path / "other"))
    assert without.returncode == 1 and "không tìm thấy dòng tiêu đề cột" in without.stderr


@pytest.mark.parametrize(("cell", "expected"), [
    ("15/6/2023", dt.date(2023, 6, 15)), ("15/06/2023", dt.date(2023, 6, 15)), ("2023-06-15", dt.date(2023, 6, 15)),
    (45092, dt.date(2023, 6, 15)), ("45092", dt.date(2023, 6, 15)), (dt.datetime(2023, 6, 15), dt.date(2023, 6, 15)),
])
def test_dates_as_lists_write_them(cell: object, expected: dt.date) -> None:
    assert values.date(cell) == expected


@pytest.mark.parametrize("cell", ["31/2/2023", "15/13/2023", "tháng 6/2023", 12])
def test_impossible_dates_are_refused(cell: object) -> None:
    with pytest.raises(values.CellError):
        values.date(cell)


@pytest.fixture(scope="module")
def summary_site(tmp_path_factory: pytest.TempPathFactory,
                 imported: tuple[Path, subprocess.CompletedProcess[str]]) -> tuple[Path, list[Path], list[Path]]:
    """A real `mkdocs build` of 12 imported summary records beside 3 shipped full dossiers."""
    tmp = tmp_path_factory.mktemp("summary-site")
    from_xlsx, _ = imported
    summaries = sorted(from_xlsx.glob("*.md"))[:12]
    full = sorted((ROOT / "content" / "models").glob("*.md"))[:3]
    dossiers = {p.name: p.read_text(encoding="utf-8") for p in [*summaries, *full]}
    config = make_dvk_project(tmp, dossiers)
    import shutil

    shutil.copytree(ROOT / "content" / "pages" / "assets", tmp / "pages" / "assets")  # the catalogue's script
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=tmp, env=ENV,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp / "site", summaries, full


def test_summary_records_in_the_built_site(summary_site: tuple[Path, list[Path], list[Path]]) -> None:
    """Published and counted like full dossiers, labelled on their page and in the catalogue, inviting completion."""
    site, summaries, full = summary_site
    page = (site / "mo-hinh" / summaries[0].stem / "index.html").read_text(encoding="utf-8")
    assert "Hồ sơ tóm tắt từ danh sách mô hình đã công nhận của tỉnh" in page
    assert "Mời đơn vị bổ sung hồ sơ." in page and 'href="../../dong-gop/"' in page
    assert "Bước 1: Lên ý tưởng" not in page and "Biểu quyết" not in page  # no empty steps on a summary
    assert "Tỉnh Bến Tre" in page and "Tỉnh Vĩnh Long (sau sắp xếp đơn vị hành chính năm 2025)" in page  # unit today
    full_page = (site / "mo-hinh" / full[0].stem / "index.html").read_text(encoding="utf-8")
    assert "Hồ sơ tóm tắt" not in full_page
    catalogue = (site / "danh-muc" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li class="dvk-entry">.*?</li>', catalogue, re.S)
    assert len(entries) == len(summaries) + len(full)  # counted like the others
    labelled = [e for e in entries if "Hồ sơ tóm tắt từ danh sách của tỉnh" in e]
    assert len(labelled) == len(summaries)
    assert all(f"mo-hinh/{p.stem}/" in "".join(labelled) for p in summaries)
    exported = json.loads((site / "du-lieu" / "mo-hinh.json").read_text(encoding="utf-8"))
    records = exported["models"] if isinstance(exported, dict) else exported
    assert sum(1 for r in records if r.get("record") == "tom-tat") == len(summaries)


@pytest.mark.parametrize(("cell", "expected"), [
    ("“Khu dân cư “04 không” ấp 1”", "Khu dân cư “04 không” ấp 1"),  # quotes around a title that has its own
    ('"Tuyến đường hoa"', "Tuyến đường hoa"),
    ("“Dân vận khéo” và “04 không”", "“Dân vận khéo” và “04 không”"),  # two quoted names, not one quoted whole
    ("  Tủ sách\u00a0 cộng   đồng ", "Tủ sách cộng đồng"),
    ("Tu\u0309 sa\u0301ch", "Tủ sách"),  # decomposed (NFD) text is stored composed
])
def test_cells_are_cleaned_as_lists_need(cell: str, expected: str) -> None:
    assert values.text(cell) == expected


@pytest.mark.browser
def test_summary_label_in_the_filtered_catalogue(summary_site: tuple[Path, list[Path], list[Path]], browser) -> None:  # type: ignore[no-untyped-def]
    """The catalogue's filtered results (drawn by dvk-search.js from the index) carry the label too."""
    from conftest import serve_directory

    site, summaries, full = summary_site
    base, httpd = serve_directory(site)
    try:
        # Bến Tre is in Tỉnh Vĩnh Long since 1 July 2025: the province filter follows the province today,
        # as its static page tinh/vinh-long/ does
        static = re.findall(r'<li class="dvk-entry">.*?</li>', (site / "tinh" / "vinh-long" / "index.html")
                            .read_text(encoding="utf-8"), re.S)
        assert sum("dvk-record-summary" in e for e in static) == len(summaries)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "danh-muc/?tinh=vinh-long", wait_until="networkidle")
        # the static list first; then the script draws the filtered results
        page.wait_for_function("() => [...document.querySelectorAll('li.dvk-entry')].filter((e) => e.offsetParent)"
                               f".length === {len(static)}")
        labelled = page.locator("li.dvk-entry:visible:has(.dvk-record-summary)")
        assert labelled.count() == len(summaries)
        assert labelled.first.locator(".dvk-record-summary").inner_text() == "Hồ sơ tóm tắt từ danh sách của tỉnh"
        page.close()
    finally:
        httpd.shutdown()  # type: ignore[attr-defined]
