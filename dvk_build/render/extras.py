"""Page and file makers beyond the core pages (exports, feed, data page, rules), in build order."""

from __future__ import annotations

from typing import Callable

from .site import Output, SiteRenderer

Maker = Callable[[SiteRenderer, Output], None]


def makers() -> list[Maker]:
    """Explicit list: each module that contributes pages or files is named here."""
    found: list[Maker] = []
    for module_name in ("dvk_build.render.reference_pages", "dvk_build.export.site_files"):
        try:
            module = __import__(module_name, fromlist=["make"])
        except ModuleNotFoundError:
            continue  # the part is not built yet
        found.append(module.make)
    return found
