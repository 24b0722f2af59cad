"""Reading each found dossier file into a DossierContext, or the problems (DVK0xx) that stop it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..load.files import Found, discover, display_path, escapes, linked
from ..load.source import SourceError, decode, split
from ..load.yamltree import parse
from ..problem import Problem
from .context import DossierContext
from .limits import FILE_MAX_BYTES, SLUG_MAX
from .registry import RULES

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class LoadResult:
    dossiers: list[DossierContext] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def load_paths(paths: list[Path], config: Config, today: dt.date, root: Path | None = None) -> LoadResult:
    result = LoadResult()
    for item in discover(paths):
        result.files += 1
        shown = display_path(item.file, root)
        ctx, problems = load_one(item, shown, config, today)
        result.problems.extend(problems)
        if ctx is not None:
            if not SLUG_RE.match(item.slug):
                odd = any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in item.slug)
                result.problems.append(_problem(
                    shown, "DVK008", f"Tên `{item.slug}` " + ("có ký tự xuống dòng hoặc ký tự điều khiển, " if odd else "")
                    + "không dùng được làm địa chỉ trang.", 1, 1,
                    "Đổi tên thành chữ thường không dấu, nối bằng dấu `-`, ví dụ `tuyen-duong-tu-quan-phu-hoa`."))
            elif len(item.slug) > SLUG_MAX:
                result.problems.append(_problem(
                    shown, "DVK008", f"Tên tệp dài {len(item.slug)} ký tự, quá giới hạn {SLUG_MAX} ký tự của địa chỉ trang.",
                    1, 1, "Đặt tên ngắn gọn: loại mô hình và địa bàn, ví dụ `tuyen-duong-tu-quan-phu-hoa`."))
            result.dossiers.append(ctx)
    return result


def _problem(shown: str, code: str, message: str, line: int, col: int, hint: str = "") -> Problem:
    rule = RULES[code]
    return Problem(shown, line, col, code, rule.name, rule.severity, message, hint)


def load_one(item: Found, shown: str, config: Config, today: dt.date) -> tuple[DossierContext | None, list[Problem]]:
    problem = functools.partial(_problem, shown)

    if linked(item):
        boundary = item.root or (item.bundle_dir.parent if item.bundle_dir else item.file.parent)
        if escapes(item.file, boundary):
            return None, [problem("DVK508", "Hồ sơ là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục hồ sơ "
                                  f"`{display_path(boundary)}` hoặc trỏ tới tệp không tồn tại.", 1, 1,
                                  "Thay liên kết bằng chính tệp hồ sơ (sao chép nội dung vào đây).")]
    if item.file.is_dir():
        return None, [problem("DVK008", f"`{item.file.name}` là một thư mục, không phải tệp hồ sơ: không có hồ sơ nào "
                              "được đọc từ đây.", 1, 1, "Hồ sơ dạng thư mục đặt tên không có `.md` và chứa tệp `index.md`, "
                              "ví dụ `ngan-hang-rac-nhua-xa-phuoc-lai/index.md`.")]
    try:
        size = item.file.stat().st_size
        if size > FILE_MAX_BYTES:  # a dossier is text: 200 KB is 15 times the largest shipped one
            return None, [problem("DVK002", f"Tệp quá lớn ({size // 1000} KB) cho một hồ sơ: tối đa "
                                  f"{FILE_MAX_BYTES // 1000} KB.", 1, 1,
                                  "Hồ sơ là văn bản; ảnh và bản scan đặt thành tệp đính kèm trong thư mục hồ sơ.")]
        raw = item.file.read_bytes()
    except OSError as exc:
        return None, [problem("DVK002", f"Không đọc được tệp: {exc.strerror}.", 1, 1)]
    try:
        source = split(decode(raw))
        tree = parse(source.front_matter, source.fm_first_line)
    except SourceError as exc:  # a YAML syntax error (DVK007) too
        return None, [problem(exc.code, exc.message, exc.line, exc.col, exc.hint)]
    except RecursionError:  # thousands of nested `[[[...` would otherwise end in a traceback
        return None, [problem("DVK007", "Lỗi cú pháp YAML: các danh sách hoặc nhóm trường lồng nhau quá sâu "
                              "(hoặc một bí danh `*` trỏ vào chính nhóm chứa nó).",
                              source.fm_first_line, 1, "Mỗi trường chỉ lồng vài cấp; xóa các dấu `[` hoặc `{` thừa.")]
    problems = [problem(t.code, t.message, t.pos[0], t.pos[1], t.hint) for t in tree.traps]
    if not isinstance(tree.data, dict):
        return None, problems + [problem("DVK102", "Phần thông tin đầu tệp phải là các dòng `tên-trường: giá trị`.",
                                         source.fm_first_line, 1)]
    ctx = DossierContext(
        path=shown,
        slug=item.slug,
        data=tree.data,
        tree=tree,
        body=source.body,
        body_first_line=source.body_first_line,
        config=config,
        today=today,
        bundle_dir=str(item.bundle_dir) if item.bundle_dir else None,
        problems=problems,
    )
    return ctx, []
