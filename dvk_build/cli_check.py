"""`dvk check`: validate dossiers (files or folders) and print each problem as `path:line:col: CODE message`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

from . import report as reporting
from .validate.engine import check_paths

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace) -> int:
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


def arguments(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk check` (cli.py lists the command)."""
    p.description = "Kiểm tra các hồ sơ (tệp hoặc thư mục; mặc định content/)."
    p.add_argument("paths", nargs="*", metavar="ĐƯỜNG-DẪN")
    p.add_argument("--format", choices=["text", "github", "json"],
                   help="Dạng kết quả (mặc định: text; github khi chạy trên GitHub Actions).")
    p.add_argument("--strict", action="store_true", help="Coi cảnh báo là lỗi.")
    return run
