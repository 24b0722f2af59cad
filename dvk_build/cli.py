"""The `dvk` command line: one table of commands, each in its own module, imported only when it runs."""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Iterable, Sequence

from .cli_vietnamese import VietnameseParser

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Command:
    module: str  # `dvk_build.<module>` defines `arguments(parser) -> handler`
    help: str  # the line `dvk --help` shows; here, so listing the commands imports none of them
    arguments: str = "arguments"  # the function's name, where one module has two commands


# Every command, in the order `dvk --help` lists them. `dvk check` (the pre-commit hook) imports
# its own module only, not the site build, Word forms or spreadsheet import.
COMMANDS: dict[str, Command] = {
    "check": Command("cli_check", "Kiểm tra hồ sơ theo tiêu chí của hướng dẫn."),
    "schema": Command("cli_docs", "In JSON Schema của hồ sơ.", "schema_arguments"),
    "new": Command("cli_new", "Tạo hồ sơ mới (bản nháp) với đủ các mục, có chú thích tiếng Việt."),
    "export": Command("cli_export", "Xuất dữ liệu các mô hình đã công nhận (JSON, CSV, Excel)."),
    "rules": Command("cli_docs", "In danh sách quy tắc kiểm tra (Markdown)."),
    "build": Command("cli_build", "Xây dựng trang (an toàn: lỗi giữa chừng không làm mất trang cũ)."),
    "import": Command("cli_import", "Nhập danh sách mô hình đã công nhận (.xlsx, .csv) thành hồ sơ tóm tắt."),
    "forms": Command("cli_forms", "Tạo báo cáo (Mẫu 2a) và thông báo công nhận (Mẫu 2b) của một mô hình, dạng Word."),
}


class CommandUnavailable(Exception):
    """A command's module failed to import (a dependency missing or broken): said, never skipped."""

    def __init__(self, name: str, cause: ImportError) -> None:
        super().__init__(f"{name}: {cause}")
        self.name = name
        self.cause = cause

    def message(self) -> str:
        missing = f" thư viện `{self.cause.name}`" if self.cause.name else ""
        return (f"dvk: lệnh `{self.name}` không chạy được: thiếu hoặc hỏng{missing} ({self.cause}).\n"
                "Cài lại dvk cùng các thư viện của nó, trong thư mục dự án: pip install -e .\n")


def command_module(name: str) -> ModuleType:
    """The module of command `name`, imported now; CommandUnavailable when that fails."""
    try:
        return importlib.import_module(f"{__package__}.{COMMANDS[name].module}")
    except ImportError as exc:
        raise CommandUnavailable(name, exc) from exc


def build_parser(full: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser: every command listed, and the arguments of those in `full` (of all when None).

    A command not in `full` is listed with its help line only, without importing its module.
    """
    wanted = set(COMMANDS) if full is None else set(full)
    parser = VietnameseParser(prog="dvk", description="Công cụ hồ sơ mô hình “Dân vận khéo”.")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser, title="Lệnh")
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, help=command.help)
        if name in wanted:
            p.set_defaults(handler=getattr(command_module(name), command.arguments)(p))
    return parser


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the line (the top level has no option taking a value), or None."""
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    name = chosen_command(argv)
    try:
        parser = build_parser([name] if name else [])
    except CommandUnavailable as exc:
        sys.stderr.write(exc.message())
        return EXIT_ERROR
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    return args.handler(args)  # type: ignore[no-any-return]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
