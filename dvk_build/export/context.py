"""What every export needs besides the models: configuration, the site's address and the time."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from ..config import Config, default_config

VN_TZ = dt.timezone(dt.timedelta(hours=7))  # recognition dates are Vietnamese calendar days


def generated_at() -> dt.datetime:
    """Build time: SOURCE_DATE_EPOCH when set (two builds of the same content are byte-identical), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def normalize_site_url(url: Any) -> str | None:
    """`https://x.vn/dvk` → `https://x.vn/dvk/`; None for an empty or relative value."""
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        return None
    return url if url.endswith("/") else url + "/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name:` tags a plain safe loader refuses."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from_mkdocs(path: Path) -> str | None:
    """`site_url` of an mkdocs.yml (following `INHERIT`), or None."""
    seen: set[Path] = set()
    while path.is_file() and path.resolve() not in seen:
        seen.add(path.resolve())
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_TolerantLoader) or {}  # noqa: S506 - safe loader subclass
        if not isinstance(data, dict):
            return None
        if data.get("site_url"):
            return normalize_site_url(data["site_url"])
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            return None
        path = path.parent / parent
    return None


@dataclass(frozen=True)
class ExportContext:
    """Configuration, absolute base URL (when known) and the generation time shared by every format."""

    config: Config = field(default_factory=default_config)
    site_url: str | None = None
    generated: dt.datetime = field(default_factory=generated_at)

    def absolute(self, path: str) -> str:
        """`mo-hinh/x/` → `https://site/mo-hinh/x/` when the site's address is known, else unchanged."""
        return urljoin(self.site_url, path) if self.site_url else path

    @property
    def generated_iso(self) -> str:
        """Generation time in UTC, `2025-01-02T03:04:05Z`."""
        return self.generated.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
