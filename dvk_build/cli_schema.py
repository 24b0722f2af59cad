"""`dvk schema`: print the dossier's JSON Schema (for editors' YAML language servers)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from .schema import build_schema


def run(args: argparse.Namespace) -> int:
    text = json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def arguments(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk schema` (cli.py lists the command)."""
    p.add_argument("-o", "--output", help="Ghi ra tệp thay vì màn hình.")
    return run
