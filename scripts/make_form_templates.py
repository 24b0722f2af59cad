#!/usr/bin/env python3
"""Writes the default Word templates of Mẫu 2a and Mẫu 2b (dvk_build/forms/docx/) with python-docx.

The layout follows Hướng dẫn 36-HD/VPTW for Party documents: issuing body and number top left,
"ĐẢNG CỘNG SẢN VIỆT NAM" and place and date (italic) top right, title, body, "Nơi nhận", signature
block. Placeholders are docxtpl (Jinja) tags, listed in docs/forms.md. The output is byte-for-byte
reproducible: run `python3 scripts/make_form_templates.py` after changing this script and commit the
.docx files it writes.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

OUT = Path(__file__).resolve().parent.parent / "dvk_build" / "forms" / "docx"
FONT = "Times New Roman"
FIXED = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)  # document properties: no build time in the file
DEFAULT_NOTE = "Mẫu {form} mặc định của phần mềm dvk: thay bằng mẫu chính thức của tỉnh trước khi dùng."


def _document(form: str, title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    # HD 36-HD/VPTW: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.header_distance = Cm(1.0)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    props = doc.core_properties
    props.title, props.subject = title, f"Mẫu {form} (mặc định, thay bằng mẫu chính thức của tỉnh)"
    props.author = props.last_modified_by = "dvk"
    props.comments = DEFAULT_NOTE.format(form=form)
    props.created = props.modified = FIXED
    props.revision = 1
    props.language = "vi-VN"
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(DEFAULT_NOTE.format(form=form))
    run.italic, run.font.size = True, Pt(9)
    run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
    return doc


def _para(container, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 14,
          align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = False, before: float = 0, after: float = 0,
          underline: bool = False) -> Paragraph:
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _run(p, text, bold=bold, italic=italic, size=size, underline=underline)
    return p


def _run(p: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float = 14,
         underline: bool = False) -> None:
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    run.font.size = Pt(size)


def _body(doc, text: str, **kw) -> Paragraph:
    """A paragraph of the body: justified, first line indented, 6 pt after (HD 36: 6-12 pt)."""
    kw.setdefault("after", 6)
    return _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, **kw)


def _heading(doc, text: str, **kw) -> Paragraph:
    """A section heading of the report (I., II., ...): bold, never the last line of a page."""
    p = _body(doc, text, bold=True, **kw)
    p.paragraph_format.keep_with_next = True
    return p


def _rich(doc, parts: list[tuple[str, str]], **kw) -> Paragraph:
    """A body paragraph of runs: (style, text), style among "", "b", "i"."""
    p = _body(doc, "", **kw)
    for style, text in parts:
        _run(p, text, bold="b" in style, italic="i" in style)
    return p


def _tag(doc, tag: str) -> None:
    """A paragraph holding only a docxtpl block tag (`{%p ... %}`): docxtpl removes the paragraph."""
    _para(doc, tag, size=14)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _grid(table: Table, widths: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths):
        col.width = Cm(width)


def _cell(cell, text: str = "", **kw) -> Paragraph:
    """The cell's first paragraph (python-docx makes one), centred, with `text`."""
    p = cell.paragraphs[0]
    p.alignment = kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    if text:
        _run(p, text, **kw)
    return p


def _cell_para(cell, text: str = "", **kw) -> Paragraph:
    return _para(cell, text, align=kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER), **kw)


def _masthead(doc, *, number_prefix: str) -> None:
    """Issuing body and number (left), party name and place and date (right): HD 36, items 1-4.

    Two rows, so the number and the date line share a line as on printed Party documents.
    """
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _grid(table, [7.8, 8.7])
    (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
    _cell(left, "{%p if co_quan_cap_tren %}", size=14)
    _cell_para(left, "{{ co_quan_cap_tren }}", size=14)
    _cell_para(left, "{%p endif %}", size=14)
    _cell_para(left, "{{ co_quan_ban_hanh }}", bold=True, size=14)
    _cell_para(left, "*", size=14)
    _cell(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, underline=True)
    _cell(number, f"{number_prefix}{{{{ so_van_ban }}}}", size=14)
    _cell(date, "{{ dia_danh }}, {{ ngay_ky_day_du }}", italic=True, size=14)


def _title(doc, title: str, subtitle: list[str]) -> None:
    _para(doc, title, bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, before=18)
    for line in subtitle:
        _para(doc, line, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "-----", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)


def _signature(doc) -> None:
    """"Nơi nhận" (left, 12 pt list) and the signature block (right): HD 36, items 9 and 10."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the signature never starts a page alone
    _para(doc, "", after=6).paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _grid(table, [7.5, 9.0])
    left, right = table.rows[0].cells
    _cell(left, "Nơi nhận:", size=14, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_para(left, "{%p for n in noi_nhan %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_para(left, "- {{ n }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_para(left, "{%p endfor %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell(right, "{{ ky.thay_mat }}", bold=True, size=14)
    _cell_para(right, "{{ ky.chuc_vu }}", bold=True, size=14)
    for _ in range(4):
        _cell_para(right, "", size=14)  # room for the signature and the seal
    _cell_para(right, "{{ ky.ho_ten }}", bold=True, size=14)
    cant_split = OxmlElement("w:cantSplit")
    table.rows[0]._tr.get_or_add_trPr().append(cant_split)


def _results_table(doc) -> None:
    """The registered targets beside the results (Bước 4): one row per target, docxtpl `{%tr %}` rows."""
    table = doc.add_table(rows=4, cols=5)
    table.style = doc.styles["Table Grid"]
    _grid(table, [1.1, 6.9, 2.8, 2.8, 2.9])
    for row in table.rows:  # a row never splits across pages; the heading row repeats on each page
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    heads = ["TT", "Chỉ tiêu đăng ký", "Mức đăng ký", "Kết quả đạt", "So với đăng ký"]
    for cell, text in zip(table.rows[0].cells, heads):
        _cell(cell, text, bold=True, size=13)
    _cell(table.rows[1].cells[0], "{%tr for t in chi_tieu %}", size=13)
    row = table.rows[2].cells
    _cell(row[0], "{{ t.stt }}", size=13)
    _cell(row[1], "{{ t.chi_tieu }}", size=13, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell(row[2], "{{ t.dang_ky }}", size=13)
    _cell(row[3], "{{ t.dat }}", size=13)
    _cell(row[4], "{{ t.so_sanh }}", size=13)
    _cell(table.rows[3].cells[0], "{%tr endfor %}", size=13)


def report() -> Document:
    """Mẫu 2a: the unit's report on building the model, sections following steps 1-4 of the guideline."""
    doc = _document("2a", "Báo cáo kết quả xây dựng mô hình “Dân vận khéo”")
    _masthead(doc, number_prefix="Số ")
    _title(doc, "BÁO CÁO", ["Kết quả triển khai, thực hiện xây dựng mô hình “Dân vận khéo”",
                            "{{ ten_mo_hinh }}"])
    _rich(doc, [("", "Thực hiện {{ huong_dan }}, {{ chu_the.ten }} báo cáo kết quả xây dựng mô hình "
                     "“Dân vận khéo” {{ ten_mo_hinh }} (lĩnh vực {{ linh_vuc }}), giai đoạn {{ giai_doan }}, như sau:")])

    _heading(doc, "I. LÊN Ý TƯỞNG VÀ ĐĂNG KÝ XÂY DỰNG MÔ HÌNH")
    _rich(doc, [("b", "1. Vấn đề đặt ra: "), ("", "{{ y_tuong.van_de }}")])
    _rich(doc, [("b", "2. Phạm vi, đối tượng tác động: "), ("", "{{ y_tuong.pham_vi }}")])
    _rich(doc, [("b", "3. Điều kiện, nguồn lực: "), ("", "{{ y_tuong.dieu_kien }}")])
    _rich(doc, [("", "Lực lượng nòng cốt:")])
    _tag(doc, "{%p for x in y_tuong.nong_cot %}")
    _body(doc, "- {{ x }}")
    _tag(doc, "{%p endfor %}")
    _rich(doc, [("", "Kinh phí dự kiến: {{ y_tuong.kinh_phi }}; nguồn: {{ y_tuong.nguon_kinh_phi }}.")])
    _rich(doc, [("b", "4. Lợi ích đem lại: "), ("", "{{ y_tuong.loi_ich }}")])
    _rich(doc, [("b", "5. Khó khăn dự kiến: "), ("", "{{ y_tuong.kho_khan }}")])
    _rich(doc, [("b", "6. Kết hợp hài hòa 03 lợi ích: "), ("i", "lợi ích tập thể: "), ("", "{{ y_tuong.loi_ich_tap_the }} "),
                ("i", "Lợi ích cộng đồng: "), ("", "{{ y_tuong.loi_ich_cong_dong }} "),
                ("i", "Lợi ích cá nhân: "), ("", "{{ y_tuong.loi_ich_ca_nhan }}")])
    _rich(doc, [("b", "7. Đăng ký xây dựng mô hình: "),
                ("", "ngày {{ y_tuong.ngay_dang_ky }}, tại {{ y_tuong.noi_dang_ky }}, với các chỉ tiêu ở mục IV.")])

    _heading(doc, "II. TRIỂN KHAI XÂY DỰNG MÔ HÌNH", before=6)
    _rich(doc, [("b", "1. Ban chỉ đạo: "), ("", "{{ trien_khai.ban_chi_dao }}")])
    _rich(doc, [("b", "2. Khảo sát thực trạng "), ("", "(ngày {{ trien_khai.ngay_khao_sat }}): {{ trien_khai.khao_sat }}")])
    _rich(doc, [("b", "3. Phân công nhiệm vụ: "), ("", "{{ trien_khai.phan_cong }}")])
    _rich(doc, [("b", "4. Bản cam kết của Nhân dân: "), ("", "{{ trien_khai.cam_ket }}")])
    _rich(doc, [("b", "5. Kế hoạch triển khai "),
                ("", "(ban hành ngày {{ trien_khai.ngay_ke_hoach }}; kinh phí {{ trien_khai.kinh_phi_ke_hoach }}), gồm:")])
    _tag(doc, "{%p for x in trien_khai.hoat_dong %}")
    _body(doc, "- {{ x }}")
    _tag(doc, "{%p endfor %}")

    _heading(doc, "III. THEO DÕI, ĐÔN ĐỐC, KIỂM TRA THỰC HIỆN MÔ HÌNH", before=6)
    _tag(doc, "{%p for k in theo_doi %}")
    _rich(doc, [("", "- "), ("i", "Ngày {{ k.ngay }}: "), ("", "{{ k.hoat_dong }}. Nhận xét: {{ k.nhan_xet }} "
                                                         "Giải pháp, khắc phục: {{ k.giai_phap }}")])
    _tag(doc, "{%p endfor %}")

    _heading(doc, "IV. KẾT QUẢ VÀ TỰ ĐÁNH GIÁ MÔ HÌNH", before=6)
    _rich(doc, [("b", "1. Kết quả so với chỉ tiêu đăng ký "),
                ("", "(đánh giá ngày {{ danh_gia.ngay }}):")]).paragraph_format.keep_with_next = True
    _results_table(doc)
    _para(doc, "", after=6)
    _rich(doc, [("b", "2. Tự đánh giá: "), ("", "{{ danh_gia.tu_danh_gia }}.")])
    _rich(doc, [("b", "3. Quá trình triển khai, vấn đề phát sinh: "), ("", "{{ danh_gia.qua_trinh }}")])
    _rich(doc, [("b", "4. Mức độ lan tỏa: "), ("", "{{ danh_gia.lan_toa }}")])
    _rich(doc, [("b", "5. Kinh phí thực tế: "), ("", "{{ danh_gia.kinh_phi_thuc_te }}.")])
    _rich(doc, [("b", "6. Tính bền vững: "), ("", "{{ danh_gia.ben_vung }}")])
    _rich(doc, [("b", "7. Khả năng nhân rộng: "), ("", "{{ danh_gia.pham_vi_nhan_rong }}. {{ danh_gia.cach_nhan_rong }}")])
    _rich(doc, [("b", "8. Bài học kinh nghiệm: "), ("", "{{ danh_gia.bai_hoc }}")])

    _heading(doc, "V. ĐỐI CHIẾU VỚI TIÊU CHÍ MÔ HÌNH “DÂN VẬN KHÉO”", before=6)
    _tag(doc, "{%p for x in tieu_chi %}")
    _rich(doc, [("", "- "), ("i", "{{ x.ten }}: "), ("", "{{ x.minh_chung }}")])
    _tag(doc, "{%p endfor %}")

    _heading(doc, "VI. ĐỀ NGHỊ", before=6)
    _rich(doc, [("", "{{ chu_the.ten }} đề nghị {{ co_quan_cong_nhan }} xem xét, công nhận mô hình "
                     "“Dân vận khéo” {{ cap_cong_nhan }} đối với mô hình {{ ten_mo_hinh }}./.")])
    _signature(doc)
    return doc


def notice() -> Document:
    """Mẫu 2b: the Party committee's notice recognizing the model (guideline, step 5.3)."""
    doc = _document("2b", "Thông báo công nhận mô hình “Dân vận khéo”")
    _masthead(doc, number_prefix="Số ")
    _title(doc, "THÔNG BÁO", ["công nhận mô hình “Dân vận khéo” {{ cap_cong_nhan }}"])
    _body(doc, "Căn cứ {{ huong_dan }};")
    _body(doc, "Căn cứ Báo cáo kết quả triển khai, thực hiện xây dựng mô hình “Dân vận khéo” "
               "ngày {{ ngay_bao_cao }} của {{ chu_the.ten }};")
    _body(doc, "Căn cứ kết quả biểu quyết của {{ co_quan_cong_nhan }} ngày {{ bieu_quyet.ngay }} "
               "({{ bieu_quyet.tan_thanh }}/{{ bieu_quyet.so_thanh_vien }} đồng chí tán thành),")
    _body(doc, "{{ co_quan_cong_nhan }} thông báo công nhận mô hình “Dân vận khéo” {{ cap_cong_nhan }}, "
               "giai đoạn {{ giai_doan }}, như sau:")
    _rich(doc, [("b", "1. Tên mô hình: "), ("", "{{ ten_mo_hinh }}.")])
    _rich(doc, [("b", "2. {{ chu_the.loai }} thực hiện: "), ("", "{{ chu_the.ten_day_du }}.")])
    _rich(doc, [("b", "3. Địa bàn: "), ("", "{{ dia_ban.day_du }}.")])
    _rich(doc, [("b", "4. Lĩnh vực: "), ("", "{{ linh_vuc }}.")])
    _rich(doc, [("b", "5. Kết quả nổi bật: "), ("", "{{ tom_tat }}")])
    _body(doc, "Đề nghị {{ chu_the.ten }} tiếp tục duy trì, nâng cao chất lượng mô hình; các cơ quan, đơn vị, "
               "tổ chức trên địa bàn tuyên truyền, học tập và nhân rộng mô hình./.")
    _signature(doc)
    return doc


# Parts of python-docx's own default template a filled form does not need: they made each file ~40 KB
# (the site publishes two per model, 10,000 models and more).
# Word rebuilds a font table and web settings when it saves; no paragraph here is numbered.
_DROP = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/", "word/webSettings.xml",
         "word/fontTable.xml", "word/numbering.xml")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _slim_styles(styles: bytes, used: set[str]) -> bytes:
    """styles.xml with the styles the document uses (and what they are based on), defaults, no latent styles."""
    root = etree.fromstring(styles)
    w = f"{{{_W}}}"
    for latent in root.findall(f"{w}latentStyles"):
        root.remove(latent)
    by_id = {s.get(f"{w}styleId"): s for s in root.findall(f"{w}style")}
    keep = set(used) | {i for i, s in by_id.items() if s.get(f"{w}default") == "1"}
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        for ref in () if style is None else style.findall(f"{w}basedOn") + style.findall(f"{w}next"):
            target = ref.get(f"{w}val")
            if target not in keep:
                keep.add(target)
                todo.append(target)
    for style_id, style in by_id.items():
        if style_id not in keep:
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_refs(xml: bytes, attribute: str, base: str = "") -> bytes:
    """A relationships or content-types part without the entries that name a dropped part (`base`: the rels' folder)."""
    root = etree.fromstring(xml)
    for el in list(root):
        value = el.get(attribute) or ""
        target = value.lstrip("/") if value.startswith("/") else posixpath.normpath(posixpath.join(base, value))
        if any(target.startswith(d) for d in _DROP):
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reproducible(data: bytes) -> bytes:
    """The .docx slimmed (_DROP, _slim_styles), with fixed member dates (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        names = [n for n in zin.namelist() if not any(n.startswith(d) for d in _DROP)]
        used: set[str] = set()
        for name in names:
            if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name:
                used |= set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', zin.read(name).decode("utf-8")))
        for name in names:
            member = zin.read(name)
            if name == "word/styles.xml":
                member = _slim_styles(member, used)
            elif name.endswith(".rels"):
                member = _drop_refs(member, "Target", posixpath.dirname(posixpath.dirname(name)))
            elif name == "[Content_Types].xml":
                member = _drop_refs(member, "PartName")
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, member)
    return out.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in (("mau-2a.docx", report), ("mau-2b.docx", notice)):
        buf = io.BytesIO()
        make().save(buf)
        (OUT / name).write_bytes(_reproducible(buf.getvalue()))
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
