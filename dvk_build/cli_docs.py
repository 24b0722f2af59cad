"""`dvk rules`: print the rules reference, or with --traceability the guideline traceability table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .validate import rules_reference, traceability


def _cmd_rules(args: argparse.Namespace) -> int:
    text = traceability.render_markdown() if args.traceability else rules_reference.render_markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def arguments(rules: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk rules` (cli.py lists the command)."""
    rules.description = "In tài liệu các quy tắc kiểm tra hồ sơ, sinh từ mã nguồn của các quy tắc."
    rules.add_argument("--traceability", action="store_true",
                       help="In bảng đối chiếu từng điều khoản của hướng dẫn với trường, quy tắc và trang web.")
    rules.add_argument("-o", "--output", metavar="TỆP", help="Ghi ra tệp thay vì màn hình.")
    return _cmd_rules
