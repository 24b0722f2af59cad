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

KEY = b"derived_from"
# its value, in block style or inside a flow mapping `replication: {derived_from: slug}`
_VALUE = re.compile(rb"""derived_from[ \t]*:[ \t]*["']?([^\s"'#,}]+)""")


@dataclass(frozen=True)
class Neighbour:
    slug: str
    file: Path
    derived_from: str | None
    root: Path | None = None  # what messages show paths relative to

    @property
    def path(self) -> str:
        """The file as messages show it (computed only for a message: it resolves links)."""
        return display_path(self.file, self.root)


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
    return [Neighbour(item.slug, item.file, _derived_from(item.file), root) for item in found]


def _derived_from(file: Path) -> str | None:
    """The `derived_from` of a dossier's front matter, or None (unreadable, absent, null)."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    end = raw.find(b"\n---", 3)  # the end of the front matter
    at = raw.find(KEY, 0, end if end > 0 else len(raw))
    while at > 0 and raw[at - 1:at] not in (b" ", b"\t", b"{", b","):  # part of another key
        at = raw.find(KEY, at + 1, end if end > 0 else len(raw))
    found = _VALUE.match(raw, at) if at > 0 else None
    value = found.group(1).decode("utf-8", "replace") if found else None
    return None if value in (None, "null", "~") else value
