"""`dvk forms`: the Mẫu 2a report and Mẫu 2b notice as Word files, read back with python-docx."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from conftest import ROOT

SLUG = "canh-dong-lon-khong-dot-rom-htx-thanh-loi"  # Đảng ủy xã Thạnh Lợi, notice 88-TB/ĐU of 16/10/2024
MODELS = ROOT / "content" / "models"
BLANK = "……"


def dvk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dvk_build", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def text_of(data: bytes | Path) -> str:
    """Every paragraph of the body, tables and header, one per line, as a person reading the document sees them."""
    document = docx.Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    return "\n".join(lines)


def model_of(path: Path):  # type: ignore[no-untyped-def]
    import datetime as dt

    from dvk_build.config import default_config
    from dvk_build.validate.reading import load_paths
    from dvk_build.model import model_from

    loaded = load_paths([path], default_config(), dt.date(2026, 1, 1))
    return model_from(loaded.dossiers[0])


@pytest.fixture(scope="module")
def shipped_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("forms")
    proc = dvk("forms", SLUG, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return {form: out / f"{SLUG}-mau-{form}.docx" for form in ("2a", "2b")}


def test_notice_states_number_date_holder_and_body(shipped_docs: dict[str, Path]) -> None:
    text = text_of(shipped_docs["2b"])
    assert "Số 88-TB/ĐU" in text
    assert "Thạnh Lợi, ngày 16 tháng 10 năm 2024" in text  # the date line of a Party document
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY XÃ THẠNH LỢI" in text and "ĐẢNG BỘ HUYỆN THÁP MƯỜI" in text  # issuing body and the one above
    assert "Đảng ủy xã Thạnh Lợi thông báo công nhận mô hình “Dân vận khéo” cấp cơ sở" in text
    assert "Hợp tác xã Dịch vụ nông nghiệp Thạnh Lợi" in text
    assert "ngày 3/10/2024" in text and "ngày 14/10/2024 (12/13 đồng chí tán thành)" in text  # report, vote
    assert "T/M ĐẢNG ỦY" in text and "Nơi nhận:" in text
    assert "mặc định" in text  # labelled as dvk's default, to be replaced by the province's form


def test_report_follows_steps_one_to_four(shipped_docs: dict[str, Path]) -> None:
    text = text_of(shipped_docs["2a"])
    headings = ["I. LÊN Ý TƯỞNG", "II. TRIỂN KHAI", "III. THEO DÕI", "IV. KẾT QUẢ", "V. ĐỐI CHIẾU", "VI. ĐỀ NGHỊ"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Thạnh Lợi, ngày 03 tháng 10 năm 2024" in text  # the report's date, zero-padded day
    assert "Kinh phí dự kiến: 420.000.000 đồng" in text and "Kinh phí thực tế: 436.000.000 đồng" in text
    assert "3,1 triệu đồng/ha/vụ" in text and "91%" in text  # Vietnamese decimal comma; % with no space
    assert "Ngày 18/1/2024:" in text and "Ngày 30/7/2024:" in text  # every monitoring entry (Bước 3)
    assert "Vượt chỉ tiêu đăng ký" in text
    document = docx.Document(str(shipped_docs["2a"]))
    results = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    rows = [[c.text for c in r.cells] for r in results.rows[1:]]
    assert rows[0] == ["1", "Diện tích cánh đồng lớn sản xuất theo quy trình giảm phát thải", "300 ha", "342 ha", "Vượt"]
    assert len(rows) == 4  # one row per registered target, no loop tag rows left


def test_every_text_is_nfc_and_no_placeholder_is_left(shipped_docs: dict[str, Path]) -> None:
    for path in shipped_docs.values():
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            xml = archive.read("word/document.xml").decode("utf-8")
        assert unicodedata.normalize("NFC", xml) == xml
        assert "{{" not in xml and "{%" not in xml


def test_missing_facts_are_dotted_blanks_never_invented(tmp_path: Path) -> None:
    """A draft at step 4 (no recognition yet), with no steering committee: blanks, not guesses."""
    source = (MODELS / f"{SLUG}.md").read_text(encoding="utf-8")
    draft = re.sub(r"\nrecognitions:\n(  .*\n|    .*\n)+", "\n", source)
    draft = draft.replace("  steering_committee: {date: 2023-11-28, members: 7}\n", "")
    assert "recognitions" not in draft and "steering_committee" not in draft
    models = tmp_path / "models"
    models.mkdir()
    (models / "nhap.md").write_text(draft, encoding="utf-8")
    proc = dvk("forms", "nhap", "--models", str(models), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "chưa được công nhận" in proc.stderr
    notice = text_of(tmp_path / "out" / "nhap-mau-2b.docx")
    assert f"Số {BLANK}" in notice
    assert f"ngày {BLANK} tháng {BLANK} năm {BLANK}" in notice
    assert f"Căn cứ kết quả biểu quyết của {BLANK} ngày {BLANK} ({BLANK}/{BLANK} đồng chí tán thành)" in notice
    assert f"cấp {BLANK}" in notice
    assert "88-TB/ĐU" not in notice and "16/10/2024" not in notice
    report = text_of(tmp_path / "out" / "nhap-mau-2a.docx")
    assert f"1. Ban chỉ đạo: {BLANK}" in report
    assert "Kinh phí dự kiến: 420.000.000 đồng" in report  # what the dossier does say is still there


def test_text_with_markup_characters_stays_text(tmp_path: Path) -> None:
    """`&` and `<` in a dossier are escaped into the XML (autoescape), not a broken file."""
    source = (MODELS / f"{SLUG}.md").read_text(encoding="utf-8")
    source = source.replace("benefits: Giảm chi phí", "benefits: Giảm chi phí & công lao động (<30%),")
    models = tmp_path / "models"
    models.mkdir()
    (models / "ky-tu.md").write_text(source, encoding="utf-8")
    proc = dvk("forms", "ky-tu", "--form", "2a", "--models", str(models), "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "Giảm chi phí & công lao động (<30%)," in text_of(tmp_path / "ky-tu-mau-2a.docx")


def _custom_template(path: Path, lines: list[list[str]]) -> Path:
    """A province's form: each paragraph given as its runs (Word often splits a placeholder across runs)."""
    document = docx.Document()
    for runs in lines:
        p = document.add_paragraph()
        for text in runs:
            p.add_run(text)
    document.save(str(path))
    return path


def test_a_custom_templates_placeholders_are_filled(tmp_path: Path) -> None:
    template = _custom_template(tmp_path / "mau-tinh.docx", [
        ["TỈNH ỦY ĐỒNG THÁP - MẪU 2B CỦA TỈNH"],
        ["Số: ", "{{ so_", "thong_bao }}", " ngày {{ ngay_thong_bao }}"],  # a placeholder split across runs
        ["Công nhận: {{ ten_mo_hinh }} của {{ chu_the.ten }} ({{ chu_the.loai }})"],
        ["Cơ quan: {{ co_quan_cong_nhan }}; địa bàn: {{ dia_ban.day_du }}"],
        ["{%p for k in theo_doi %}"],
        ["Kiểm tra {{ k.ngay }}"],
        ["{%p endfor %}"],
    ])
    proc = dvk("forms", SLUG, "--form", "2b", "--template", str(template), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    text = text_of(tmp_path / "out" / f"{SLUG}-mau-2b.docx")
    assert "TỈNH ỦY ĐỒNG THÁP - MẪU 2B CỦA TỈNH" in text
    assert "Số: 88-TB/ĐU ngày 16/10/2024" in text
    assert "Công nhận: “Cánh đồng lớn không đốt rơm”" in text and "Hợp tác xã Dịch vụ nông nghiệp Thạnh Lợi (Tập thể)" in text
    assert "Cơ quan: Đảng ủy xã Thạnh Lợi; địa bàn: Xã Thạnh Lợi, Huyện Tháp Mười, Tỉnh Đồng Tháp" in text
    assert [line for line in text.splitlines() if line.startswith("Kiểm tra")] == [
        "Kiểm tra 18/1/2024", "Kiểm tra 10/4/2024", "Kiểm tra 30/7/2024"]
    assert "{" not in text


def test_filling_matches_docxtpl_render(tmp_path: Path) -> None:
    """The compiled fill (forms/word.py) gives the text docxtpl's own DocxTemplate.render gives."""
    from dvk_build.forms.facts import placeholders
    from dvk_build.forms.word import FormTemplate, default_template

    m = model_of(MODELS / f"{SLUG}.md")
    custom = _custom_template(tmp_path / "t.docx", [["{{ so_", "thong_bao }} – {{ chu_the.ten }}"],
                                                     ["{%p for x in tieu_chi %}"], ["{{ x.ten }}"], ["{%p endfor %}"]])
    for form, path in (("2a", default_template("2a")), ("2b", default_template("2b")), ("2b", custom)):
        context = placeholders(m, form)
        reference = DocxTemplate(str(path))
        reference.render(context, autoescape=True)
        buf = io.BytesIO()
        reference.save(buf)
        assert text_of(FormTemplate(path).render(context)) == text_of(buf.getvalue())


def test_a_misspelt_placeholder_is_named_with_a_suggestion(tmp_path: Path) -> None:
    template = _custom_template(tmp_path / "sai.docx", [["Số {{ so_thong_bo }}, {{ ten_mo_hinh }}"]])
    proc = dvk("forms", SLUG, "--form", "2b", "--template", str(template), "-o", str(tmp_path))
    assert proc.returncode == 2
    assert "mẫu dùng placeholder không có trong dvk: {{ so_thong_bo }} (có phải {{ so_thong_bao }}?)" in proc.stderr
    assert not list(tmp_path.glob("*-mau-2b.docx"))


@pytest.mark.parametrize("content, expected", [
    (b"not a zip", "không phải tệp Word .docx"),
    (None, "placeholder viết sai cú pháp"),
])
def test_a_bad_template_is_a_vietnamese_usage_error(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "mau.docx"
    if content is None:
        _custom_template(path, [["Số {{ so_thong_bao }"], ["{%p for x in tieu_chi %}"]])
    else:
        path.write_bytes(content)
    proc = dvk("forms", SLUG, "--form", "2b", "--template", str(path), "-o", str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr and expected in proc.stderr


def test_cli_usage_errors_are_vietnamese(tmp_path: Path) -> None:
    unknown = dvk("forms", "canh-dong-lon-khong-dot-rom-htx-thanh-lo")
    assert unknown.returncode == 2
    assert "không có hồ sơ “canh-dong-lon-khong-dot-rom-htx-thanh-lo”" in unknown.stderr
    assert f"Có phải “{SLUG}”?" in unknown.stderr
    both = dvk("forms", SLUG, "--template", str(ROOT / "dvk_build" / "forms" / "docx" / "mau-2a.docx"))
    assert both.returncode == 2 and "chọn thêm --form 2a hoặc --form 2b" in both.stderr
    tier = dvk("forms", SLUG, "--cap", "tinh", "-o", str(tmp_path))
    assert tier.returncode == 2 and "không có lần công nhận cấp “tinh”" in tier.stderr


def test_a_dossier_with_errors_gets_no_documents(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    source = (MODELS / f"{SLUG}.md").read_text(encoding="utf-8").replace("self_assessment: vuot", "self_assessment: tot")
    (models / "loi.md").write_text(source, encoding="utf-8")
    proc = dvk("forms", "loi", "--models", str(models), "-o", str(tmp_path))
    assert proc.returncode == 1
    assert re.search(r"loi\.md:\d+:\d+: DVK\d{3} ", proc.stderr) and "không tạo văn bản" in proc.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_shipped_templates_are_reproducible(tmp_path: Path) -> None:
    """scripts/make_form_templates.py writes exactly the committed .docx files."""
    import shutil

    script = tmp_path / "scripts" / "make_form_templates.py"
    script.parent.mkdir()
    shutil.copy(ROOT / "scripts" / "make_form_templates.py", script)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for form in ("2a", "2b"):
        made = tmp_path / "dvk_build" / "forms" / "docx" / f"mau-{form}.docx"
        assert made.read_bytes() == (ROOT / "dvk_build" / "forms" / "docx" / f"mau-{form}.docx").read_bytes()


def test_shipped_templates_use_only_documented_placeholders() -> None:
    from dvk_build.forms.documents import known_placeholders
    from dvk_build.forms.word import FormTemplate, default_template

    documented = set(re.findall(r"`([a-z_]+)(?:\.[a-z_]+)?`", (ROOT / "docs" / "forms.md").read_text(encoding="utf-8")))
    assert known_placeholders() <= documented  # every placeholder dvk fills is in docs/forms.md
    for form in ("2a", "2b"):
        template = FormTemplate(default_template(form))
        template.check(known_placeholders())
        assert {"ten_mo_hinh", "so_van_ban", "ngay_ky_day_du", "ky", "noi_nhan"} <= template.variables()


SUMMARY = """---
record: tom-tat
title: "Bữa cơm nghĩa tình cho bệnh nhân nghèo thị trấn Ba Tri"
period: 2021-2025
fields: [van-hoa-xa-hoi]
summary: "Mô hình của Hội Chữ thập đỏ thị trấn Ba Tri, công nhận theo Thông báo số 25-TB/ĐU ngày 14/10/2025."
holder: {kind: tap-the, name: "Hội Chữ thập đỏ thị trấn Ba Tri"}
locality: {province: "Tỉnh Bến Tre", district: "Huyện Ba Tri", commune: "Thị trấn Ba Tri"}
recognitions:
  - tier: co-so
    body: "Đảng ủy thị trấn Ba Tri"
    notice: {number: "25-TB/ĐU", date: 2025-10-14}
---
"""


def test_a_summary_record_gets_its_notice_only(tmp_path: Path) -> None:
    """A model known from a province's list (record: tom-tat): the notice, no report of steps it never recorded."""
    models = tmp_path / "models"
    models.mkdir()
    (models / "bua-com-ba-tri.md").write_text(SUMMARY, encoding="utf-8")
    proc = dvk("forms", "bua-com-ba-tri", "--models", str(models), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "chỉ tạo thông báo Mẫu 2b" in proc.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["bua-com-ba-tri-mau-2b.docx"]
    text = text_of(tmp_path / "out" / "bua-com-ba-tri-mau-2b.docx")
    assert "Số 25-TB/ĐU" in text and "Ba Tri, ngày 14 tháng 10 năm 2025" in text
    # recognized after 1 July 2025: no district Party organization any more, the province's is the one above
    assert "ĐẢNG BỘ TỈNH BẾN TRE" in text and "HUYỆN" not in text.split("ĐẢNG CỘNG SẢN")[0]
    assert f"Căn cứ kết quả biểu quyết của Đảng ủy thị trấn Ba Tri ngày {BLANK} ({BLANK}/{BLANK}" in text


def test_a_chosen_tier_and_a_standing_committee(tmp_path: Path) -> None:
    """--cap picks the recognition; a notice of “Ban Thường vụ Huyện ủy” is headed by the Huyện ủy, signed on behalf of its standing committee."""
    slug = "camera-an-ninh-mat-than-xa-long-dinh"  # co-so 31-TB/ĐU, then huyen 287-TB/HU
    highest = dvk("forms", slug, "--form", "2b", "-o", str(tmp_path / "huyen"))
    assert highest.returncode == 0, highest.stderr
    text = text_of(tmp_path / "huyen" / f"{slug}-mau-2b.docx")
    assert "Số 287-TB/HU" in text and "Châu Thành, ngày 05 tháng 6 năm 2023" in text
    assert "ĐẢNG BỘ TỈNH TIỀN GIANG\nHUYỆN ỦY CHÂU THÀNH" in text and "T/M BAN THƯỜNG VỤ" in text
    assert "công nhận mô hình “Dân vận khéo” cấp huyện" in text
    lower = dvk("forms", slug, "--form", "2b", "--cap", "co-so", "-o", str(tmp_path / "co-so"))
    assert lower.returncode == 0, lower.stderr
    text = text_of(tmp_path / "co-so" / f"{slug}-mau-2b.docx")
    assert "Số 31-TB/ĐU" in text and "Long Định, ngày 22 tháng 02 năm 2023" in text and "287-TB/HU" not in text


def test_the_vote_record_reaches_the_placeholders() -> None:
    from dvk_build.forms.facts import placeholders

    m = model_of(MODELS / "camera-an-ninh-mat-than-xa-long-dinh.md")
    vote = placeholders(m, "2b")["bieu_quyet"]  # the huyen recognition: Ban Thường vụ, 12 of 13 present
    assert vote == {"ngay": "1/6/2023", "so_thanh_vien": "13", "tan_thanh": "12", "co_mat": "13",
                    "co_quan": m.config.vote_bodies["ban-thuong-vu"].label}
