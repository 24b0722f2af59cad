"""Personal data: realistic Vietnamese sentences, what must be refused and what must pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import SHIPPED_DOSSIER, make_dvk_project
from dvk_build.validate.engine import check_paths

# (code, sentence): each must be reported with exactly that code.
PERSONAL: list[tuple[str, str]] = [
    ("DVK502", "Chị Nguyễn Thị Lan, số CCCD 079185001234, là tổ trưởng tổ tự quản."),
    ("DVK502", "Ông Trần Văn Bảy (căn cước công dân: 072 090 012 345) nhận giấy khen."),
    ("DVK502", "Danh sách hộ nghèo kèm số định danh 001203004567 của từng chủ hộ."),
    ("DVK502", "Số 079185001234 là căn cước của chủ hộ."),
    ("DVK502", "Bà Năm, CMND số 025123456 do Công an tỉnh cấp, đóng góp 2 triệu đồng."),
    ("DVK502", "Ông Sáu (chứng minh nhân dân 290 123 456) hiến 200 m² đất làm đường."),
    ("DVK502", "Số CMT: 186.543.210 của anh Tư được ghi trong biên bản."),
    ("DVK503", "Mọi thắc mắc liên hệ chị Lan, số điện thoại 0912 345 678."),
    ("DVK503", "Tổ trưởng Nguyễn Văn Hùng, ĐT: 0912.345.678, trực tiếp nhận phản ánh."),
    ("DVK503", "Người dân báo tin qua Zalo 0356123456 của tổ trưởng."),
    ("DVK503", "Liên hệ anh Minh: +84 912 345 678 (Zalo)."),
    ("DVK503", "Số máy của trưởng ấp (+84) 387654321 luôn mở."),
    ("DVK503", "Gọi 0084 98 765 4321 để đăng ký tham gia."),
    ("DVK503", "SĐT: 086-555-1234 (chị Hoa)."),
    ("DVK503", "Điện thoại tổ trưởng 0789 123 456."),
    ("DVK504", "Góp ý gửi về lan.nguyen@gmail.com hoặc gặp trực tiếp."),
    ("DVK504", "Hộp thư của tổ trưởng: thuhuong1985@yahoo.com.vn."),
    ("DVK504", "Gửi ảnh về địa chỉ lan.nguyen [at] gmail.com nhé."),
    ("DVK504", "Thư gửi tohung@bandanvan.gov.vn.example.com bị trả lại."),
    ("DVK505", "Buổi họp tổ chức tại nhà số 25 đường Trần Phú của bà Tư."),
    ("DVK505", "Tổ tự quản họp tại số nhà 12, tổ 3, khu phố 2."),
    ("DVK505", "Chủ hộ ở 12/3 đường Lê Lợi đã ký cam kết."),
    ("DVK505", "Hộ ông Bảy ở hẻm 45/7 Nguyễn Trãi tham gia từ đầu."),
    ("DVK505", "Địa chỉ thường trú: ấp Phú Hòa, xã Phú An."),
    ("DVK505", "Ông Ba trú tại 25 Trần Phú, thị trấn Châu Thành."),
    ("DVK505", "Bà Hai cư ngụ tại số 8 đường Hùng Vương."),
    ("DVK505", "Nhà bà Năm ở số 14 đường 30 Tháng 4 là điểm tập kết rác."),
]

# Sentences from real reports that must pass: money, notices, years, landlines, places, official mailboxes.
ORDINARY: list[str] = [
    "Tổng kinh phí 150000000 đồng, trong đó xã hội hóa 95000000 đồng.",
    "Kinh phí thực hiện 1.250.000.000 đồng, vượt dự toán 3%.",
    "Huy động được 150.000.000 đồng và 123456789 đồng từ doanh nghiệp.",
    "Ngân sách huyện hỗ trợ 100000000000 đồng cho 14 xã.",
    "Thông báo số 145-TB/HU ngày 6/10/2023 của Ban Thường vụ Huyện ủy.",
    "Quyết định số 1234/QĐ-UBND ngày 20/6/2022 của Ủy ban nhân dân tỉnh.",
    "Kế hoạch số 03-KH/ĐU năm 2022; Nghị quyết số 05-NQ/CB.",
    "Mô hình triển khai trong các năm 2021, 2022, 2023 và 2024.",
    "Ngày 20/6/2022 đường liên ấp được khánh thành sau 3 tháng thi công.",
    "Điện thoại cơ quan: 0276 3878 215.",
    "Đường dây nóng của Ủy ban nhân dân xã: (0276) 3822 123 hoặc 0276.3822.123.",
    "Tổng đài 1900 1234 và 1800 599 920 hỗ trợ miễn phí.",
    "Số máy bàn 02763822123 của Văn phòng Huyện ủy.",
    "Hộp thư bandanvan.chauthanh@tayninh.dcs.vn tiếp nhận góp ý.",
    "Thư gửi về vanphong@ubnd.tayninh.gov.vn.",
    "118/118 hộ hai bên tuyến đường ký cam kết; 12/15 hộ nghèo thoát nghèo.",
    "Tổ 5, khu phố 3, phường 2 làm trước; ấp Phú Hòa làm sau.",
    "Nhân dân sinh sống tại 14 ấp trong huyện đã học tập cách làm.",
    "Nhà văn hóa ấp Phú Hòa là nơi công khai kết quả hằng tháng.",
    "Tuyến đường liên ấp dài 3,2 km, lắp 63 bóng đèn.",
    "Cán bộ kiểm tra CMND khi người dân làm thủ tục, không ghi lại số.",
    "Tỷ lệ hộ dùng nước sạch đạt 98,5%, tăng 0,912 điểm.",
    "Mã số thuế của hợp tác xã là 3901234567.",
    "Chỉ thị số 23/CT-TW và Quy định số 08-QĐi/TW được quán triệt.",
    "Năm 2023 đạt 079 hộ văn hóa, năm 2024 đạt 085 hộ.",
    "Km 12+300 quốc lộ 22B có biển báo mới.",
]


def _dossier(summary_extra: str = "", body_extra: str = "", contact: dict | None = None) -> str:
    _, fm, body = SHIPPED_DOSSIER.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(fm)
    data["summary"] = f"{data['summary']} {summary_extra}".strip()
    if contact is not None:
        data["contact"] = contact
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body + body_extra


def _codes(tmp: Path, files: dict[str, str]) -> dict[str, list[tuple[str, int, int]]]:
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    report = check_paths([tmp], today=dt.date.today(), root=tmp)
    out: dict[str, list[tuple[str, int, int]]] = {name: [] for name in files}
    for p in report.problems:
        out[Path(p.path).name].append((p.code, p.line, p.col))
    return out


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, int, int]]]:
    """Every sentence in a field and in the body of its own dossier, validated in one run."""
    files = {}
    for i, (_, sentence) in enumerate(PERSONAL):
        files[f"p{i:02d}-field.md"] = _dossier(summary_extra=sentence)
        files[f"p{i:02d}-body.md"] = _dossier(body_extra=f"\n{sentence}\n")
    for i, sentence in enumerate(ORDINARY):
        files[f"o{i:02d}-field.md"] = _dossier(summary_extra=sentence)
        files[f"o{i:02d}-body.md"] = _dossier(body_extra=f"\n{sentence}\n")
    return _codes(tmp_path_factory.mktemp("privacy"), files)


@pytest.mark.parametrize("i", range(len(PERSONAL)), ids=[s[:40] for _, s in PERSONAL])
def test_personal_data_is_refused_with_its_code(results: dict[str, list[tuple[str, int, int]]], i: int) -> None:
    code, _ = PERSONAL[i]
    for place in ("field", "body"):
        codes = [c for c, _, _ in results[f"p{i:02d}-{place}.md"] if c.startswith("DVK50")]
        assert codes == [code], (place, codes)


@pytest.mark.parametrize("i", range(len(ORDINARY)), ids=[s[:40] for s in ORDINARY])
def test_ordinary_report_text_passes(results: dict[str, list[tuple[str, int, int]]], i: int) -> None:
    for place in ("field", "body"):
        assert results[f"o{i:02d}-{place}.md"] == [], place


def test_body_position_points_at_the_number(tmp_path: Path) -> None:
    sentence = "Liên hệ tổ trưởng qua số 0912 345 678 vào buổi tối."
    text = _dossier(body_extra=f"\nĐoạn đầu.\n\n{sentence}\n")
    (found,) = _codes(tmp_path, {"a.md": text})["a.md"]
    line = text.split("\n")[found[1] - 1]
    assert found[0] == "DVK503" and line[found[2] - 1:].startswith("0912 345 678")


def test_message_masks_the_value(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(_dossier(summary_extra="CCCD 079185001234."), encoding="utf-8")
    (problem,) = check_paths([tmp_path], today=dt.date.today(), root=tmp_path).problems
    assert "079185001234" not in problem.message and "079…34" in problem.message


# --- the official contact: the one visible way to publish a unit's phone and mailbox ----------


def test_official_contact_may_publish_a_landline_and_a_unit_mailbox(tmp_path: Path) -> None:
    contact = {"unit": "Ban Dân vận Huyện ủy Châu Thành", "phone": "0276 3878 215",
               "email": "bandanvan@chauthanh.tayninh.gov.vn", "official": True}
    assert _codes(tmp_path, {"a.md": _dossier(contact=contact)})["a.md"] == []


def test_official_true_does_not_make_a_mobile_or_a_free_mailbox_a_units(tmp_path: Path) -> None:
    """Issue 11: a mobile number and a free mailbox are a person's, whatever `official` says."""
    contact = {"unit": "Ban Dân vận Huyện ủy Châu Thành", "phone": "0912 345 678",
               "email": "bandanvan.chauthanh@gmail.com", "official": True}
    codes = sorted(c for c, _, _ in _codes(tmp_path, {"a.md": _dossier(contact=contact)})["a.md"])
    assert codes == ["DVK503", "DVK504"]


def test_without_official_true_the_same_contact_is_refused(tmp_path: Path) -> None:
    contact = {"unit": "Ban Dân vận Huyện ủy Châu Thành", "phone": "0912 345 678",
               "email": "bandanvan.chauthanh@gmail.com", "official": False}
    codes = sorted(c for c, _, _ in _codes(tmp_path, {"a.md": _dossier(contact=contact)})["a.md"])
    assert codes == ["DVK503", "DVK504"]


def test_official_does_not_cover_other_fields(tmp_path: Path) -> None:
    """`official: true` covers contact.phone and contact.email only, not a mobile typed elsewhere."""
    contact = {"unit": "Ban Dân vận Huyện ủy Châu Thành", "phone": "0276 3878 215", "official": True}
    codes = [c for c, _, _ in _codes(tmp_path, {"a.md": _dossier("Gọi chị Lan 0912 345 678.", contact=contact)})["a.md"]]
    assert codes == ["DVK503"]


def test_site_labels_the_official_contact(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    contact = {"unit": "Ban Dân vận Huyện ủy Châu Thành", "phone": "0276 3878 215",
               "email": "bandanvan.chauthanh@tayninh.dcs.vn", "official": True}
    config = make_dvk_project(tmp_path, {"mau.md": _dossier(contact=contact)})
    build(load_config(str(config)))
    html = (tmp_path / "site" / "mo-hinh" / "mau" / "index.html").read_text(encoding="utf-8")
    assert "Điện thoại cơ quan: 0276 3878 215" in html
    assert "Thư điện tử cơ quan: bandanvan.chauthanh@tayninh.dcs.vn" in html
