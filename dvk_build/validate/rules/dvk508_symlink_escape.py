"""DVK508: a dossier, bundle or attachment that is a symbolic link leading out of the content folder."""

from typing import Iterator

from ...problem import Problem, Severity
from ..attachments import link_escapes, refs
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK508", "symlink-escape", Severity.ERROR,
    title="Hồ sơ và tệp đính kèm phải là tệp thật trong thư mục hồ sơ, không phải liên kết tượng trưng (symlink) trỏ ra ngoài.",
    why="Liên kết tượng trưng trỏ ra ngoài có thể làm trang công khai đăng nhầm tệp của máy xây dựng trang "
        "(mật khẩu, cấu hình) hoặc của hồ sơ khác.",
    bad="content/models/mo-hinh-a/anh.jpg -> /etc/passwd",
    good="content/models/mo-hinh-a/anh.jpg (tệp ảnh thật, đặt cạnh index.md)",
    clause="an-toan",
    source=Source.FORMAT,
)
# The loader reports dossier files and bundle folders that lead out (load/files.py); this checks attachments.


def check(ctx: DossierContext) -> Iterator[Problem]:
    for ref in refs(ctx):
        if link_escapes(ctx, ref.raw):
            msg = f"Tệp đính kèm `{ref.raw}` là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục hồ sơ hoặc trỏ tới tệp không tồn tại."
            hint = "Đặt chính tệp (không phải liên kết) cạnh index.md."
            if ref.path is not None:
                yield ctx.problem(RULE, ref.path, msg, hint)
            else:
                yield Problem(ctx.path, ref.line, ref.col, RULE.code, RULE.name, RULE.severity, msg, hint)
