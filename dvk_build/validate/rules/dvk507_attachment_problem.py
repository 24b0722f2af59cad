"""DVK507: an attachment that is missing, too large or of a type we do not publish."""

import os
from pathlib import Path
from typing import Iterator

from ...problem import Problem
from ..attachments import refs, resolve
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import Spot, problem_in

RULE = RULES["DVK507"]


def _mb(n: int) -> str:
    """Megabytes the Vietnamese way: 52,4 (decimal comma), 5 (no needless decimals)."""
    value = f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".")
    return value.replace(".", ",")


def trouble(ctx: DossierContext, ref: Spot, target: Path) -> tuple[str, str] | None:
    """(message, hint) when the attachment is of a type not published, missing or too large; None when fine."""
    limits = ctx.config.limits
    max_bytes = int(limits.get("attachment_max_bytes", 5_000_000))
    types = tuple(limits.get("attachment_types", ()))
    if not target.suffix.lower() in types:
        return f"Loại tệp `{target.suffix or ref.text}` không được đăng.", "Chỉ dùng: " + ", ".join(types) + "."
    if not target.is_file():
        return (f"Không tìm thấy tệp đính kèm `{ref.text}`.",
                "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và đặt tệp cạnh index.md.")
    if os.path.getsize(target) > max_bytes:
        size = _mb(os.path.getsize(target))
        return (f"Tệp `{ref.text}` nặng {size} MB, quá giới hạn {_mb(max_bytes)} MB cho một tệp đính kèm.",
                "Giảm kích thước ảnh (ví dụ chiều rộng 1600 điểm ảnh) hoặc nén PDF trước khi gửi.")
    return None


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        target = resolve(ctx, ref.text)
        found = trouble(ctx, ref, target) if target is not None else None  # None target: DVK506's
        if found is not None:
            yield problem_in(ctx, RULE, ref, *found)
