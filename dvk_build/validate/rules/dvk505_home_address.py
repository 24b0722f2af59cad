"""DVK505: a home address (house number, residence)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..privacy import ADDRESS_RE, find
from ..rule import Rule, Source

RULE = Rule(
    "DVK505", "home-address", Severity.ERROR,
    title="Không ghi địa chỉ nhà riêng (số nhà, địa chỉ thường trú).",
    why="Địa chỉ nơi ở là dữ liệu cá nhân; địa bàn của mô hình ghi đến thôn, ấp, xã là đủ.",
    bad="holder: {kind: ca-nhan, name: Trần Thị B, title: Tổ trưởng, số nhà 25 đường Trần Phú}",
    good="locality: {province: Tỉnh X, commune: Xã Z}",
    clause="an-toan",
    source=Source.CITED,
    cite="Luật Bảo vệ dữ liệu cá nhân năm 2025 (Luật số 91/2025/QH15, có hiệu lực từ ngày 1/1/2026) và Nghị định 356/2025/NĐ-CP, Điều 3 (dữ liệu cá nhân cơ bản: nơi đăng ký thường trú, nơi ở hiện tại, địa chỉ liên hệ)",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, ADDRESS_RE, "địa chỉ nhà riêng", "Chỉ ghi địa bàn đến thôn, ấp, khu phố.")
