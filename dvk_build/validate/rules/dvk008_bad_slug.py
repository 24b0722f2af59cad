"""DVK008: the file or bundle name is not a valid slug."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK008", "bad-slug", Severity.ERROR,
    title="Tên tệp (hoặc thư mục) chỉ gồm chữ thường không dấu, chữ số và dấu `-`.",
    why="Tên tệp trở thành địa chỉ trang `mo-hinh/<tên>/`; địa chỉ có dấu hay khoảng trắng dễ gãy khi chia sẻ.",
    bad="content/models/Tuyến đường tự quản.md",
    good="content/models/tuyen-duong-tu-quan-phu-hoa.md",
    clause="dinh-dang",
    source=Source.FORMAT,
)
