"""`dvk rules` and `dvk schema`: print a document generated from the code (rules, traceability table, JSON Schema)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from .schema import build_schema
from .validate import rules_reference, traceability


def _write(text: str, output: str | None) -> int:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def arguments(rules: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk rules`: the rules reference, or with --traceability the guideline traceability table."""
    rules.description = "In tài liệu các quy tắc kiểm tra hồ sơ, sinh từ mã nguồn của các quy tắc."
    rules.add_argument("--traceability", action="store_true",
                       help="In bảng đối chiếu từng điều khoản của hướng dẫn với trường, quy tắc và trang web.")
    rules.add_argument("-o", "--output", metavar="TỆP", help="Ghi ra tệp thay vì màn hình.")
    return lambda args: _write((traceability if args.traceability else rules_reference).render_markdown(), args.output)


def schema_arguments(schema: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk schema`: the dossier's JSON Schema (for editors' YAML language servers)."""
    schema.add_argument("-o", "--output", help="Ghi ra tệp thay vì màn hình.")
    return lambda args: _write(json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n", args.output)
