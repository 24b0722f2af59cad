"""Page and file makers beyond the core pages (exports, feed, data page, rules), in build order."""

from __future__ import annotations

from typing import Callable

from ..export import site_files
from ..forms import site_files as form_files
from . import reference_pages
from .site import Output, SiteRenderer

Maker = Callable[[SiteRenderer, Output], None]


def makers() -> list[Maker]:
    """Explicit list: each module that contributes pages or files is named here."""
    return [reference_pages.make, site_files.make, form_files.make]
