"""DVK502: a citizen ID number (CCCD 12 digits, CMND 9 digits)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..privacy import CCCD_RE, CMND_RE, find
from ..rule import Rule, Source

RULE = Rule(
    "DVK502", "citizen-id", Severity.ERROR,
    title="Không ghi số định danh cá nhân (số thẻ Căn cước, thẻ căn cước công dân: 12 số) hay số chứng minh nhân dân (9 số).",
    why="Trang là trang công khai; số định danh cá nhân (in trên thẻ Căn cước theo Luật Căn cước 2023, và trên thẻ căn cước công dân cấp trước đó) là dữ liệu cá nhân cơ bản được pháp luật bảo vệ (Luật Bảo vệ dữ liệu cá nhân năm 2025).",
    bad="holder: {kind: ca-nhan, name: Nguyễn Văn A (CCCD 079085001234)}",
    good="holder: {kind: ca-nhan, name: Nguyễn Văn A}",
    clause="an-toan",
    source=Source.CITED,
    cite="Luật Bảo vệ dữ liệu cá nhân năm 2025 (Luật số 91/2025/QH15, có hiệu lực từ ngày 1/1/2026) và Nghị định 356/2025/NĐ-CP, Điều 3 (dữ liệu cá nhân cơ bản: số định danh cá nhân)",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    hint = "Xóa số định danh; trang chỉ cần họ tên và chức vụ."
    yield from find(ctx, RULE, CCCD_RE, "số định danh cá nhân, số thẻ Căn cước", hint)
    # a CCCD after its keyword is reported once, by the pattern above
    yield from find(ctx, RULE, CMND_RE, "số chứng minh nhân dân hoặc số thẻ Căn cước", hint, allow=lambda m: CCCD_RE.search(m) is not None)
