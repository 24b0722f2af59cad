"""DVK503: a mobile phone number outside an official contact."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..privacy import MOBILE_RE, find
from ..rule import Rule, Source

RULE = Rule(
    "DVK503", "personal-phone", Severity.ERROR,
    title="Không ghi số điện thoại di động cá nhân; số máy cơ quan ghi ở `contact.phone` kèm `official: true`.",
    why="Số di động là dữ liệu cá nhân; đơn vị muốn học tập mô hình nên liên hệ qua số máy công vụ của cơ quan đầu mối.",
    bad="summary: ... liên hệ chị Lan 0912 345 678",
    good="contact: {unit: Ban Dân vận Huyện ủy Y, phone: 0276 3822 123, official: true}",
    clause="an-toan",
    source=Source.CITED,
    cite="Luật Bảo vệ dữ liệu cá nhân năm 2025 (Luật số 91/2025/QH15, có hiệu lực từ ngày 1/1/2026) và Nghị định 356/2025/NĐ-CP, Điều 3 (dữ liệu cá nhân cơ bản: số điện thoại)",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, MOBILE_RE, "số điện thoại di động",
                    "Xóa số này; ghi số máy cơ quan vào `contact.phone` và đặt `contact.official: true`.")
