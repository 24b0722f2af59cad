"""Generate N varied, realistic, valid synthetic dossiers (for benchmarks).

    python bench/generate.py N OUTDIR [--seed S] [--drafts FRACTION]

Writes OUTDIR/<slug>.md, one dossier per file, deterministic for a seed: dossier i depends only
on (seed, i), so the first 1,000 of a 10,000 run are the 1,000 of a 1,000 run. Both periods
(2021-2025 with co-so/huyen/tinh, 2026-2030 with xa/tinh), both holder kinds, all fields, drafts
(about 10 % by default, at steps 1-4), Vietnamese text with diacritics. Every dossier passes
`dvk check` with no error and no warning (tests/test_bench_generator.py checks it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's dvk_build
from dvk_build import register  # noqa: E402  (localities are real units of the official register)

# --- vocabulary ---------------------------------------------------------------------------------

# Localities: communes drawn uniformly from the official register of the period (10,035 before
# 1 July 2025, 3,321 since), so every province appears and the map is tried at its largest.
LEGACY_COMMUNES = register.communes(register.LEGACY)
CURRENT_COMMUNES = register.communes(register.CURRENT)
PLACE_NAMES = [
    "Phú Hòa", "An Thạnh", "Long Thành", "Bình Minh", "Tân Phước", "Hòa Hiệp", "Thạnh Lợi", "Mỹ Xuân", "Đông Hải",
    "Tân Đông", "Phước Vinh", "Hưng Thuận", "Trường Tây", "Lộc Hưng", "Vĩnh Xuân", "Quang Trung", "Đồng Tâm",
    "Nghĩa Hưng", "Yên Thế", "Cẩm Bình", "Xuân Sơn", "Thượng Lâm", "Tân Lập", "Hòa Bình", "Phước Đông",
    "Thanh Điền", "Ninh Sơn", "Gia Lộc", "Kim Sơn", "Thụy Xuân", "Đức Hòa", "Cần Giuộc", "Châu Thành",
]
HAMLET_WORDS = ["ấp", "thôn", "khu phố", "tổ dân phố", "bản", "xóm"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = {"nam": ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh"], "nu": ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ"]}
GIVEN = {"nam": ["Tâm", "Hùng", "Dũng", "Phúc", "Sơn", "Thành", "Bảy", "Tám", "Lợi", "Quang", "Khải", "Nghĩa"],
         "nu": ["Lan", "Hoa", "Hằng", "Nga", "Mai", "Thảo", "Hương", "Yến", "Loan", "Xuân", "Dung", "Huệ"]}
UNITS = [  # (collective holder, leader's title) — `{p}` is a hamlet, `{x}` a commune
    ("Chi hội Phụ nữ {p}", "Chi hội trưởng Chi hội Phụ nữ {p}"),
    ("Chi hội Nông dân {p}", "Chi hội trưởng Chi hội Nông dân {p}"),
    ("Chi hội Cựu chiến binh {p}", "Chi hội trưởng Chi hội Cựu chiến binh {p}"),
    ("Chi đoàn {p}", "Bí thư Chi đoàn {p}"),
    ("Ban Công tác Mặt trận {p}", "Trưởng Ban Công tác Mặt trận {p}"),
    ("Chi bộ {p}", "Bí thư Chi bộ {p}"),
    ("Ban nhân dân {p}", "Trưởng {p}"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam {x}", "Chủ tịch Ủy ban Mặt trận Tổ quốc {x}"),
    ("Hội Liên hiệp Phụ nữ {x}", "Chủ tịch Hội Liên hiệp Phụ nữ {x}"),
    ("Công an {x}", "Trưởng Công an {x}"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh {x}", "Bí thư Đoàn {x}"),
    ("Trường Trung học cơ sở {name}", "Hiệu trưởng Trường Trung học cơ sở {name}"),
    ("Trạm Y tế {x}", "Trưởng Trạm Y tế {x}"),
    ("Hợp tác xã nông nghiệp {name}", "Giám đốc Hợp tác xã nông nghiệp {name}"),
]


@dataclass(frozen=True)
class Theme:
    field: str
    title: str  # `{p}` is the hamlet or commune
    problem: str
    targets: tuple[tuple[str, str, str, int, int, bool], ...]  # id, indicator, unit, low, high, lower is better
    activities: tuple[str, ...]
    benefit: str


THEMES: tuple[Theme, ...] = (
    Theme("kinh-te", "Tổ hợp tác trồng rau an toàn {p}",
          "Nông dân trồng rau nhỏ lẻ, dùng thuốc bảo vệ thực vật tùy tiện, bán bị ép giá.",
          (("ho-tham-gia", "Số hộ tham gia tổ hợp tác", "hộ", 20, 80, False),
           ("dien-tich", "Diện tích rau đạt tiêu chuẩn VietGAP", "ha", 5, 40, False),
           ("thu-nhap", "Thu nhập bình quân tăng thêm mỗi hộ", "triệu đồng/năm", 10, 40, False)),
          ("Tập huấn quy trình VietGAP cho các hộ", "Ký hợp đồng bao tiêu với bếp ăn trường học",
           "Lập sổ ghi chép nhật ký sản xuất"), "Thu nhập ổn định, rau sạch cho bữa ăn của học sinh"),
    Theme("kinh-te", "Vận động Nhân dân hiến đất làm đường giao thông nông thôn {p}",
          "Đường liên ấp hẹp, mùa mưa lầy lội, xe chở nông sản không vào được.",
          (("ho-hien-dat", "Số hộ hiến đất", "hộ", 40, 250, False),
           ("dien-tich-hien", "Diện tích đất hiến", "m²", 1000, 12000, False),
           ("khieu-nai", "Số đơn khiếu nại về hiến đất", "đơn", 0, 0, True)),
          ("Công khai bản vẽ tuyến đường tại nhà văn hóa", "Tổ vận động gặp riêng từng hộ còn băn khoăn",
           "Đoàn viên giúp hộ neo đơn dời hàng rào"), "Đường rộng, xe tải vào tận ruộng, giá nông sản tăng"),
    Theme("kinh-te", "Nhóm tiết kiệm vốn vay xoay vòng giúp hội viên thoát nghèo {p}",
          "Nhiều hộ hội viên thiếu vốn sản xuất, phải vay nặng lãi.",
          (("ho-vay", "Số hộ được vay vốn xoay vòng", "hộ", 15, 60, False),
           ("ho-thoat-ngheo", "Số hộ thoát nghèo", "hộ", 3, 20, False)),
          ("Họp nhóm hằng tháng, công khai sổ quỹ", "Hướng dẫn cách làm ăn cho hộ mới vay"),
          "Hội viên có vốn làm ăn, không còn vay nặng lãi"),
    Theme("van-hoa-xa-hoi", "Xây dựng nhà đại đoàn kết cho hộ nghèo {p}",
          "Còn nhiều hộ nghèo ở nhà tạm, dột nát, không đủ vốn tự sửa chữa.",
          (("nha-dai-doan-ket", "Số căn nhà đại đoàn kết xây mới", "căn", 3, 25, False),
           ("kinh-phi-van-dong", "Kinh phí vận động được", "triệu đồng", 200, 2000, False)),
          ("Lập danh sách hộ khó khăn về nhà ở", "Vận động con em xa quê và nhà hảo tâm",
           "Công khai số tiền nhận được tại nhà văn hóa"), "Hộ nghèo có nhà vững chắc, yên tâm làm ăn"),
    Theme("van-hoa-xa-hoi", "Câu lạc bộ “Gia đình hạnh phúc” {p}",
          "Còn tình trạng bạo lực gia đình, trẻ em bỏ học giữa chừng.",
          (("thanh-vien", "Số thành viên câu lạc bộ", "người", 20, 90, False),
           ("vu-bao-luc", "Số vụ bạo lực gia đình", "vụ", 0, 0, True)),
          ("Sinh hoạt chuyên đề hằng tháng", "Thăm hỏi, hòa giải các gia đình có mâu thuẫn"),
          "Gia đình êm ấm, trẻ em được đến trường"),
    Theme("van-hoa-xa-hoi", "Khuyến học “Nâng bước em đến trường” {p}",
          "Nhiều học sinh hoàn cảnh khó khăn có nguy cơ bỏ học.",
          (("hoc-bong", "Số suất học bổng trao tặng", "suất", 20, 150, False),
           ("bo-hoc", "Số học sinh bỏ học", "em", 0, 0, True)),
          ("Vận động doanh nghiệp, nhà hảo tâm đỡ đầu học sinh", "Thăm hỏi học sinh khó khăn đầu năm học"),
          "Học sinh khó khăn được tiếp tục đến trường"),
    Theme("quoc-phong-an-ninh", "Tổ tự quản an ninh trật tự {p}",
          "Trộm cắp vặt và tụ tập gây rối ban đêm làm người dân lo lắng.",
          (("camera", "Số camera an ninh lắp đặt", "camera", 5, 60, False),
           ("vu-trom", "Số vụ trộm cắp tài sản", "vụ", 0, 0, True)),
          ("Tuần tra ban đêm theo lịch", "Lắp camera bằng nguồn xã hội hóa", "Họp dân phổ biến pháp luật"),
          "Người dân yên tâm làm ăn, trật tự được giữ vững"),
    Theme("quoc-phong-an-ninh", "Dân vận khéo trong vận động thanh niên lên đường nhập ngũ {p}",
          "Một số thanh niên và gia đình còn ngại thực hiện nghĩa vụ quân sự.",
          (("nhap-ngu", "Số thanh niên nhập ngũ đạt chỉ tiêu", "người", 5, 30, False),
           ("tron-kham", "Số trường hợp trốn khám tuyển", "người", 0, 0, True)),
          ("Gặp gỡ gia đình thanh niên trong diện gọi nhập ngũ", "Tổ chức buổi giao lưu với bộ đội xuất ngũ"),
          "Hoàn thành chỉ tiêu giao quân, gia đình yên tâm"),
    Theme("xay-dung-he-thong-chinh-tri", "Tiếp dân và đối thoại định kỳ với Nhân dân {p}",
          "Ý kiến của người dân chậm được trả lời, dẫn đến đơn thư vượt cấp.",
          (("buoi-doi-thoai", "Số buổi đối thoại tổ chức", "buổi", 4, 24, False),
           ("y-kien-giai-quyet", "Tỷ lệ ý kiến được giải quyết", "%", 80, 100, False),
           ("don-vuot-cap", "Số đơn thư vượt cấp", "đơn", 0, 0, True)),
          ("Đối thoại trực tiếp mỗi quý", "Công khai kết quả giải quyết ý kiến tại nhà văn hóa"),
          "Niềm tin của Nhân dân với cấp ủy, chính quyền được củng cố"),
    Theme("xay-dung-he-thong-chinh-tri", "Đảng viên gương mẫu nhận đỡ đầu hộ khó khăn {p}",
          "Một số hộ khó khăn thiếu người hướng dẫn cách làm ăn.",
          (("ho-do-dau", "Số hộ được đảng viên đỡ đầu", "hộ", 10, 60, False),
           ("ho-thoat-ngheo", "Số hộ thoát nghèo", "hộ", 2, 20, False)),
          ("Phân công mỗi đảng viên phụ trách từ 1 đến 3 hộ", "Đánh giá kết quả đỡ đầu tại sinh hoạt chi bộ"),
          "Hộ khó khăn vươn lên, vai trò của đảng viên được phát huy"),
    Theme("bon-khong", "Tuyến đường tự quản “Sáng - Xanh - Sạch - Đẹp” {p}",
          "Tuyến đường có nhiều điểm đổ rác tự phát, ban đêm không có đèn.",
          (("ho-cam-ket", "Số hộ ký cam kết giữ vệ sinh", "hộ", 40, 200, False),
           ("diem-rac", "Số điểm rác tự phát còn tồn tại", "điểm", 0, 0, True),
           ("den-chieu-sang", "Số bóng đèn chiếu sáng lắp đặt", "bóng", 20, 120, False)),
          ("Ra quân dọn vệ sinh sáng chủ nhật cuối tháng", "Vận động mỗi hộ góp một bóng đèn",
           "Đưa kết quả tự quản vào bình xét gia đình văn hóa"), "Đường sạch, sáng, an toàn cho người đi đường"),
    Theme("bon-khong", "Phân loại rác tại nguồn, nói không với rác thải nhựa {p}",
          "Rác sinh hoạt chưa được phân loại; túi ni lông dùng tràn lan.",
          (("ho-phan-loai", "Số hộ phân loại rác tại nguồn", "hộ", 100, 1200, False),
           ("bai-rac", "Số bãi rác tự phát", "điểm", 0, 0, True)),
          ("Tập huấn phân loại rác cho tổ trưởng tổ dân cư", "Đổi rác tái chế lấy cây xanh"),
          "Môi trường sạch, giảm dịch bệnh"),
    Theme("bon-khong", "Cổng trường an toàn giao thông {p}",
          "Giờ tan học, phụ huynh dừng đỗ xe lấn chiếm lòng đường gây ùn tắc.",
          (("tiet-ngoai-khoa", "Số buổi ngoại khóa về an toàn giao thông", "buổi", 4, 20, False),
           ("vu-va-cham", "Số vụ va chạm giao thông trước cổng trường", "vụ", 0, 0, True)),
          ("Phân công đoàn viên điều tiết giao thông giờ tan học", "Kẻ vạch dừng đỗ xe cho phụ huynh"),
          "Học sinh đến trường an toàn"),
    Theme("bon-khong", "Giải quyết thủ tục hành chính không để người dân đi lại nhiều lần {p}",
          "Người dân phải đi lại nhiều lần mới làm xong một thủ tục.",
          (("ho-so-dung-han", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 90, 100, False),
           ("phan-anh", "Số phản ánh về thái độ phục vụ", "lượt", 0, 0, True)),
          ("Niêm yết công khai thủ tục và thời hạn giải quyết", "Hỗ trợ nộp hồ sơ trực tuyến tại nhà văn hóa"),
          "Người dân hài lòng, không phải đi lại nhiều lần"),
)

SENTENCES = [
    "Cấp ủy giao nhiệm vụ cụ thể cho từng đảng viên, mỗi người phụ trách một nhóm hộ.",
    "Tổ vận động đến từng nhà vào buổi tối, khi cả gia đình có mặt, để nói chuyện và lắng nghe ý kiến.",
    "Kết quả thực hiện được công khai hằng tháng tại nhà văn hóa, kể cả những việc chưa làm được.",
    "Những hộ làm tốt được biểu dương tại cuộc họp dân cuối năm; hộ còn khó khăn được giúp đỡ tận tình.",
    "Người có uy tín trong cộng đồng và chức sắc tôn giáo cùng tham gia vận động.",
    "Kinh phí chủ yếu do Nhân dân tự nguyện đóng góp, được ghi sổ và công khai rõ ràng.",
    "Mọi việc đều được bàn bạc dân chủ: dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.",
    "Ban đầu còn một số hộ chưa đồng tình, nhưng sau khi thấy kết quả ở các hộ lân cận đã tự nguyện tham gia.",
    "Các đoàn thể phối hợp chặt chẽ, tránh chồng chéo, mỗi đoàn thể phụ trách một phần việc.",
    "Mô hình được đưa vào hương ước, quy ước của khu dân cư để duy trì lâu dài.",
    "Cán bộ, đảng viên gương mẫu làm trước để Nhân dân làm theo.",
    "Việc kiểm tra được làm thường xuyên, phát hiện sớm và khắc phục ngay những việc chưa đạt.",
]
LESSONS = [
    "Phải chọn đúng việc dân cần, dân mong.",
    "Cán bộ nói đi đôi với làm, gần dân, hiểu dân.",
    "Công khai, minh bạch tạo được niềm tin của Nhân dân.",
    "Phát huy vai trò của người có uy tín trong cộng đồng.",
    "Kiên trì vận động, không nóng vội, không áp đặt.",
]


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_.lower()).split()
    return "-".join(words)


class Day:
    """A date cursor that only moves forward."""

    def __init__(self, rng: random.Random, start: dt.date) -> None:
        self.rng, self.day = rng, start

    def after(self, lo: int, hi: int) -> dt.date:
        self.day += dt.timedelta(days=self.rng.randint(lo, hi))
        return self.day


def committee(province: str) -> str:
    """The Party committee of a province: `Tỉnh Tây Ninh` → `Tỉnh ủy Tây Ninh`, `Thành phố Huế` → `Thành ủy Huế`."""
    kind, _, name = province.partition(" ")
    if kind == "Thành":
        return "Thành ủy " + name.partition(" ")[2]
    return "Tỉnh ủy " + name


def person(rng: random.Random) -> str:
    sex = rng.choice(["nam", "nu"])
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(SENTENCES, n))


@dataclass(frozen=True)
class Plan:
    """What dossier i will be: decided first, so that titles and slugs are known before any is written."""

    i: int
    period: str
    theme: Theme
    unit: register.Unit  # the commune of the register
    commune: str  # its proper name, "Tân Thạch"
    kind: str  # "xã", "phường", "thị trấn" or "đặc khu"
    hamlet: str  # "ấp Phú Hòa"; the title names it, or the commune
    title: str
    slug: str


def plan(seed: int, i: int) -> Plan:
    rng = random.Random(f"{seed}/{i}/plan")
    period = "2026-2030" if rng.random() < 0.15 else "2021-2025"
    theme = rng.choice(THEMES)
    unit = rng.choice(CURRENT_COMMUNES if period == "2026-2030" else LEGACY_COMMUNES)
    commune = register.strip_prefix(unit.commune, "commune")
    kind = unit.commune[: len(unit.commune) - len(commune)].strip().lower()
    hamlet = f"{rng.choice(HAMLET_WORDS)} {rng.choice([n for n in PLACE_NAMES if n != commune])}"
    title = theme.title.format(p=hamlet if rng.random() < 0.6 else f"{kind} {commune}")
    return Plan(i, period, theme, unit, commune, kind, hamlet, title, f"{slugify(title)[:60].rstrip('-')}-{i:05d}")


def district_committee(district: str) -> str:
    """`Huyện Gò Dầu` → `Huyện ủy Gò Dầu`, `Thị xã Trảng Bàng` → `Thị ủy Trảng Bàng`, `Quận 1` → `Quận ủy 1`."""
    name = register.strip_prefix(district, "district")
    kind = district[: len(district) - len(name)].strip()
    return f"{ {'Thị xã': 'Thị ủy', 'Thành phố': 'Thành ủy', 'Quận': 'Quận ủy'}.get(kind, 'Huyện ủy')} {name}"


def dossier(seed: int, p: Plan, earlier: list[Plan], draft_share: float) -> tuple[dict[str, Any], str]:
    """(front matter, Markdown body) of dossier p."""
    rng = random.Random(f"{seed}/{p.i}")
    commune, hamlet, ward = p.commune, p.hamlet, f"{p.kind} {p.commune}"  # ward: "xã Tân Thạch"
    district = p.unit.district
    new_period = p.period == "2026-2030"
    kind = "ca-nhan" if rng.random() < 0.25 else "tap-the"
    unit_name, leader_title = rng.choice(UNITS)
    fmt = {"p": hamlet, "x": ward, "name": commune}
    unit = unit_name.format(**fmt)
    party_body = f"Đảng ủy {ward}"
    fields = [p.theme.field] + ([rng.choice([f for f in FIELDS if f != p.theme.field])] if rng.random() < 0.3 else [])

    data: dict[str, Any] = {"title": p.title, "period": p.period, "fields": fields}
    holder_name = person(rng) if kind == "ca-nhan" else unit
    data["summary"] = (f"{holder_name} vận động Nhân dân thực hiện mô hình {p.title[0].lower()}{p.title[1:]}. "
                       f"{p.theme.benefit}; mô hình được cấp ủy ghi nhận và nhân rộng.")
    data["holder"] = {"kind": kind, "name": holder_name,
                      "title": leader_title.format(**fmt) if kind == "ca-nhan" else None, "party_body": party_body}
    if rng.random() < 0.4:
        data["contact"] = {"unit": f"Ban Dân vận Đảng ủy {ward}", "phone": f"02{rng.randint(10, 99)} 3{rng.randint(100, 999)} {rng.randint(100, 999)}",
                           "email": f"bdv.{slugify(commune).replace('-', '')}@{rng.choice(['dcs.vn', 'gov.vn'])}", "official": True}
    if new_period:
        data["locality"] = {"province": p.unit.province, "commune": p.unit.commune}
    else:  # the unit today is derived from the register, never written
        data["locality"] = {"province": p.unit.province, "district": district, "commune": p.unit.commune}

    # the furthest step: drafts stop at 1-4; recognized models go to 5, some to 6
    draft = rng.random() < draft_share
    stage = rng.randint(1, 4) if draft else (6 if rng.random() < 0.35 else 5)
    tiers = ["xa", "tinh"] if new_period else ["co-so", "huyen", "tinh"]
    top = 0 if draft else (rng.choices(range(len(tiers)), weights=[80, 20] if new_period else [55, 30, 15])[0])
    start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 20)) if new_period else \
        dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 1000 - 400 * top))
    day = Day(rng, start)
    quick = (1, 4) if new_period else (5, 20)  # 2026-2030 models must fit before today

    targets = []
    for tid, indicator, unit_, lo, hi, lower in rng.sample(p.theme.targets, rng.randint(1, len(p.theme.targets))):
        t: dict[str, Any] = {"id": tid, "indicator": indicator, "target": rng.randint(lo, hi), "unit": unit_}
        if lower:
            t["better"] = "lower"
        targets.append(t)
    amount = rng.randrange(5, 500) * 1_000_000
    data["idea"] = {
        "problem": p.theme.problem + " " + paragraph(rng, 1),
        "scope": f"Các hộ dân {hamlet}, {ward}.",
        "conditions": paragraph(rng, 1),
        "core_team": [f"Tổ vận động {rng.randint(3, 12)} người", f"{leader_title.format(**fmt)} phụ trách chung"],
        "funding": {"amount_vnd": amount, "sources": rng.sample(["Xã hội hóa", "Ngân sách xã", "Quỹ hội", "Nhân dân đóng góp"], 2)},
        "targets": targets,
        "benefits": p.theme.benefit + ".",
        "difficulties": "Một số hộ còn e ngại; kinh phí phụ thuộc vào đóng góp của Nhân dân.",
        "interests": {"collective": f"{unit} hoàn thành nhiệm vụ, được cấp ủy ghi nhận.",
                      "community": f"Cộng đồng {hamlet} đoàn kết, {p.theme.benefit[0].lower() + p.theme.benefit[1:]}.",
                      "individual": "Mỗi hộ tham gia được hưởng lợi trực tiếp và thấy rõ việc mình làm."},
        "registered": {"date": day.after(0, 10), "with": f"Ban Dân vận Đảng ủy {ward}"},
    }
    if stage >= 2:
        rollout: dict[str, Any] = {}
        if rng.random() < 0.7:
            rollout["steering_committee"] = {"date": day.after(*quick), "members": rng.randint(5, 11)}
        if rng.random() < 0.6:
            rollout["survey"] = {"date": day.after(*quick), "findings": paragraph(rng, 1)}
        rollout["plan"] = {"date": day.after(*quick), "activities": list(p.theme.activities), "budget_vnd": amount}
        data["rollout"] = rollout
    if stage >= 3:
        data["monitoring"] = [
            {"date": day.after(*((10, 25) if new_period else (40, 120))), "activity": f"Kiểm tra lần {k + 1}: {rng.choice(p.theme.activities).lower()}",
             "findings": rng.choice(["Đạt tiến độ đề ra.", "Còn vài hộ chưa thực hiện.", "Vượt tiến độ so với kế hoạch."]),
             "actions": rng.choice(["Phân công người nhắc nhở từng hộ.", "Biểu dương hộ làm tốt.", "Bổ sung kinh phí từ nguồn xã hội hóa."])}
            for k in range(rng.randint(1, 3))
        ]
    if stage >= 4:
        results, outcomes = [], []
        for t in targets:
            goal, lower = t["target"], t.get("better") == "lower"
            wanted = rng.choices([1, 0, -1], weights=[55, 37, 8])[0]  # exceeded, met, below
            step = max(1, round(goal * rng.uniform(0.05, 0.3)))
            actual = goal + (-wanted if lower else wanted) * step
            actual = max(0, min(actual, 100) if t["unit"] == "%" else actual)
            diff = (goal - actual) if lower else (actual - goal)
            outcomes.append((diff > 0) - (diff < 0))
            results.append({"target": t["id"], "actual": actual})
        assessment = "kem" if min(outcomes) < 0 else ("vuot" if max(outcomes) > 0 else "bang")
        scope = tiers[rng.randint(top, len(tiers) - 1)]
        data["evaluation"] = {
            "date": day.after(*((15, 40) if new_period else (60, 200))), "results": results, "self_assessment": assessment,
            "process": paragraph(rng, 2), "spread": f"Các {rng.choice(HAMLET_WORDS)} lân cận đăng ký học tập.",
            "sustainability": "Mô hình được đưa vào quy ước của khu dân cư nên duy trì lâu dài.",
            "replicability": {"scope": scope, "how": "Áp dụng được ở nơi có điều kiện tương tự, có lực lượng nòng cốt."},
        }
    if stage >= 5:
        criteria_text = {
            "leadership": f"{party_body} ban hành kế hoạch chỉ đạo, phân công cấp ủy viên phụ trách.",
            "effectiveness": f"{p.theme.benefit}; các chỉ tiêu đăng ký đều được đánh giá.",
            "popular_support": "Đông đảo Nhân dân đồng tình, tự nguyện tham gia và đóng góp.",
            "three_interests": "Tập thể hoàn thành nhiệm vụ, cộng đồng được hưởng lợi, mỗi hộ thấy rõ lợi ích của mình.",
            "spread": f"Được nhân rộng ra {rng.randint(2, 12)} {rng.choice(HAMLET_WORDS)} trong xã và các xã lân cận.",
            "role": f"Trực tiếp đề xuất ý tưởng và tổ chức thực hiện mô hình với vai trò {leader_title.format(**fmt).lower()}.",
            "creativity": "Cách vận động “nói để dân hiểu, làm để dân tin”, đến từng nhà và làm trước để dân làm theo.",
            "conduct": "Gương mẫu, bản thân và gia đình chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
            "mobilization": f"Vận động được hơn {rng.randint(50, 400)} hộ dân hưởng ứng tham gia.",
        }
        keys = ("leadership", "effectiveness", "popular_support", "three_interests", "spread") if kind == "tap-the" \
            else ("role", "creativity", "spread", "conduct", "mobilization")
        data["criteria"] = {k: criteria_text[k] for k in keys}
        recognitions = []
        for level in range(top + 1):
            tier = tiers[level]
            members = rng.randint(7, 35)
            gap = (10, 40) if new_period else ((20, 60) if level == 0 else (90, 300))
            rec_day = {"report": day.after(*gap), "vote": day.after(3, 15), "notice": day.after(1, 7)}
            body, code = {"co-so": (party_body, "ĐU"), "xa": (f"Ban Thường vụ {party_body}", "ĐU"),
                          "huyen": (f"Ban Thường vụ {district_committee(district)}", "HU"),
                          "tinh": (f"Ban Thường vụ {committee(data['locality']['province'])}", "TU")}[tier]
            recognitions.append({
                "tier": tier, "body": body, "report": {"form": "2a", "date": rec_day["report"]},
                "vote": {"date": rec_day["vote"], "members": members, "in_favor": rng.randint(members // 2 + 1, members)},
                "notice": {"number": f"{rng.randint(1, 450):02d}-TB/{code}", "date": rec_day["notice"]},
            })
        data["recognitions"] = recognitions
    if stage >= 6:
        last = data["recognitions"][-1]["notice"]["date"]
        data["awards"] = [{"year": min(last.year + 1, 2026) if not new_period else last.year, "by": f"Ban Thường vụ {party_body}",
                           "form": rng.choice(["Giấy khen", "Bằng khen"]), "decision": f"{rng.randint(10, 900)}-QĐ/ĐU",
                           "typical": rng.random() < 0.5}]
        parent = rng.choice(earlier).slug if earlier and rng.random() < 0.15 else None
        data["replication"] = {
            "plan": f"{party_body} chỉ đạo nhân rộng mô hình ra các {rng.choice(HAMLET_WORDS)} còn lại.",
            "sites": [{"unit": u.format(p=f"{rng.choice(HAMLET_WORDS)} {rng.choice(PLACE_NAMES)}", x=f"xã {rng.choice(PLACE_NAMES)}", name=rng.choice(PLACE_NAMES)),
                       "locality": f"Xã {rng.choice(PLACE_NAMES)}", "year": min(last.year + 1, 2026)}
                      for u, _ in rng.sample(UNITS[:7], rng.randint(1, 3))],
            "derived_from": parent,
        }
    body = "\n\n".join([
        "## Cách làm", paragraph(rng, rng.randint(2, 4)),
        "\n".join(f"- {a}" for a in p.theme.activities),
        "## Kết quả", f"**{p.theme.benefit}.** " + paragraph(rng, rng.randint(1, 3)),
        "## Bài học kinh nghiệm", "\n".join(f"{k + 1}. {x}" for k, x in enumerate(rng.sample(LESSONS, 3))),
    ])
    return data, body


FIELDS = ("kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh", "xay-dung-he-thong-chinh-tri", "bon-khong")


def render(data: dict[str, Any], body: str) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    front = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=110)
    return f"---\n{front}---\n\n{body}\n"


def generate(n: int, outdir: Path, seed: int = 1, draft_share: float = 0.1) -> list[Path]:
    """Write n dossiers into outdir; returns their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    plans = [plan(seed, i) for i in range(n)]
    paths = []
    for p in plans:
        data, body = dossier(seed, p, plans[max(0, p.i - 200):p.i], draft_share)
        path = outdir / f"{p.slug}.md"
        path.write_text(render(data, body), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of dossiers")
    parser.add_argument("outdir", type=Path, help="folder to write <slug>.md files into (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--drafts", type=float, default=0.1, help="share of unrecognized drafts (default 0.1)")
    args = parser.parse_args(argv)
    paths = generate(args.n, args.outdir, args.seed, args.drafts)
    print(f"wrote {len(paths)} dossiers to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
