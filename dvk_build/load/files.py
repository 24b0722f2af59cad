"""Finding dossier files: `<slug>.md` and bundles `<slug>/index.md`, with the paths messages show."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    file: Path
    slug: str
    bundle_dir: Path | None
    root: Path | None = None  # the folder that no symlink may lead out of (the models folder)


def discover(paths: list[Path]) -> list[Found]:
    """Dossier files under paths: `<slug>.md` and bundles `<slug>/index.md`.

    A folder that has a `models/` subfolder (like `content/`) means that subfolder.
    """
    found: list[Found] = []
    for path in paths:
        if path.is_dir() and _is_bundle(path):  # `dvk check .` inside a bundle: that one dossier
            found.append(Found(path / "index.md", path.absolute().name, path, path.absolute().parent))
        elif path.is_dir():
            root = path / "models" if (path / "models").is_dir() else path
            found.extend(_walk(root))
        elif path.name == "index.md":  # `dvk check index.md` inside a bundle: the slug is the folder's name, not ""
            found.append(Found(path, path.absolute().parent.name, path.parent))
        else:
            found.append(Found(path, path.stem, None))
    return found


def _is_bundle(folder: Path) -> bool:
    """A folder holding index.md and no other dossier: one bundle, not a folder of dossiers."""
    if not (folder / "index.md").is_file() or (folder / "models").is_dir():
        return False
    return not any(child.suffix == ".md" and child.name != "index.md"
                   or child.is_dir() and (child / "index.md").is_file() for child in folder.iterdir())


def _walk(root: Path) -> list[Found]:
    out: list[Found] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        if "index.md" in filenames and here != root:
            out.append(Found(here / "index.md", here.name, here, root))
            dirnames[:] = []  # a bundle's other files are attachments
            continue
        for name in list(dirnames):
            # os.walk does not enter linked folders: one leading out is reported, one inside is an alias
            if (here / name).is_symlink() and escapes(here / name, root):
                out.append(Found(here / name / "index.md", name, here / name, root))
        for name in list(dirnames):
            if name.endswith(".md") and not (here / name / "index.md").is_file():
                out.append(Found(here / name, name[:-3], None, root))  # looks like a dossier, is a folder: said so
        for name in sorted(filenames):
            # `.x.md`, `_x.md` are hidden on purpose (editor backups, notes); `..md` has no name at all: said so
            hidden = name.startswith((".", "_")) and name[:-3].strip(".")
            if name.endswith(".md") and not hidden and name not in ("README.md", "index.md"):
                out.append(Found(here / name, name[:-3], None, root))
    return out


def escapes(path: Path, root: Path) -> bool:
    """True when path, links followed, is missing or lies outside root (a link loop counts too)."""
    try:
        path.resolve(strict=True).relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return True
    return False


def linked(item: Found) -> bool:
    """Whether the dossier file or its bundle folder is a symbolic link."""
    return item.file.is_symlink() or (item.bundle_dir is not None and item.bundle_dir.is_symlink())


def display_path(path: Path, root: Path | None = None) -> str:
    """path relative to root (the working folder by default), as messages show it."""
    base = root or Path.cwd()
    try:  # the path as found (a symlink shown as itself, not as its target): string work, no system call
        found, folder = os.path.abspath(path), os.path.abspath(base)
        prefix = folder if folder.endswith(os.sep) else folder + os.sep
        if found.startswith(prefix):
            return found[len(prefix):].replace(os.sep, "/")
        if found == folder:
            return "."
    except (ValueError, OSError):  # a working folder deleted meanwhile
        pass
    try:  # else through resolved folders (resolving costs a system call per folder: only when needed)
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()
