"""DVK105: a value of the right type but wrong form (empty, negative, bad date form)."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK105", "invalid-format", Severity.ERROR,
    title="Giá trị phải đúng dạng: ngày viết NĂM-THÁNG-NGÀY, số không âm, chữ không để trống.",
    why="Ngày viết thống nhất thì mới kiểm tra được thứ tự các bước và sắp xếp theo thời gian.",
    bad="registered: {date: 01/07/2022}",
    good="registered: {date: 2022-07-01}",
    clause="dinh-dang",
    source=Source.FORMAT,
)
