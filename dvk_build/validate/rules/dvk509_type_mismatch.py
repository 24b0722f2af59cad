"""DVK509: an attachment whose content is not what its extension says (e.g. HTML named `.jpg`)."""

import os
from typing import Iterator

from ...problem import Problem
from ..attachments import content_matches, refs, resolve
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK509"]

NAMES = {".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG", ".png": "ảnh PNG", ".webp": "ảnh WebP", ".pdf": "tệp PDF"}


def check(ctx: DossierContext) -> Iterator[Problem]:
    max_bytes = int(ctx.config.limits.get("attachment_max_bytes", 5_000_000))
    types = tuple(ctx.config.limits.get("attachment_types", ()))
    for ref in refs(ctx):
        target = resolve(ctx, ref.raw)
        # only files DVK506-DVK508 let through: one clear message per file
        if target is None or target.suffix.lower() not in types or not target.is_file() or os.path.getsize(target) > max_bytes:
            continue
        try:
            matches = content_matches(target)
        except OSError:
            continue
        if matches is False:
            msg = f"Tệp `{ref.raw}` có đuôi `{target.suffix}` nhưng nội dung không phải {NAMES.get(target.suffix.lower(), 'loại đó')}."
            hint = "Mở tệp bằng phần mềm xem ảnh/PDF rồi lưu lại đúng định dạng; không đổi tên tệp khác thành ảnh."
            if ref.path is not None:
                yield ctx.problem(RULE, ref.path, msg, hint)
            else:
                yield Problem(ctx.path, ref.line, ref.col, RULE.code, RULE.name, RULE.severity, msg, hint)
