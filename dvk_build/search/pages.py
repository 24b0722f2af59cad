"""The search page `tim-kiem/` and the facets file its script and the catalogue's read."""

from __future__ import annotations

import json

from ..site_context import Output, Page, SiteContext, front_matter
from .facets import COMMUNE_NAMES_FILE, commune_names, facets

SEARCH_PAGE = "tim-kiem/index.md"
FACETS_FILE = "tim-kiem/bo-loc.json"


def search_pages(ctx: SiteContext) -> Output:
    """`tim-kiem/` (filled in by assets/dvk-search.js) and `tim-kiem/bo-loc.json`."""
    meta = front_matter("Tìm kiếm", "Tìm mô hình “Dân vận khéo” theo từ khóa, có dấu hoặc không dấu, và lọc theo cấp, "
                        "lĩnh vực, địa bàn.", hide=["navigation", "toc"])
    # Without JavaScript there is no search on a static site: say so and point to the plain catalogue.
    block = ('<div id="dvk-finder" class="dvk-finder" data-mode="search">'
             '<p class="dvk-finder-nojs">Trang tìm kiếm cần trình duyệt bật JavaScript. '
             'Bạn vẫn có thể xem <a href="../danh-muc/">danh mục đầy đủ</a>, hoặc tra cứu '
             '<a href="../cap/tinh/">theo cấp</a>, <a href="../tinh/">theo tỉnh, thành phố</a>.</p></div>')
    # `engine` is null when the build wrote no index (plugin option `search: false`): the script says so.
    data = {**facets(ctx.catalogue, ctx.config), "engine": "dvk" if ctx.search else None}
    names = commune_names(ctx.catalogue)
    return Output(pages=[Page(SEARCH_PAGE, f"---\n{meta}\n---\n\n# Tìm kiếm mô hình\n\n{block}\n")],
                  files={FACETS_FILE: json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                         COMMUNE_NAMES_FILE: json.dumps(names, ensure_ascii=False, separators=(",", ":"))})
