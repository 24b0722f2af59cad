"""What render/, export/ and search/ share and take: the site, the catalogue, and the page and output types."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from markupsafe import Markup

from .config import Config, default_config
from .model import Catalogue

VN_TZ = dt.timezone(dt.timedelta(hours=7))  # recognition dates are Vietnamese calendar days


def generated_at() -> dt.datetime:
    """Build time: SOURCE_DATE_EPOCH when set (two builds of the same content are byte-identical), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def normalize_site_url(url: Any) -> str | None:
    """`https://x.vn/dvk` → `https://x.vn/dvk/`; None for an empty or relative value."""
    url = url.strip() if isinstance(url, str) else ""
    if not url.startswith(("http://", "https://")):
        return None
    return url if url.endswith("/") else url + "/"


def site_url(config: Config, mkdocs_site_url: Any = None) -> str | None:
    """The one address of the site: `site.url` of config.yaml, else mkdocs.yml's `site_url`.

    The plugin passes MkDocs' parsed `site_url` and writes the result back into MkDocs' config (so
    the theme uses it too); `dvk export` passes what `site_url_from_mkdocs` reads: the same answer.
    """
    return normalize_site_url(config.site.get("url")) or normalize_site_url(mkdocs_site_url)


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
class Site:
    """Configuration, absolute base URL (when known) and generation time: small, sent to worker processes."""

    config: Config = field(default_factory=default_config)
    site_url: str | None = None  # normalized: absolute, with a trailing slash
    generated: dt.datetime = field(default_factory=generated_at)

    def absolute(self, path: str) -> str:
        """`mo-hinh/x/` → `https://site/mo-hinh/x/` when the site's address is known, else unchanged."""
        return urljoin(self.site_url, path) if self.site_url else path

    @property
    def notice(self) -> str:
        """The site's notice that the data are illustrative, on one line: every download carries it."""
        return " ".join(str(self.config.site.get("illustrative_notice", "")).split())

    @property
    def generated_iso(self) -> str:
        """Generation time in UTC, `2025-01-02T03:04:05Z`."""
        return self.generated.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class SiteContext:
    """Everything an output of the site is made from: the published catalogue and the site."""

    catalogue: Catalogue
    site: Site
    search: bool = True  # whether the build writes the search index (the search page says when not)

    @property
    def config(self) -> Config:
        return self.site.config


@dataclass
class Page:
    src_uri: str  # e.g. "mo-hinh/slug/index.md"
    content: str


@dataclass
class Output:
    """Pages and other files (path → content) that one part adds to the site."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes | str] = field(default_factory=dict)

    def add(self, other: Output) -> Output:
        self.pages += other.pages
        self.files.update(other.files)
        return self


def url_of(src_uri: str) -> str:
    """Directory URL of a page source: `cap/huyen/index.md` → `cap/huyen/`."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_meta(title: str, description: str = "", **extra: Any) -> dict[str, Any]:
    """A page's metadata as Material reads it: it prints `title` and `description` unescaped into HTML
    (`<title>`, the header, `content="..."`), so they are HTML-escaped here, once."""
    data: dict[str, Any] = {"title": html.escape(title)}
    if description:
        data["description"] = html.escape(" ".join(description.split())[:300])
    data.update(extra)
    return data


def front_matter(title: str, description: str = "", **extra: Any) -> Markup:
    """`page_meta` as YAML front matter, safe to place in a template as is (it must not be autoescaped
    again: that turned `'` into `&#39;`, an anchor that broke the front matter)."""
    data = page_meta(title, description, **extra)
    # JSON is YAML, and json.dumps is far cheaper than yaml.safe_dump (thousands of pages);
    # but not with ensure_ascii: YAML refuses the surrogate pairs it writes for 𡨸 or an emoji
    return Markup("\n".join(f"{key}: {_yaml_json(value)}" for key, value in data.items()))


# What YAML will not read raw in a double-quoted scalar (C1 controls, DEL), or reads as a line break
# (NEL, LS, PS); json.dumps already escapes C0 controls, quotes and backslashes.
_YAML_UNSAFE = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF)}


def _yaml_json(value: Any) -> str:
    """JSON text of value that is also YAML reading back to value, any Unicode script included."""
    return json.dumps(value, ensure_ascii=False).translate(_YAML_UNSAFE)
