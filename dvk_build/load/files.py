"""Finding dossier files and loading each into a DossierContext (or load problems)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..problem import Problem, Severity
from ..validate.context import DossierContext
from ..validate.limits import FILE_MAX_BYTES
from .source import SourceError, decode, split
from .yamltree import Tree, YamlSyntaxError, parse

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_FILE_BYTES = FILE_MAX_BYTES  # a dossier is text: 200 KB is 15 times the largest shipped one


@dataclass
class LoadResult:
    dossiers: list[DossierContext] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


@dataclass(frozen=True)
class Found:
    file: Path
    slug: str
    bundle_dir: Path | None
    root: Path | None = None  # the folder that no symlink may lead out of (the models folder)


def discover(paths: list[Path]) -> list[Found]:
    """Dossier files under paths: `<slug>.md` and bundles `<slug>/index.md`.

    A folder that has a `models/` subfolder (like `content/`) means that subfolder.
    """
    found: list[Found] = []
    for path in paths:
        if path.is_dir() and _is_bundle(path):  # `dvk check .` inside a bundle: that one dossier
            found.append(Found(path / "index.md", path.absolute().name, path, path.absolute().parent))
        elif path.is_dir():
            root = path / "models" if (path / "models").is_dir() else path
            found.extend(_walk(root))
        else:
            found.append(_describe(path))
    return found


def _is_bundle(folder: Path) -> bool:
    """A folder holding index.md and no other dossier: one bundle, not a folder of dossiers."""
    if not (folder / "index.md").is_file() or (folder / "models").is_dir():
        return False
    for child in folder.iterdir():
        if child.suffix == ".md" and child.name != "index.md" or child.is_dir() and (child / "index.md").is_file():
            return False
    return True


def _describe(file: Path) -> Found:
    if file.name == "index.md":
        # `dvk check index.md` from inside the bundle: the slug is the folder's name, not ""
        return Found(file, file.absolute().parent.name, file.parent)
    return Found(file, file.stem, None)


def _walk(root: Path) -> list[Found]:
    out: list[Found] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        if "index.md" in filenames and here != root:
            out.append(Found(here / "index.md", here.name, here, root))
            dirnames[:] = []  # a bundle's other files are attachments
            continue
        for name in list(dirnames):
            # os.walk does not enter linked folders: one leading out is reported, one inside is an alias
            if (here / name).is_symlink() and escapes(here / name, root):
                out.append(Found(here / name / "index.md", name, here / name, root))
        for name in list(dirnames):
            if name.endswith(".md") and not (here / name / "index.md").is_file():
                out.append(Found(here / name, name[:-3], None, root))  # looks like a dossier, is a folder: said so
        for name in sorted(filenames):
            # `.x.md`, `_x.md` are hidden on purpose (editor backups, notes); `..md` has no name at all: said so
            hidden = name.startswith((".", "_")) and name[:-3].strip(".")
            if name.endswith(".md") and not hidden and name not in ("README.md", "index.md"):
                out.append(Found(here / name, name[:-3], None, root))
    return out


def escapes(path: Path, root: Path) -> bool:
    """True when path, links followed, is missing or lies outside root (a link loop counts too)."""
    try:
        path.resolve(strict=True).relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return True
    return False


def _linked(item: Found) -> bool:
    """Whether the dossier file or its bundle folder is a symbolic link."""
    return item.file.is_symlink() or (item.bundle_dir is not None and item.bundle_dir.is_symlink())


def display_path(path: Path, root: Path | None = None) -> str:
    base = root or Path.cwd()
    # the path as found (a symlink shown as itself, not as its target), else through resolved folders
    for p, b in ((Path(os.path.abspath(path)), Path(os.path.abspath(base))), (path.resolve(), base.resolve())):
        try:
            return p.relative_to(b).as_posix()
        except (ValueError, OSError, RuntimeError):
            continue
    return path.as_posix()


def load_paths(paths: list[Path], config: Config, today: dt.date, root: Path | None = None) -> LoadResult:
    from ..validate.registry import RULES

    result = LoadResult()
    for item in discover(paths):
        result.files += 1
        shown = display_path(item.file, root)
        ctx, problems = load_one(item, shown, config, today)
        result.problems.extend(problems)
        if ctx is not None:
            if not SLUG_RE.match(item.slug):
                rule = RULES["DVK008"]
                odd = any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in item.slug)
                result.problems.append(
                    Problem(shown, 1, 1, rule.code, rule.name, rule.severity,
                            f"Tên `{item.slug}` " + ("có ký tự xuống dòng hoặc ký tự điều khiển, "
                                                     "không" if odd else "không") + " dùng được làm địa chỉ trang.",
                            "Đổi tên thành chữ thường không dấu, nối bằng dấu `-`, ví dụ `tuyen-duong-tu-quan-phu-hoa`.")
                )
            result.dossiers.append(ctx)
    return result


def load_one(item: Found, shown: str, config: Config, today: dt.date) -> tuple[DossierContext | None, list[Problem]]:
    from ..validate.registry import RULES

    def problem(code: str, message: str, line: int, col: int, hint: str = "") -> Problem:
        rule = RULES[code]
        return Problem(shown, line, col, code, rule.name, rule.severity, message, hint)

    if _linked(item):
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
        if item.file.stat().st_size > MAX_FILE_BYTES:
            return None, [problem("DVK002", f"Tệp quá lớn ({item.file.stat().st_size // 1000} KB) cho một hồ sơ: tối đa "
                                  f"{MAX_FILE_BYTES // 1000} KB.", 1, 1,
                                  "Hồ sơ là văn bản; ảnh và bản scan đặt thành tệp đính kèm trong thư mục hồ sơ.")]
        raw = item.file.read_bytes()
    except OSError as exc:
        return None, [problem("DVK002", f"Không đọc được tệp: {exc.strerror}.", 1, 1)]
    try:
        source = split(decode(raw))
    except SourceError as exc:
        return None, [problem(exc.code, exc.message, exc.line, exc.col, exc.hint)]
    try:
        tree = parse(source.front_matter, source.fm_first_line)
    except YamlSyntaxError as exc:
        return None, [problem("DVK007", exc.message, exc.line, exc.col, exc.hint)]
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


__all__ = ["LoadResult", "Found", "Tree", "discover", "load_paths", "load_one", "display_path", "Severity"]
