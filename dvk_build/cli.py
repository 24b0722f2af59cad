"""The `dvk` command line: check, schema, and the other editor commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import cli_build, cli_docs, cli_export, cli_forms, cli_import, cli_new
from . import report as reporting
from .cli_vietnamese import VietnameseParser
from .schema import build_schema
from .validate.engine import check_paths

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _cmd_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("content")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.stderr.write("dvk: không tìm thấy: " + ", ".join(str(p) for p in missing) + "\n")
        return EXIT_USAGE
    report = check_paths(paths)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt == "json":
        reporting.write_json(report, sys.stdout)
    elif fmt == "github":
        reporting.write_github(report, sys.stdout)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        reporting.write_text(report, sys.stdout, color=color)
    failed = report.errors or (args.strict and report.warnings)
    return EXIT_ERROR if failed else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"check": _cmd_check, "schema": _cmd_schema}


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(prog="dvk", description="Công cụ hồ sơ mô hình “Dân vận khéo”.")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser, title="Lệnh")
    check = sub.add_parser("check", help="Kiểm tra hồ sơ theo tiêu chí của hướng dẫn.",
                           description="Kiểm tra các hồ sơ (tệp hoặc thư mục; mặc định content/).")
    check.add_argument("paths", nargs="*", metavar="ĐƯỜNG-DẪN")
    check.add_argument("--format", choices=["text", "github", "json"], help="Dạng kết quả (mặc định: text; github khi chạy trên GitHub Actions).")
    check.add_argument("--strict", action="store_true", help="Coi cảnh báo là lỗi.")
    schema = sub.add_parser("schema", help="In JSON Schema của hồ sơ.")
    schema.add_argument("-o", "--output", help="Ghi ra tệp thay vì màn hình.")
    for module in (cli_new, cli_export, cli_docs, cli_build, cli_import, cli_forms):  # commands that live in their own modules
        module.register(sub, COMMANDS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    return COMMANDS[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
