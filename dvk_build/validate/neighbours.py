"""The other dossiers beside the files checked: slug, path and `derived_from`, read without parsing them.

`dvk check a.md` (the pre-commit hook passes only the files changed) still runs the rules across
dossiers (DVK601-DVK603) against the whole folder. Reading every front matter with the YAML parser
would cost seconds at province scale; a line scan for `derived_from` costs a file read each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..load.files import Found, discover, display_path

# `derived_from: slug` in block style, or inside a flow mapping `replication: {derived_from: slug}`
_DERIVED = re.compile(rb"""(?m)(?:^[ \t]+|[{,][ \t]*)derived_from[ \t]*:[ \t]*["']?([^\s"'#,}]+)""")
_END = re.compile(rb"(?m)^(?:---|\.\.\.)[ \t]*\r?$")


@dataclass(frozen=True)
class Neighbour:
    slug: str
    path: str  # as messages show it
    derived_from: str | None


def models_root(file: Path) -> Path:
    """The folder of dossiers a file belongs to: its own folder, or the bundle's parent."""
    file = file.absolute()
    return file.parent.parent if file.name == "index.md" else file.parent


def neighbours(files: list[Path], root: Path | None = None) -> list[Neighbour]:
    """The dossiers in the folders of `files`, other than `files` themselves."""
    checked = {f.absolute() for f in files}
    found: list[Found] = []
    for folder in sorted({models_root(f) for f in files}):
        found += [item for item in discover([folder]) if item.file.absolute() not in checked]
    return [Neighbour(item.slug, display_path(item.file, root), _derived_from(item.file)) for item in found]


def _derived_from(file: Path) -> str | None:
    """The `derived_from` of a dossier's front matter, or None (unreadable, absent, null)."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    end = _END.search(raw, 3)
    found = _DERIVED.search(raw, 0, end.start() if end else len(raw))
    value = found.group(1).decode("utf-8", "replace") if found else None
    return None if value in (None, "null", "~") else value
