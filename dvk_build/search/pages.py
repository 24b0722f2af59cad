"""The search page `tim-kiem/` and the facets file its script and the catalogue's read."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # render/site.py calls this module: no import of it at run time
    from ..render.site import Output, SiteRenderer

from .records import COMMUNE_NAMES_FILE, commune_names, facets

SEARCH_PAGE = "tim-kiem/index.md"
FACETS_FILE = "tim-kiem/bo-loc.json"


def make_search_page(renderer: SiteRenderer, out: Output) -> None:
    """Add `tim-kiem/` (filled in by assets/dvk-search.js) and `tim-kiem/bo-loc.json`."""
    from ..render.site import Page, _meta

    meta = _meta("Tìm kiếm", "Tìm mô hình “Dân vận khéo” theo từ khóa, có dấu hoặc không dấu, và lọc theo cấp, lĩnh vực, địa bàn.",
                 hide=["navigation", "toc"])
    # Without JavaScript there is no search on a static site: say so and point to the plain catalogue.
    block = renderer.stash.put(
        '<div id="dvk-finder" class="dvk-finder" data-mode="search">'
        '<p class="dvk-finder-nojs">Trang tìm kiếm cần trình duyệt bật JavaScript. '
        'Bạn vẫn có thể xem <a href="../danh-muc/">danh mục đầy đủ</a>, hoặc tra cứu '
        '<a href="../cap/tinh/">theo cấp</a>, <a href="../tinh/">theo tỉnh, thành phố</a>.</p></div>'
    )
    out.pages.append(Page(SEARCH_PAGE, f"---\n{meta}\n---\n\n# Tìm kiếm mô hình\n{block}\n"))
    # `engine` is null when the build wrote no index (plugin option `search: false`): the script says so.
    data = {**facets(renderer.catalogue, renderer.c), "engine": renderer.search_engine}
    out.files[FACETS_FILE] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.files[COMMUNE_NAMES_FILE] = json.dumps(commune_names(renderer.catalogue), ensure_ascii=False, separators=(",", ":"))
