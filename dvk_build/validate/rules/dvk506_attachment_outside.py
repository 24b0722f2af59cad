"""DVK506: an attachment path that leaves its bundle (or a dossier that is no bundle)."""

from typing import Iterator

from ...problem import Problem
from ..attachments import lexically_inside, refs
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK506"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        if not lexically_inside(ctx, ref.raw):  # a link leading out is DVK508's
            msg = f"Tệp đính kèm `{ref.raw}` nằm ngoài thư mục hồ sơ." if ctx.bundle_dir else \
                f"Hồ sơ chỉ gồm một tệp .md nên không thể có tệp đính kèm (`{ref.raw}`)."
            hint = "Chuyển hồ sơ thành thư mục `content/models/<tên>/index.md` và đặt tệp cạnh index.md."
            if ref.path is not None:
                yield ctx.problem(RULE, ref.path, msg, hint)
            else:
                yield Problem(ctx.path, ref.line, ref.col, RULE.code, RULE.name, RULE.severity, msg, hint)
