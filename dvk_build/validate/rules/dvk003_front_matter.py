"""DVK003: the YAML front matter is missing or not closed."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK003", "missing-front-matter", Severity.ERROR,
    title="Đầu tệp phải có phần thông tin YAML nằm giữa hai dòng `---`.",
    why="Các trường của hồ sơ (tên, lĩnh vực, các bước...) nằm trong phần này; thiếu nó thì không đọc được hồ sơ.",
    bad="# Tuyến đường tự quản\nNội dung...",
    good="---\ntitle: Tuyến đường tự quản\n---\nNội dung...",
    clause="dinh-dang",
    source=Source.FORMAT,
)
