"""DVK506: an attachment path that leaves its bundle (or a dossier that is no bundle)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..attachments import lexically_inside, refs
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK506", "attachment-outside-bundle", Severity.ERROR,
    title="Tệp đính kèm phải nằm trong thư mục của hồ sơ (hồ sơ dạng thư mục `<tên>/index.md`).",
    why="Mỗi hồ sơ mang theo ảnh, bản scan của mình; đường dẫn ra ngoài thư mục có thể làm lộ tệp khác của kho dữ liệu.",
    bad="attachments:\n  - {path: ../../mkdocs.yml}",
    good="attachments:\n  - {path: thong-bao-cong-nhan.pdf, caption: Thông báo công nhận}",
    clause="an-toan",
    source=Source.FORMAT,
)


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
