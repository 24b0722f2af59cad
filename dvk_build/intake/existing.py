"""The dossiers already in the target folder: their slugs, and the models they describe."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .rows import identity

# libyaml when present: reading 10,000 front matters is the cost of a second import
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Existing:
    slugs: set[str] = field(default_factory=set)
    models: dict[tuple[str, str, str], str] = field(default_factory=dict)  # identity → slug


def scan(directory: Path) -> Existing:
    """Every `<slug>.md` and `<slug>/index.md` under directory; a file that does not parse still takes its slug."""
    found = Existing()
    if not directory.is_dir():
        return found
    for path in sorted(directory.iterdir()):
        if path.suffix == ".md" and path.is_file():
            slug, file = path.stem, path
        elif path.is_dir() and (path / "index.md").is_file():
            slug, file = path.name, path / "index.md"
        else:
            continue
        found.slugs.add(slug)
        data = _front_matter(file)
        if not data:
            continue
        holder = data.get("holder") if isinstance(data.get("holder"), dict) else {}
        locality = data.get("locality") if isinstance(data.get("locality"), dict) else {}
        place = locality.get("commune") or locality.get("district") or locality.get("province") or ""
        found.models.setdefault(identity(str(data.get("title") or ""), str(holder.get("name") or ""), str(place)), slug)
    return found


def _front_matter(file: Path) -> dict | None:  # type: ignore[type-arg]
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    try:
        data = yaml.load(text[3:end], Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None
