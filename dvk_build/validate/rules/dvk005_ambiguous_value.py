"""DVK005: a YAML 1.1 word (yes/no/on/off) or an unsupported tag."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK005", "ambiguous-value", Severity.ERROR,
    title="Không dùng các từ YAML hiểu thành đúng/sai (`yes`, `no`, `on`, `off`) hay thẻ `!`.",
    why="YAML 1.1 đổi `no` thành false, `on` thành true; giá trị in ra trang sẽ khác điều người soạn viết.",
    bad="holder:\n  name: on",
    good='holder:\n  name: "on"',
    clause="dinh-dang",
    source=Source.FORMAT,
)
