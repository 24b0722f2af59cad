"""DVK104: a required field is missing."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK104", "missing-field", Severity.ERROR,
    title="Các trường bắt buộc phải có.",
    why="Tên mô hình, giai đoạn, lĩnh vực, tóm tắt, chủ thể và địa bàn là tối thiểu để hiểu một hồ sơ.",
    bad="holder:\n  name: Chi hội Phụ nữ ấp Phú Hòa",
    good="holder:\n  kind: tap-the\n  name: Chi hội Phụ nữ ấp Phú Hòa",
    clause="dinh-dang",
    source=Source.FORMAT,
)
