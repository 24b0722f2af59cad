"""DVK001: the file is not UTF-8."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK001", "not-utf8", Severity.ERROR,
    title="Tệp phải dùng bảng mã UTF-8.",
    why="Tiếng Việt có dấu chỉ hiển thị đúng khi tệp lưu bằng UTF-8; bảng mã khác (TCVN3, VNI, Windows-1258) làm hỏng chữ trên trang.",
    bad="(tệp lưu bằng bảng mã Windows-1258)",
    good="(tệp lưu bằng bảng mã UTF-8; có hay không có BOM đều được)",
    clause="dinh-dang",
    source=Source.FORMAT,
)
