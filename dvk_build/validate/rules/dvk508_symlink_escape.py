"""DVK508: a dossier, bundle or attachment that is a symbolic link leading out of the content folder."""

from typing import Iterator

from ...problem import Problem
from ..attachments import link_escapes, refs
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in

RULE = RULES["DVK508"]
# The loader reports dossier files and bundle folders that lead out (load/files.py); this checks attachments.


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        if link_escapes(ctx, ref.text):
            msg = f"Tệp đính kèm `{ref.text}` là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục hồ sơ hoặc trỏ tới tệp không tồn tại."
            yield problem_in(ctx, RULE, ref, msg, "Đặt chính tệp (không phải liên kết) cạnh index.md.")
