"""Resolving a dossier's attachments (field `attachments` and local images in the body)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Iterator

from .context import DossierContext
from .text_scan import Spot

# An image's text stops at the next `![` (an image of its own), so a line of many is read once.
IMAGE_RE = re.compile(r"!\[(?:[^\]!]|!(?!\[))*\]\(\s*<?([^)\s>]+)>?")


def refs(ctx: DossierContext) -> Iterator[Spot]:
    """Each attachment path as written: in `attachments` (a field spot) or a local image in the body (where it starts)."""
    for i, item in ctx.items("attachments"):
        if isinstance(item.get("path"), str):
            yield Spot(item["path"], ("attachments", i, "path"))
    for offset, line in enumerate(ctx.body.split("\n")):
        for m in IMAGE_RE.finditer(line):
            target = m.group(1)
            if not re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
                yield Spot(target, None, ctx.body_first_line + offset, m.start(1) + 1)


def lexically_inside(ctx: DossierContext, raw: str) -> bool:
    """Whether the path as written (`..` counted, links not followed) stays in the bundle."""
    if ctx.bundle_dir is None or raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) or "\x00" in raw:
        return False
    norm = posixpath.normpath(raw.replace("\\", "/"))  # `..` taken off what it follows; left in front when it leads out
    return norm not in (".", "..") and not norm.startswith("../")


def resolve(ctx: DossierContext, raw: str) -> Path | None:
    """The real file inside the bundle, or None when it escapes the bundle (as written or through a link)."""
    if not lexically_inside(ctx, raw):
        return None
    bundle = Path(ctx.bundle_dir).resolve()  # type: ignore[arg-type]
    try:
        target = (bundle / raw).resolve()  # follows symlinks, so a link out is caught
        target.relative_to(bundle)
    except (OSError, RuntimeError, ValueError):
        return None
    return target


def link_escapes(ctx: DossierContext, raw: str) -> bool:
    """A path that stays in the bundle as written but leaves it (or loops) through a symbolic link."""
    return lexically_inside(ctx, raw) and resolve(ctx, raw) is None


MAGIC: dict[str, tuple[bytes, ...]] = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".pdf": (b"%PDF-",),
    ".webp": (b"RIFF",),  # and b"WEBP" at offset 8, checked below
}


def content_matches(path: Path) -> bool | None:
    """Whether the file's first bytes are those of its extension's format (None: no signature known)."""
    suffix = path.suffix.lower()
    if suffix not in MAGIC:
        return None
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head.startswith(MAGIC[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"
