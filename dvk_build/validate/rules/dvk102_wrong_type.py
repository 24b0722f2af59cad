"""DVK102: a value of the wrong type (text where a number is expected, ...)."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK102", "wrong-type", Severity.ERROR,
    title="Mỗi trường phải đúng kiểu: chữ, số, danh sách hay nhóm trường.",
    why="Số liệu phải là số để so sánh kết quả với chỉ tiêu và thống kê.",
    bad="vote: {date: 2023-07-10, members: mười lăm, in_favor: 14}",
    good="vote: {date: 2023-07-10, members: 15, in_favor: 14}",
    clause="dinh-dang",
    source=Source.FORMAT,
)
