"""DVK509: an attachment whose content is not what its extension says (e.g. HTML named `.jpg`)."""

from typing import Iterator

from ...problem import Problem
from ..attachments import content_matches, refs, resolve
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in
from .dvk507_attachment_problem import trouble

RULE = RULES["DVK509"]

NAMES = {".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG", ".png": "ảnh PNG", ".webp": "ảnh WebP", ".pdf": "tệp PDF"}


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        target = resolve(ctx, ref.text)
        # only files DVK506-DVK508 let through: one clear message per file
        if target is None or trouble(ctx, ref, target) is not None:
            continue
        try:
            matches = content_matches(target)
        except OSError:
            continue
        if matches is False:
            msg = f"Tệp `{ref.text}` có đuôi `{target.suffix}` nhưng nội dung không phải {NAMES.get(target.suffix.lower(), 'loại đó')}."
            yield problem_in(ctx, RULE, ref, msg,
                             "Mở tệp bằng phần mềm xem ảnh/PDF rồi lưu lại đúng định dạng; không đổi tên tệp khác thành ảnh.")
