"""DVK101: a key the format does not know (with a did-you-mean suggestion)."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK101", "unknown-key", Severity.ERROR,
    title="Chỉ dùng các trường có trong định dạng hồ sơ.",
    why="Trường gõ sai tên (như `sumary`) sẽ bị bỏ qua khi đăng; báo lỗi để thông tin không bị mất.",
    bad="sumary: Mô hình giúp...",
    good="summary: Mô hình giúp...",
    clause="dinh-dang",
    source=Source.FORMAT,
)
