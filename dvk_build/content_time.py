"""The content's own time (no clock): two builds of the same content write the same dates."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

_DATE_RE = re.compile(rb"\b((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])\b")


def source_date_epoch(paths: list[Path]) -> int:
    """The newest git commit touching paths; without git, the newest date written in the dossiers; else 0.

    File times are no content: a fresh clone or copy sets them to now.
    """
    existing = [p for p in paths if p.exists()]
    if not existing:
        return 0
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *map(str, existing)],
                             cwd=existing[0] if existing[0].is_dir() else existing[0].parent,
                             capture_output=True, text=True, timeout=30)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    newest = _newest_date(existing)
    return int(dt.datetime.combine(newest, dt.time(), dt.timezone.utc).timestamp()) if newest else 0


def _newest_date(paths: list[Path]) -> dt.date | None:
    """The latest real date (`2024-04-22`) in the Markdown files under paths, not after today."""
    today, best = dt.date.today(), None
    for path in paths:
        for file in sorted(path.rglob("*.md")) if path.is_dir() else [path]:
            try:
                data = file.read_bytes()
            except OSError:
                continue
            for m in _DATE_RE.finditer(data):
                try:
                    day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
                if day <= today and (best is None or day > best):
                    best = day
    return best


def ensure_source_date_epoch(paths: list[Path]) -> str | None:
    """Set SOURCE_DATE_EPOCH from the content unless the caller set it; the value set (None: left alone).

    MkDocs (the sitemap), the exports and the helper processes all read this variable.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    value = str(source_date_epoch(paths))
    os.environ["SOURCE_DATE_EPOCH"] = value
    return value
