"""DVK004: a key appears twice in one mapping."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK004", "duplicate-key", Severity.ERROR,
    title="Một trường không được khai báo hai lần.",
    why="YAML âm thầm giữ giá trị sau và bỏ giá trị trước, nên thông tin bị mất mà không ai biết.",
    bad="title: Tuyến đường tự quản\ntitle: Tuyến đường xanh",
    good="title: Tuyến đường tự quản",
    clause="dinh-dang",
    source=Source.FORMAT,
)
