"""Resolving a dossier's attachments (field `attachments` and local images in the body)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..load.yamltree import PathKey
from .context import DossierContext

IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?")


@dataclass(frozen=True)
class Ref:
    raw: str
    path: PathKey | None  # field path, or None for the body
    line: int = 0
    col: int = 0


def refs(ctx: DossierContext) -> Iterator[Ref]:
    for i, item in ctx.items("attachments"):
        if isinstance(item.get("path"), str):
            yield Ref(item["path"], ("attachments", i, "path"))
    for offset, line in enumerate(ctx.body.split("\n")):
        for m in IMAGE_RE.finditer(line):
            target = m.group(1)
            if not re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
                yield Ref(target, None, ctx.body_first_line + offset, m.start(1) + 1)


def resolve(ctx: DossierContext, raw: str) -> Path | None:
    """The real file inside the bundle, or None when it escapes the bundle."""
    if ctx.bundle_dir is None or raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw):
        return None
    bundle = Path(ctx.bundle_dir).resolve()
    target = (bundle / raw).resolve()  # follows symlinks, so a link out is caught
    try:
        target.relative_to(bundle)
    except ValueError:
        return None
    return target


def exists(path: Path) -> bool:
    return os.path.isfile(path)
