"""DVK506: an attachment path that leaves its bundle (or a dossier that is no bundle)."""

from typing import Iterator

from ...problem import Problem
from ..attachments import lexically_inside, refs
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in

RULE = RULES["DVK506"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        if not lexically_inside(ctx, ref.text):  # a link leading out is DVK508's
            msg = f"Tệp đính kèm `{ref.text}` nằm ngoài thư mục hồ sơ." if ctx.bundle_dir else \
                f"Hồ sơ chỉ gồm một tệp .md nên không thể có tệp đính kèm (`{ref.text}`)."
            yield problem_in(ctx, RULE, ref, msg,
                             "Chuyển hồ sơ thành thư mục `content/models/<tên>/index.md` và đặt tệp cạnh index.md.")
