"""DVK507: an attachment that is missing, too large or of a type we do not publish."""

import os
from typing import Iterator

from ...problem import Problem
from ..attachments import refs, resolve
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK507"]


def _problem(ctx: DossierContext, ref, msg: str, hint: str) -> Problem:  # type: ignore[no-untyped-def]
    if ref.path is not None:
        return ctx.problem(RULE, ref.path, msg, hint)
    return Problem(ctx.path, ref.line, ref.col, RULE.code, RULE.name, RULE.severity, msg, hint)


def _mb(n: int) -> str:
    """Megabytes the Vietnamese way: 52,4 (decimal comma), 5 (no needless decimals)."""
    value = f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".")
    return value.replace(".", ",")


def check(ctx: DossierContext) -> Iterator[Problem]:
    limits = ctx.config.limits
    max_bytes = int(limits.get("attachment_max_bytes", 5_000_000))
    types = tuple(limits.get("attachment_types", ()))
    for ref in refs(ctx):
        target = resolve(ctx, ref.raw)
        if target is None:
            continue  # DVK506's
        if not target.suffix.lower() in types:
            yield _problem(ctx, ref, f"Loại tệp `{target.suffix or ref.raw}` không được đăng.", "Chỉ dùng: " + ", ".join(types) + ".")
        elif not target.is_file():
            yield _problem(ctx, ref, f"Không tìm thấy tệp đính kèm `{ref.raw}`.", "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và đặt tệp cạnh index.md.")
        elif os.path.getsize(target) > max_bytes:
            size = _mb(os.path.getsize(target))
            yield _problem(ctx, ref, f"Tệp `{ref.raw}` nặng {size} MB, quá giới hạn {_mb(max_bytes)} MB cho một tệp đính kèm.",
                           "Giảm kích thước ảnh (ví dụ chiều rộng 1600 điểm ảnh) hoặc nén PDF trước khi gửi.")
