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
    cite="Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, Điều 2, khoản 3 (dữ liệu cá nhân cơ bản)",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from find(ctx, RULE, ADDRESS_RE, "địa chỉ nhà riêng", "Chỉ ghi địa bàn đến thôn, ấp, khu phố.")
