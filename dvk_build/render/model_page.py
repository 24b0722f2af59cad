"""A model page's content as HTML: the facts through templates/model.html.j2, the body through Markdown, and its contents list."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Sequence

import jinja2
import markdown
from markupsafe import Markup

from .. import vietnamese as text
from ..model import Catalogue, Model
from ..validate.context import parse_date
from .sanitize import sanitize
from .templates import environment

ROOT = "../../"  # every model page is the folder mo-hinh/<slug>/: its links to the rest of the site go up twice
# What mkdocs.yml gives Python-Markdown; the plugin passes the site's own list.
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("toc", "tables", "attr_list", "admonition")
_HEADING_RE = re.compile(r'<h([1-6]) id="([^"]+)"(?: data-toc-label="([^"]*)")?>(.*?)</h\1>', re.S)
_BODY_ID_RE = re.compile(r'(<h[1-6][^>]* id=")([^"]+)(")')
_HEADING_LINE_RE = re.compile(r"^#{1,5}\s")


@dataclass
class ModelContent:
    """What the theme's frame needs of one model page."""

    title: str
    description: str
    html: str  # the article, from the facts to the print footer
    toc: list[dict[str, Any]]  # Python-Markdown's toc tokens (level, id, name, children), for the theme's contents
    edit_path: str  # the dossier behind the page, for "Sửa trang này"


def shift_headings(source: str) -> str:
    """Demote body headings so a dossier's `##` sits under the page's own sections."""
    out, fenced = [], False
    for line in source.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and _HEADING_LINE_RE.match(line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def toc_tokens(content: str, top: int = 2) -> list[dict[str, Any]]:
    """The contents list of a page's HTML: every heading from level `top` with an id, nested by level (what `toc` would give)."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for match in _HEADING_RE.finditer(content):
        level = int(match.group(1))
        if level < top:
            continue
        # `data-toc-label`, as Python-Markdown's toc reads it: a listing group's heading without its note
        name = match.group(3) if match.group(3) is not None else re.sub(r"<[^>]+>", "", match.group(4)).strip()
        token = {"level": level, "id": html.unescape(match.group(2)), "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


class ModelPages:
    """Renders model pages' content; one instance per build, one Markdown converter reused page after page."""

    def __init__(self, env: jinja2.Environment, catalogue: Catalogue, site_url: str | None,
                 extensions: Sequence[Any] = MARKDOWN_EXTENSIONS, extension_configs: dict[str, Any] | None = None) -> None:
        self.env = env
        self.catalogue = catalogue
        self.by_slug = catalogue.by_slug  # (a dict built on each call)
        self.site_url = site_url or ""
        self.markdown = markdown.Markdown(extensions=list(extensions), extension_configs=extension_configs or {})
        self._templates = {kind: env.get_template(name) for kind, name in
                           (("model", "model.html.j2"), ("summary", "summary_page.html.j2"))}
        # the ids the page's own headings take: a body heading of the same name gets another
        self._own_ids = set(re.findall(r'id="([^"]+)"', env.loader.get_source(env, "_sections.j2")[0])) \
            | {"nhan-rong-mo-hinh-nay", "kinh-nghiem-thuc-hien", "ho-so-tom-tat", "ghi-chu"}  # type: ignore[union-attr]

    def body(self, m: Model) -> str:
        """The dossier's Markdown body as sanitized HTML, its headings under the page's sections."""
        if not m.body.strip():
            return ""
        self.markdown.reset()
        out = sanitize(self.markdown.convert(shift_headings(m.body)))
        return _BODY_ID_RE.sub(lambda g: g.group(1) + self._free_id(g.group(2)) + g.group(3), out)

    def _free_id(self, id_: str) -> str:
        n, candidate = 0, id_
        while candidate in self._own_ids:
            n += 1
            candidate = f"{id_}_{n}"
        return candidate

    def content(self, m: Model) -> ModelContent:
        by_slug = self.by_slug
        template = self._templates["summary" if m.summary_record else "model"]
        article = template.render(
            m=m, root=ROOT, catalogue=self.catalogue, timeline=timeline(m),
            canonical=self.site_url + m.url if self.site_url else "",
            body=Markup(self.body(m)),
            parent=by_slug.get(m.derived_from or ""), children=[by_slug[s] for s in m.derived_children],
        )
        return ModelContent(m.title, m.summary, article, toc_tokens(article), m.source_path)


def timeline(m: Model) -> str:
    """From registration to self-assessment, in months: how long a unit replicating the model should plan for."""
    idea = m.data.get("idea") or {}
    reg = parse_date((idea.get("registered") or {}).get("date"))
    ev = parse_date((m.data.get("evaluation") or {}).get("date"))
    if reg and ev:
        months = (ev.year - reg.year) * 12 + ev.month - reg.month
        return f"Từ đăng ký ({text.vi_date(reg)}) đến tự đánh giá ({text.vi_date(ev)}): khoảng {max(months, 1)} tháng"
    return ""


def model_contents(catalogue: Catalogue) -> dict[str, ModelContent]:
    """Every model page's content by slug, in memory (tests, fuzzing); the build writes them one by one instead."""
    pages = ModelPages(environment(catalogue.config), catalogue, None)
    return {m.slug: pages.content(m) for m in catalogue.models}
