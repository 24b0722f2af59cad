"""DVK108: a hint `dvk new` wrote ("CẦN ĐIỀN: ...") is still in a draft (a warning)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source
from .dvk107_placeholder_left import placeholders

RULE = Rule(
    "DVK108", "placeholder-in-draft", Severity.WARNING,
    title="Bản nháp còn chỗ “CẦN ĐIỀN”: nhớ điền trước khi ghi lần công nhận.",
    why="Bản nháp (chưa có lần công nhận) không được đăng, nên chỗ “CẦN ĐIỀN: …” chỉ được nhắc; khi hồ sơ có lần "
        "công nhận thì đó là lỗi (DVK107).",
    bad="holder:\n  name: \"CẦN ĐIỀN: tên tập thể\"\nrecognitions: null",
    good="holder:\n  name: Chi hội Phụ nữ ấp Phú Hòa\nrecognitions: null",
    clause="dinh-dang",
    source=Source.FORMAT,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized:
        yield from placeholders(ctx, RULE)
