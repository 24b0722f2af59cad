"""`dvk rules`: print the rules reference, or with --traceability the guideline traceability table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable


def _cmd_rules(args: argparse.Namespace) -> int:
    # imported here, not at the top: every `dvk` command registers this one, `dvk check` should not pay for it
    from .validate import rules_reference
    from .validate import traceability

    text = traceability.render_markdown() if args.traceability else rules_reference.render_markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction, commands: dict[str, Callable[[argparse.Namespace], int]]) -> None:  # type: ignore[type-arg]
    """Add `dvk rules` to the command line (called by cli.build_parser)."""
    rules = sub.add_parser("rules", help="In danh sách quy tắc kiểm tra (Markdown).",
                           description="In tài liệu các quy tắc kiểm tra hồ sơ, sinh từ mã nguồn của các quy tắc.")
    rules.add_argument("--traceability", action="store_true",
                       help="In bảng đối chiếu từng điều khoản của hướng dẫn với trường, quy tắc và trang web.")
    rules.add_argument("-o", "--output", metavar="TỆP", help="Ghi ra tệp thay vì màn hình.")
    commands["rules"] = _cmd_rules
