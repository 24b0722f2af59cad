"""Model pages written through the theme outside MkDocs' page loop: Material's frame (overrides/dvk/page.html) around their HTML."""

from __future__ import annotations

import os
from typing import Any, Callable

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .model import Model
from .render.model_page import ModelPages
from .site_context import page_meta

FRAME = "dvk/page.html"


class ThemePages:
    """Writes model pages into the site: one Markdown-free page each, the menu drawn once for all of them.

    MkDocs' loop would convert each page from Markdown and draw Material's menu and tabs again for each
    (most of a 10,000-page build); model pages are HTML already, and none is in the menu, so the menu
    and tabs are the same on all of them (`once`).
    """

    def __init__(self, config: MkDocsConfig, env: jinja2.Environment, nav: Navigation, files: Files,
                 pages: ModelPages) -> None:
        self.config, self.nav, self.pages = config, nav, pages
        self.template = env.get_template(FRAME)
        self.documentation = files.documentation_pages()  # the `pages` of the context: listed once, not per page
        self._drawn: dict[str, Markup] = {}

    def once(self, key: str, draw: Callable[[], Any]) -> Markup:
        """What `draw` gives, drawn on the first page only (the frame's menu and tabs)."""
        if key not in self._drawn:
            self._drawn[key] = Markup(draw())
        return self._drawn[key]

    def render(self, m: Model) -> str:
        """The model's page, whole."""
        content = self.pages.content(m)
        page = Page(None, File.generated(self.config, f"mo-hinh/{m.slug}/index.md", content=""), self.config)
        page.markdown = ""
        page.meta = page_meta(content.title, content.description, hide=["navigation"])  # out of the menu: its column would be empty
        page.content = content.html
        page.toc = get_toc(content.toc)  # type: ignore[arg-type]
        if self.config.repo_url and content.edit_path:
            page.edit_url = self.config.repo_url.rstrip("/") + "/edit/main/" + content.edit_path
        context = get_context(self.nav, self.documentation, self.config, page)
        context["dvk_once"] = self.once
        return self.template.render(context)

    def write(self, m: Model) -> None:
        """Render the model's page into the site folder."""
        path = os.path.join(self.config.site_dir, "mo-hinh", m.slug, "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace") as fh:
            fh.write(self.render(m))
