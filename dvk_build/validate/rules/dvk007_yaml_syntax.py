"""DVK007: the front matter is not valid YAML."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK007", "yaml-syntax", Severity.ERROR,
    title="Phần thông tin đầu tệp phải đúng cú pháp YAML.",
    why="Sai thụt lề, thiếu dấu `:` hay ngoặc kép làm cả hồ sơ không đọc được.",
    bad="title: Mô hình: Tuyến đường tự quản",
    good='title: "Mô hình: Tuyến đường tự quản"',
    clause="dinh-dang",
    source=Source.FORMAT,
)
