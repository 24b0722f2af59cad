"""Every page the catalogue publishes, as (source path, Markdown) pairs; no MkDocs here."""

from __future__ import annotations

import math
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import jinja2
from markupsafe import Markup, escape

from .. import vietnamese as text
from ..model import Model
from ..site_context import Output, Page, SiteContext, front_matter, url_of
from ..validate.context import parse_date
from ..validate.rules_reference import render_markdown as rules_markdown
from ..validate.traceability import render_markdown as traceability_markdown
from . import charts, maps, sections
from .stash import HtmlStash

TEMPLATES = Path(__file__).parent.parent / "templates"
RULES_PAGE = "quy-tac/index.md"
PAGE_SIZE = 50  # entries per listing page: small enough for a phone on a weak connection
# Stands for a page's `root` in a listing entry rendered once for every listing (replaced at once,
# in `_entry`; private use, so never in dossier text).
_ROOT_MARK = "\ue000"


@dataclass
class Group:
    title: str
    models: list[Model]
    note: str = ""


TRUSTED_MARK = "\ue002"  # private use; tokens also carry a random part, so dossier text cannot spell one
_TRUSTED_RE = re.compile(f"{TRUSTED_MARK}[0-9a-f]+n[0-9]+{TRUSTED_MARK}")


@dataclass
class RenderedPages(Output):
    stash: HtmlStash = field(default_factory=HtmlStash)  # HTML blocks the pages' placeholders stand for
    # HTML made from trusted data only (the register's maps) that the model pages' sanitizer would
    # strip (it drops every <svg>): a token stands for it until the page has been sanitized
    trusted: dict[str, str] = field(default_factory=dict)
    _secret: str = field(default_factory=lambda: secrets.token_hex(6))

    def put_trusted(self, html: str) -> Markup:
        token = f"{TRUSTED_MARK}{self._secret}n{len(self.trusted)}{TRUSTED_MARK}"
        self.trusted[token] = html
        return Markup(token)

    def restore_trusted(self, content: str) -> str:
        """`content` with each trusted token replaced by its HTML (handed over once)."""
        if TRUSTED_MARK not in content:
            return content
        return _TRUSTED_RE.sub(lambda m: self.trusted.pop(m.group(0), ""), content)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["vi_date"] = text.vi_date
    env.filters["vi_date_str"] = lambda s: text.vi_date(_date(s))
    env.filters["vnd"] = text.vnd
    env.filters["num"] = text.number
    return env


def _date(value: Any) -> Any:
    return parse_date(value)


def shift_headings(markdown: str, by: int = 1) -> str:
    """Demote body headings so a dossier's `##` sits under the page's own sections."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"^#{1,5}\s", line):
            line = "#" * by + line
        out.append(line)
    return "\n".join(out)


class SiteRenderer:
    """Renders the catalogue's pages from templates/."""

    def __init__(self, ctx: SiteContext) -> None:
        self.catalogue = ctx.catalogue
        self.config = config = ctx.config
        self.site_url = ctx.site.site_url or ""  # absolute, with a trailing slash: for print
        self.env = _env()
        self.env.globals.update(c=config, label=config.label, at=sections.at,
                                code_label=lambda spec, code: sections.code_label(config, spec, code))
        # the step sections, written once from the declarations as a template model.md.j2 includes
        fields_module = self.env.get_template("_fields.j2").module
        layout = sections.page_sections(config, set(dir(fields_module)))
        source = sections.template_source(config, layout, set(fields_module.from_model))  # type: ignore[attr-defined]
        self.env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"_sections.j2": source}), self.env.loader])
        self.env.globals["specs"] = config.dossier
        self.stash = HtmlStash()
        self.env.filters["html"] = self.stash.put
        self._entries: dict[str, str] = {}
        self.env.globals["entry"] = self._entry
        self.env.globals["locator"] = self._locator
        self._out: RenderedPages | None = None

    def render(self) -> RenderedPages:
        out = self._out = RenderedPages(stash=self.stash)
        for make in (self._home, self._models, self._tiers, self._fields, self._provinces, self._typical,
                     self._catalogue, self._stats, self._rules):
            make(out)
        return out

    def _locator(self, m: Model, root: str) -> Markup:
        """A model's locator map; its inline SVG waits outside the page until the page is sanitized."""
        html = str(maps.locator(m, root))
        if not html or self._out is None:
            return Markup(html)
        return self._out.put_trusted(html)

    def _entry(self, m: Model, root: str) -> Markup:
        """A model's entry in a listing, rendered once (a model is on ~9 listings), linked from `root`."""
        html = self._entries.get(m.slug)
        if html is None:
            macro = self.env.get_template("_macros.j2").module.entry  # type: ignore[attr-defined]
            html = self._entries[m.slug] = str(macro(m, _ROOT_MARK))
        return Markup(html.replace(_ROOT_MARK, root))

    def _render(self, template: str, src_uri: str, **ctx: Any) -> str:
        root = "../" * url_of(src_uri).count("/")  # pages are directory URLs
        return self.env.get_template(template).render(root=root, catalogue=self.catalogue, **ctx)

    # --- pages ----------------------------------------------------------
    def _home(self, out: Output) -> None:
        uri = "index.md"
        meta = front_matter(self.config.site["name"], "Danh mục công khai các mô hình “Dân vận khéo” đã được công nhận, tra cứu theo cấp, lĩnh vực và địa bàn.",
                     hide=["navigation", "toc"])
        tiers = [t for t in self.config.tiers_in_order() if self.catalogue.in_tier(t.slug)]
        country_map = maps.country_figure(self.catalogue.models, "tinh/", "vn") if self.catalogue.models else ""
        out.pages.append(Page(uri, self._render("home.md.j2", uri, meta=meta, tiers=tiers, newest=self.catalogue.models[:6],
                                                country_map=Markup(country_map))))
        out.files[maps.BASE_FILE] = maps.base_map()  # the locator maps' background, one file for every model page

    def _models(self, out: Output) -> None:
        by_slug = self.catalogue.by_slug
        site = self.site_url
        for m in self.catalogue.models:
            uri = f"mo-hinh/{m.slug}/index.md"  # a folder page: a bundle's own files (images) link relatively
            meta = front_matter(m.title, m.summary, hide=["navigation"])  # model pages are out of the nav: its column would be empty
            timeline = self._timeline(m)
            content = self._render(
                "summary_page.md.j2" if m.summary_record else "model.md.j2", uri, meta=meta, m=m, timeline=timeline, canonical=site + m.url if site else "", body=shift_headings(m.body),
                parent=by_slug.get(m.derived_from or ""), children=[by_slug[s] for s in m.derived_children],
            )
            out.pages.append(Page(uri, content, edit_path=m.source_path))

    def _timeline(self, m: Model) -> str:
        idea = m.data.get("idea") or {}
        reg = _date((idea.get("registered") or {}).get("date"))
        ev = _date((m.data.get("evaluation") or {}).get("date"))
        if reg and ev:
            months = (ev.year - reg.year) * 12 + ev.month - reg.month
            return f"Từ đăng ký ({text.vi_date(reg)}) đến tự đánh giá ({text.vi_date(ev)}): khoảng {max(months, 1)} tháng"
        return ""

    def _listing(self, out: Output, base: str, heading: str, intro: str, groups: list[Group], description: str = "",
                 hide: Sequence[str] = (), figure: str = "") -> None:
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
            title = heading if n == 1 else f"{heading} (trang {n})"
            meta = front_matter(title, description or intro, **({"hide": list(hide)} if hide else {}))
            out.pages.append(Page(uri, self._render("listing.md.j2", uri, meta=meta, heading=title, intro=intro if n == 1 else "",
                                                    groups=page_groups, pages=pages, page=n, base=base,
                                                    figure=Markup(figure) if n == 1 else "")))

    def _tiers(self, out: Output) -> None:
        for tier in self.config.tiers_in_order():
            models = self.catalogue.in_tier(tier.slug)
            groups = [Group(f.label, [m for m in models if f.slug in m.fields]) for f in self.config.fields.values()]
            intro = (f"{len(models)} mô hình được công nhận {tier.label.lower()}, xếp theo lĩnh vực. "
                     f"Tiêu chuẩn {tier.label.lower()}: đã nhân rộng hoặc có thể nhân rộng trong phạm vi {tier.scope}.")
            self._listing(out, f"cap/{tier.slug}/", f"Mô hình “Dân vận khéo” {tier.label.lower()}", intro,
                          [g for g in groups if g.models])

    def _fields(self, out: Output) -> None:
        for f in self.config.fields.values():
            models = self.catalogue.in_field(f.slug)
            groups = [Group(t.label, [m for m in models if m.tier == t.slug], "theo cấp cao nhất đạt được")
                      for t in reversed(self.config.tiers_in_order())]
            intro = f"{len(models)} mô hình thuộc lĩnh vực {f.label}, xếp theo cấp công nhận cao nhất."
            if f.description:
                intro = f"{f.description} {intro}"
            self._listing(out, f"linh-vuc/{f.slug}/", f"Lĩnh vực {f.label}", intro, [g for g in groups if g.models])

    def _provinces(self, out: Output) -> None:
        provinces = dict(sorted(self.catalogue.provinces().items(), key=lambda kv: text.province_order(kv[0])))
        rows = [Group(name, ms) for name, ms in provinces.items()]
        uri = "tinh/index.md"
        links = "".join(
            f'<li><a href="{text.province_slug(g.title)}/">{escape(g.title)}</a> <span class="dvk-muted">{len(g.models)} mô hình</span></li>'
            for g in rows
        )
        country_map = maps.country_figure(self.catalogue.models, "", "vn") if self.catalogue.models else ""
        body = (f"---\n{front_matter('Theo tỉnh, thành phố', 'Mô hình “Dân vận khéo” theo tỉnh, thành phố hiện nay.')}\n---\n\n"
                "# Theo tỉnh, thành phố\n\n<p class=\"dvk-intro\">Nhóm theo tỉnh, thành phố hiện nay (sau sắp xếp đơn vị hành chính năm 2025); "
                "mỗi mô hình vẫn ghi địa bàn tại thời điểm công nhận.</p>\n\n"
                f"{self.stash.put(country_map) if country_map else ''}"
                f'<ul class="dvk-columns">{links}</ul>\n')
        out.pages.append(Page(uri, body))
        for name, models in provinces.items():
            merged = sorted({m.province_at_recognition for m in models if m.province_at_recognition != name},
                            key=text.province_order)
            note = f" Gồm cả mô hình công nhận khi còn là {', '.join(merged)}." if merged else ""
            groups = [Group(t.label, [m for m in models if m.tier == t.slug]) for t in reversed(self.config.tiers_in_order())]
            code = next((m.unit_today.province_code for m in models if m.unit_today), "")
            figure = maps.province_figure(code, models, "../../danh-muc/") if code else ""
            self._listing(out, f"tinh/{text.province_slug(name)}/", f"Mô hình “Dân vận khéo” – {name}",
                          f"{len(models)} mô hình của {name}.{note}", [g for g in groups if g.models], figure=figure)

    def _typical(self, out: Output) -> None:
        groups = [Group(f"Năm {year}", ms) for year, ms in self.catalogue.typical_by_year().items()]
        self._listing(out, "tieu-bieu/", "Mô hình tiêu biểu", "Các mô hình được cấp ủy chọn biểu dương, khen thưởng là mô hình “Dân vận khéo” tiêu biểu hằng năm (Bước 6), theo năm.", groups)

    def _catalogue(self, out: Output) -> None:
        # no menu or table-of-contents column: the filters and the results take the whole width
        self._listing(out, "danh-muc/", "Danh mục mô hình", "Tất cả mô hình đã được công nhận, mới nhất trước.",
                      [Group("", self.catalogue.models)], hide=["navigation", "toc"])

    def _rules(self, out: Output) -> None:
        """`quy-tac/`: generated from the rules `dvk check` runs, so the page never drifts from them."""
        body = rules_markdown()
        title, _, rest = body.partition("\n")  # the reference opens with its own level-1 heading
        meta = front_matter(title.lstrip("# ").strip(), "Các quy tắc dvk dùng để kiểm tra hồ sơ mô hình “Dân vận khéo” "
                            "và tiêu chí của hướng dẫn mà mỗi quy tắc thực hiện.")
        trace = traceability_markdown(rules_url="")  # codes link to their entries on this same page
        out.pages.append(Page(RULES_PAGE, f"---\n{meta}\n---\n\n{title}\n{rest}\n{trace}"))

    def _stats(self, out: Output) -> None:
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
        charts_ = [
            {"title": title, "column": column, "rows": rows, "svg": charts.bar_chart(rows, f"Số mô hình {title.lower()}"),
             "caption": f"Số mô hình {title.lower()}."}
            for title, column, rows in specs
        ]
        uri = "thong-ke/index.md"
        meta = front_matter("Thống kê", "Số mô hình “Dân vận khéo” theo cấp, lĩnh vực, tỉnh, năm và loại chủ thể.",
                            hide=["navigation"])  # the menu column held one link: the charts take its width
        out.pages.append(Page(uri, self._render("stats.md.j2", uri, meta=meta, charts=charts_)))


def render_pages(ctx: SiteContext) -> RenderedPages:
    """Every page of the catalogue (model pages, listings, statistics, rules) with the HTML blocks they stand for."""
    return SiteRenderer(ctx).render()
