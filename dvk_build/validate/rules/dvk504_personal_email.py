"""DVK504: a personal e-mail address outside an official contact."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..privacy import EMAIL_RE, find, official_email
from ..rule import Rule, Source

RULE = Rule(
    "DVK504", "personal-email", Severity.ERROR,
    title="Không ghi thư điện tử cá nhân; hộp thư công vụ (.gov.vn, .dcs.vn) hoặc ghi ở `contact.email` kèm `official: true`.",
    why="Địa chỉ thư cá nhân là dữ liệu cá nhân; trang công khai chỉ đăng hộp thư của cơ quan.",
    bad="summary: ... gửi về lan.nguyen@gmail.com",
    good="contact: {unit: Ban Dân vận Huyện ủy Y, email: bandanvan@tayninh.dcs.vn, official: true}",
    clause="an-toan",
    source=Source.CITED,
    cite="Luật Bảo vệ dữ liệu cá nhân năm 2025 (Luật số 91/2025/QH15, có hiệu lực từ ngày 1/1/2026), Điều 2, khoản 1 (dữ liệu cá nhân là thông tin xác định hoặc giúp xác định một con người cụ thể)",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, EMAIL_RE, "địa chỉ thư điện tử cá nhân",
                    "Xóa địa chỉ này; ghi hộp thư cơ quan vào `contact.email` và đặt `contact.official: true`.",
                    allow=official_email)
