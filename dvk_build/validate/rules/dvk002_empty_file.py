"""DVK002: the file is empty."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK002", "empty-file", Severity.ERROR,
    title="Tệp hồ sơ không được rỗng.",
    why="Mỗi tệp trong content/models là một hồ sơ mô hình; tệp rỗng không có gì để kiểm tra hay đăng.",
    bad="",
    good="---\ntitle: Tuyến đường tự quản\n...\n---",
    clause="dinh-dang",
    source=Source.FORMAT,
)
