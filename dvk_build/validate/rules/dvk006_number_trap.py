"""DVK006: a number YAML would read wrongly (leading zero, `_`, `:`)."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK006", "number-trap", Severity.ERROR,
    title="Số có số 0 ở đầu, dấu `_` hoặc `:` phải đặt trong ngoặc kép.",
    why="YAML đọc `05` thành 5 (hệ bát phân), `1:30` thành 90: số hiệu văn bản hay mã sẽ bị đổi.",
    bad="notice: {number: 05, date: 2023-07-12}",
    good='notice: {number: "05-TB/ĐU", date: 2023-07-12}',
    clause="dinh-dang",
    source=Source.FORMAT,
)
