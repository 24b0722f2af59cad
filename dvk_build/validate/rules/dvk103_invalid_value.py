"""DVK103: a value outside its allowed list (tier, field, kind, ...)."""

from ...problem import Severity
from ..rule import Rule, Source

RULE = Rule(
    "DVK103", "invalid-value", Severity.ERROR,
    title="Các trường có danh sách giá trị (cấp, lĩnh vực, loại chủ thể, tự đánh giá) chỉ nhận giá trị trong danh sách.",
    why="Trang web nhóm mô hình theo cấp và lĩnh vực; giá trị lạ làm mô hình không nằm trong danh sách nào.",
    bad="fields: [kinh-te, an-ninh]",
    good="fields: [kinh-te, quoc-phong-an-ninh]",
    clause="dinh-dang",
    source=Source.FORMAT,
)
