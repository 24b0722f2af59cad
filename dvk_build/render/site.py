"""The catalogue's pages (home, listings, statistics from HTML templates; the rules page in Markdown); no MkDocs here."""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Sequence

from markupsafe import Markup

from .. import vietnamese as text
from ..model import Model
from ..site_context import Output, Page, SiteContext, front_matter, url_of
from ..validate.rules_reference import render_markdown as rules_markdown
from ..validate.traceability import render_markdown as traceability_markdown
from . import charts, maps
from .model_page import toc_tokens
from .templates import environment

RULES_PAGE = "quy-tac/index.md"
_ID_RE = re.compile(r'\sid="([^"]+)"')
PAGE_SIZE = 50  # entries per listing page: small enough for a phone on a weak connection


@dataclass
class Group:
    title: str
    models: list[Model]
    note: str = ""


@dataclass(frozen=True)
class Body:
    """A page rendered from its template, as MkDocs' Markdown would have given it (plugin.py hands it over)."""

    html: bytes  # compressed until MkDocs writes the page: thousands of listing pages at 10,000 models
    toc: list[dict[str, Any]]  # Python-Markdown's toc tokens, the h1 included
    ids: frozenset[str]  # every id in it: MkDocs checks the links to them


@dataclass
class RenderedPages(Output):
    # The bodies of the pages rendered from templates, by source path: their Markdown source is only the
    # front matter, so Python-Markdown has nothing to parse.
    bodies: dict[str, Body] = field(default_factory=dict)


# Whether to render a page, given its path, what it depends on beyond its entries, and the models it lists
Wanted = Callable[[str, Hashable, Sequence[str]], bool]


class SiteRenderer:
    """Renders the catalogue's pages from templates/.

    `wanted` lets the preview (preview.py) render only the pages an edit changed: every page's
    signature (what it shows, entries aside) is recorded in `signatures` whether rendered or not.
    """

    def __init__(self, ctx: SiteContext, wanted: Wanted | None = None) -> None:
        self.wanted: Wanted = wanted or (lambda uri, signature, slugs: True)
        self.signatures: dict[str, Hashable] = {}
        self.listed: dict[str, Sequence[str]] = {}  # the models each page lists, rendered or not (the preview's)
        self._figures: dict[str, tuple[Hashable, str]] = {}  # the country maps, by what they show
        self._places: Hashable = None
        self._in: dict[tuple[str, str], list[Model]] = {}  # one render's models by tier and by field
        self.catalogue = ctx.catalogue
        self.config = ctx.config
        self.env = environment(ctx.config)
        self._entries: dict[tuple[str, str], str] = {}
        self.env.globals["entry"] = self._entry

    def render(self) -> RenderedPages:
        out = RenderedPages()
        self._places = None
        self._in = {}
        for make in (self._home, self._tiers, self._fields, self._provinces, self._typical,
                     self._catalogue, self._stats, self._rules):
            make(out)
        return out

    def again(self, wanted: Wanted, edited: set[str]) -> RenderedPages:
        """The pages `wanted` picks, from the catalogue as it is now: the preview keeps one build's renderer
        (templates compiled, entries rendered) and re-renders with it after an edit."""
        self.wanted, self.signatures, self.listed = wanted, {}, {}
        self._entries = {key: html for key, html in self._entries.items() if key[0] not in edited}
        return self.render()

    def _entry(self, m: Model, root: str) -> Markup:
        """A model's entry in a listing: rendered once per depth of the listings it is on (about 9 listings, 2-3 depths)."""
        key = (m.slug, root)
        html = self._entries.get(key)
        if html is None:
            macro = self.env.get_template("_macros.j2").module.entry  # type: ignore[attr-defined]
            html = self._entries[key] = str(macro(m, root))
        return Markup(html)

    def _want(self, uri: str, signature: Hashable, slugs: Sequence[str] = ()) -> bool:
        self.signatures[uri] = signature
        self.listed[uri] = slugs
        return self.wanted(uri, signature, slugs)

    def _page(self, out: RenderedPages, src_uri: str, meta: str, template: str, **ctx: Any) -> None:
        """A page from its HTML template: the front matter is its source, the HTML waits compressed in `bodies`."""
        root = "../" * url_of(src_uri).count("/")  # pages are directory URLs
        html = self.env.get_template(template).render(root=root, catalogue=self.catalogue, **ctx)
        out.pages.append(Page(src_uri, f"---\n{meta}\n---\n"))
        out.bodies[src_uri] = Body(zlib.compress(html.encode("utf-8"), 1), toc_tokens(html, top=1), frozenset(_ID_RE.findall(html)))

    # --- pages ----------------------------------------------------------
    def _home(self, out: RenderedPages) -> None:
        uri = "index.md"
        meta = front_matter(self.config.site["name"], "Danh mục công khai các mô hình “Dân vận khéo” đã được công nhận, tra cứu theo cấp, lĩnh vực và địa bàn.",
                     hide=["navigation", "toc"])
        tiers = [t for t in self.config.tiers_in_order() if self._models_in("tier", t.slug)]
        newest = self.catalogue.models[:6]
        counts = (tuple(len(self._models_in("tier", t.slug)) for t in tiers),
                  tuple(len(self._models_in("field", f)) for f in self.config.fields))
        if not self._want(uri, ("home", tuple(t.slug for t in tiers), counts, self._counts()), [m.slug for m in newest]):
            return
        self._page(out, uri, meta, "home.html.j2", tiers=tiers, newest=newest,
                   in_tier={t.slug: n for t, n in zip(tiers, counts[0])}, in_field=dict(zip(self.config.fields, counts[1])),
                   country_map=Markup(self._country_figure("tinh/")))
        out.files[maps.BASE_FILE] = maps.base_map()  # the locator maps' background, one file for every model page

    def _models_in(self, kind: str, slug: str) -> list[Model]:
        """The models of a tier or a field (`Catalogue.in_tier`, `in_field`), worked out once per render."""
        if (kind, slug) not in self._in:
            self._in[kind, slug] = getattr(self.catalogue, f"in_{kind}")(slug)
        return self._in[kind, slug]

    def _counts(self) -> Hashable:
        """Models per province and per commune: what the maps and the province index show."""
        if self._places is None:
            models = self.catalogue.models
            self._places = (tuple(sorted(Counter(m.province for m in models).items())),
                            tuple(sorted(maps.counts_by_commune(models).items())))
        return self._places

    def _country_figure(self, prefix: str) -> str:
        """The national map, drawn again only when the counts it shows changed."""
        key = self._counts()
        kept = self._figures.get(prefix)
        if kept is None or kept[0] != key:
            kept = self._figures[prefix] = (key, maps.country_figure(self.catalogue.models, prefix, "vn")
                                            if self.catalogue.models else "")
        return kept[1]

    def _listing(self, out: RenderedPages, base: str, heading: str, intro: str, groups: list[Group],
                 hide: Sequence[str] = (), figure: Callable[[], str] = str, figure_key: Hashable = None) -> None:
        """Paginated listing: groups are flattened into pages of PAGE_SIZE entries, headings repeated."""
        flat = [(g, m) for g in groups for m in g.models]
        pages = max(1, math.ceil(len(flat) / PAGE_SIZE))
        for n in range(1, pages + 1):
            chunk = flat[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
            page_groups: list[Group] = []
            for g, m in chunk:
                if not page_groups or page_groups[-1].title != g.title:
                    page_groups.append(Group(g.title, [], g.note))
                page_groups[-1].models.append(m)
            uri = f"{base}index.md" if n == 1 else f"{base}trang-{n}/index.md"
            # the page changes with its entries' order and groups, the number of pages and the intro's count
            signature = (pages, intro, tuple((g.title, m.slug) for g, m in chunk), figure_key if n == 1 else None)
            if not self._want(uri, signature, [m.slug for _, m in chunk]):
                continue
            title = heading if n == 1 else f"{heading} (trang {n})"
            meta = front_matter(title, intro, **({"hide": list(hide)} if hide else {}))
            self._page(out, uri, meta, "listing.html.j2", title=title, intro=intro if n == 1 else "", groups=page_groups,
                       pages=pages, page=n, base=base, figure=Markup(figure()) if n == 1 else "")

    def _tiers(self, out: RenderedPages) -> None:
        for tier in self.config.tiers_in_order():
            models = self._models_in("tier", tier.slug)
            groups = [Group(f.label, [m for m in models if f.slug in m.fields]) for f in self.config.fields.values()]
            intro = (f"{len(models)} mô hình được công nhận {tier.label.lower()}, xếp theo lĩnh vực. "
                     f"Tiêu chuẩn {tier.label.lower()}: đã nhân rộng hoặc có thể nhân rộng trong phạm vi {tier.scope}.")
            self._listing(out, f"cap/{tier.slug}/", f"Mô hình “Dân vận khéo” {tier.label.lower()}", intro, groups)

    def _fields(self, out: RenderedPages) -> None:
        for f in self.config.fields.values():
            models = self._models_in("field", f.slug)
            groups = [Group(t.label, [m for m in models if m.tier == t.slug], "theo cấp cao nhất đạt được")
                      for t in reversed(self.config.tiers_in_order())]
            intro = f"{len(models)} mô hình thuộc lĩnh vực {f.label}, xếp theo cấp công nhận cao nhất."
            if f.description:
                intro = f"{f.description} {intro}"
            self._listing(out, f"linh-vuc/{f.slug}/", f"Lĩnh vực {f.label}", intro, groups)

    def _provinces(self, out: RenderedPages) -> None:
        provinces = dict(sorted(self.catalogue.provinces().items(), key=lambda kv: text.province_order(kv[0])))
        uri = "tinh/index.md"
        if self._want(uri, ("provinces", self._counts())):
            self._province_index(out, uri, [Group(name, ms) for name, ms in provinces.items()])
        for name, models in provinces.items():
            merged = sorted({m.province_at_recognition for m in models if m.province_at_recognition != name},
                            key=text.province_order)
            note = f" Gồm cả mô hình công nhận khi còn là {', '.join(merged)}." if merged else ""
            groups = [Group(t.label, [m for m in models if m.tier == t.slug]) for t in reversed(self.config.tiers_in_order())]
            code = next((m.unit_today.province_code for m in models if m.unit_today), "")
            # drawn only for a page rendered (its first): the preview renders one page of one listing
            figure = (lambda code=code, models=models: maps.province_figure(code, models, "../../danh-muc/")) if code else str
            self._listing(out, f"tinh/{text.province_slug(name)}/", f"Mô hình “Dân vận khéo” – {name}",
                          f"{len(models)} mô hình của {name}.{note}", groups, figure=figure,
                          figure_key=tuple(sorted(maps.counts_by_commune(models).items())))

    def _province_index(self, out: RenderedPages, uri: str, rows: list[Group]) -> None:
        meta = front_matter("Theo tỉnh, thành phố", "Mô hình “Dân vận khéo” theo tỉnh, thành phố hiện nay.")
        self._page(out, uri, meta, "provinces.html.j2", country_map=Markup(self._country_figure("")),
                   provinces=[(text.province_slug(g.title), g.title, len(g.models)) for g in rows])

    def _typical(self, out: RenderedPages) -> None:
        groups = [Group(f"Năm {year}", ms) for year, ms in self.catalogue.typical_by_year().items()]
        self._listing(out, "tieu-bieu/", "Mô hình tiêu biểu", "Các mô hình được cấp ủy chọn biểu dương, khen thưởng là mô hình “Dân vận khéo” tiêu biểu hằng năm (Bước 6), theo năm.", groups)

    def _catalogue(self, out: RenderedPages) -> None:
        # no menu or table-of-contents column: the filters and the results take the whole width
        self._listing(out, "danh-muc/", "Danh mục mô hình", "Tất cả mô hình đã được công nhận, mới nhất trước.",
                      [Group("", self.catalogue.models)], hide=["navigation", "toc"])

    def _rules(self, out: RenderedPages) -> None:
        """`quy-tac/`: generated from the rules `dvk check` runs, so the page never drifts from them."""
        if not self._want(RULES_PAGE, "rules"):  # the rules, not the dossiers: an edit never changes it
            return
        body = rules_markdown()
        title, _, rest = body.partition("\n")  # the reference opens with its own level-1 heading
        meta = front_matter(title.lstrip("# ").strip(), "Các quy tắc dvk dùng để kiểm tra hồ sơ mô hình “Dân vận khéo” "
                            "và tiêu chí của hướng dẫn mà mỗi quy tắc thực hiện.")
        trace = traceability_markdown(rules_url="")  # codes link to their entries on this same page
        out.pages.append(Page(RULES_PAGE, f"---\n{meta}\n---\n\n{title}\n{rest}\n{trace}"))

    def _stats(self, out: RenderedPages) -> None:
        cat, c = self.catalogue, self.config
        tier_counts = Counter(m.tier for m in cat.models)
        field_counts = Counter(f for m in cat.models for f in m.fields)
        kind_counts = Counter(m.holder_kind for m in cat.models)
        year_counts = Counter(m.year for m in cat.models if m.year)
        prov_counts = Counter(m.province for m in cat.models)
        specs = [
            ("Theo cấp công nhận cao nhất", "Cấp", [(t.label, tier_counts[t.slug]) for t in c.tiers_in_order() if tier_counts[t.slug]]),
            ("Theo lĩnh vực", "Lĩnh vực", [(f.label, field_counts[f.slug]) for f in c.fields.values()]),
            ("Theo tỉnh, thành phố hiện nay", "Tỉnh, thành phố", sorted(prov_counts.items(), key=lambda kv: (-kv[1], text.province_order(kv[0])))),
            # every year from the first to the last, a year without a new model as 0 (not left out)
            ("Theo năm công nhận", "Năm", [(str(y), year_counts[y]) for y in range(min(year_counts, default=0),
                                                                                  max(year_counts, default=-1) + 1)]),
            ("Theo loại chủ thể", "Chủ thể", [(label, kind_counts[k]) for k, label in c.holder_kinds.items()]),
        ]
        uri = "thong-ke/index.md"
        if not self._want(uri, repr(specs)):
            return
        charts_ = [
            {"title": title, "column": column, "rows": rows, "svg": charts.bar_chart(rows, f"Số mô hình {title.lower()}"),
             "caption": f"Số mô hình {title.lower()}."}
            for title, column, rows in specs
        ]
        meta = front_matter("Thống kê", "Số mô hình “Dân vận khéo” theo cấp, lĩnh vực, tỉnh, năm và loại chủ thể.",
                            hide=["navigation"])  # the menu column held one link: the charts take its width
        self._page(out, uri, meta, "stats.html.j2", charts=charts_)
