"""The MkDocs plugin: a thin adapter from the dvk pipeline to MkDocs files and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config as MkConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from .atomic_site import AtomicOutput
from .config import default_config, load_config
from .content_time import ensure_source_date_epoch
from .export.context import normalize_site_url
from .export.offload import OffloadFailed
from .forms.word import TemplateProblem
from .model import Catalogue, build_catalogue
from .render.extras import makers
from .render.sanitize import sanitize
from .render.site import LATER_MARK, LaterFiles, Output, render_site
from .report import format_problem
from .serve_errors import banner, inject
from .search import dvk_index
from .validate.engine import Report, check_paths
from .verify import IncompleteBuild, require_complete

T = TypeVar("T")

log = get_plugin_logger(__name__)


class DvkPluginConfig(MkConfig):
    models_dir = opt.Type(str, default="content/models")
    config_file = opt.Optional(opt.Type(str))
    max_listed_errors = opt.Type(int, default=50)
    search = opt.Type(bool, default=True)  # false: no search index (benchmarks measure what it adds)


class DvkPlugin(BasePlugin[DvkPluginConfig]):
    """Validates every dossier, refuses to build on an error, and generates the pages."""

    _command: str | None = None  # build, serve...; None when a test calls MkDocs' build() itself
    _dirty = False
    _atomic: AtomicOutput | None = None
    _epoch_set: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        self.models_dir = (base / self.config.models_dir).resolve()
        self._serve_errors = ""  # the error box of `mkdocs serve` (serve_errors.py), while a dossier has an error
        self._finish_atomic(publish=False)  # a previous build in this process that never reached its end
        if self._command == "build" and not self._dirty:  # (gh-deploy publishes config.site_dir itself)
            # the plain `mkdocs build` is as safe as `dvk build`: a temporary folder, swapped in at the end
            self._atomic = AtomicOutput(Path(config.site_dir))
            config.site_dir = str(self._atomic.tmp)
        # reproducible without SOURCE_DATE_EPOCH: the time of the content (MkDocs' sitemap reads it too)
        self._epoch_set = ensure_source_date_epoch([Path(config.docs_dir), self.models_dir])
        self.project_root = base.resolve()
        self.dvk_config = load_config(base / self.config.config_file) if self.config.config_file else default_config()
        site_url = normalize_site_url(self.dvk_config.site.get("url")) or normalize_site_url(config.site_url)
        if site_url:
            # exports, share meta and print need absolute URLs; mkdocs.yml's site_url is where editors set it
            # (a copy: the default configuration is cached and shared by every build in the process)
            self.dvk_config = dataclasses.replace(self.dvk_config, site={**self.dvk_config.site, "url": site_url})
        templates = {form: str(base / path) for form, path in ((self.dvk_config.forms or {}).get("templates") or {}).items() if path}
        if templates:  # a province's Mẫu 2a/2b templates: relative to the project folder, wherever mkdocs runs
            forms = {**self.dvk_config.forms, "templates": {**self.dvk_config.forms.get("templates", {}), **templates}}
            self.dvk_config = dataclasses.replace(self.dvk_config, forms=forms)
        self.edit_paths: dict[str, str] = {}
        self.report: Report | None = None
        self.catalogue: Catalogue | None = None
        self.output: Output | None = None
        self._placeholders: dict[str, str] = {}  # src_uri → page HTML before its blocks came back
        self._dvk_search: dvk_index.Background | None = None  # our index, built in a child process
        self._later: list[LaterFiles] = []  # exports another process writes into the site (export/offload.py)
        if not config.nav:
            config.nav = self._nav()
        self._nav_pages = set(_nav_pages(config.nav))  # generated pages the menu names stay in it
        return config

    def _nav(self) -> list[Any]:
        """The site's menu, from the one configuration of tiers and fields."""
        c = self.dvk_config
        return [
            {"Trang chủ": "index.md"},
            {"Danh mục": "danh-muc/index.md"},
            {"Theo cấp": [{t.label: f"cap/{t.slug}/index.md"} for t in reversed(c.tiers_in_order())]},
            {"Theo lĩnh vực": [{f.label: f"linh-vuc/{f.slug}/index.md"} for f in c.fields.values()]},
            {"Theo tỉnh": "tinh/index.md"},
            {"Tiêu biểu": "tieu-bieu/index.md"},
            {"Thống kê": "thong-ke/index.md"},
            {"Dữ liệu mở": "du-lieu/index.md"},
            {"Hướng dẫn": [{"Xây dựng và công nhận mô hình": "huong-dan.md"},
                           {"Quy tắc kiểm tra hồ sơ": "quy-tac/index.md"},
                           {"Đóng góp hồ sơ": "dong-gop.md"}]},
        ]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        report = check_paths([self.models_dir], self.dvk_config, dt.date.today(), root=self.project_root)
        for warning in report.warnings:
            log.info("%s", format_problem(warning))  # warnings publish; `dvk check --strict` is stricter
        if report.errors and self._command == "serve":
            # the browser shows the errors (every page, the 404 of a refused dossier too); the valid
            # dossiers are built as usual, and saving the fixed file rebuilds without the box
            for error in report.errors:
                log.warning("%s", format_problem(error))
            self._serve_errors = banner(report.errors, self.config.max_listed_errors)
        elif report.errors:
            shown = report.errors[: self.config.max_listed_errors]
            more = len(report.errors) - len(shown)
            lines = "\n".join(format_problem(p) for p in shown)
            tail = f"\n… và {more} lỗi khác." if more > 0 else ""
            raise PluginError(
                f"Không xây dựng trang vì hồ sơ còn {len(report.errors)} lỗi "
                f"(chạy `dvk check` để xem chi tiết):\n{lines}{tail}"
            )
        self.report = report
        self.catalogue = build_catalogue(report)
        for ctx in report.dossiers:
            # Value positions only served the validator's messages; at 10,000 dossiers they hold ~300 MB.
            ctx.tree.positions.clear()
            ctx.tree.key_positions.clear()
        if self.config.search:
            self._close_dvk_search()
            # Started now, before the pages are rendered: it indexes while MkDocs renders and writes
            # them, and ends (about 170 MB at 10,000 dossiers) before the build's memory peaks.
            self._dvk_search = dvk_index.Background(self.catalogue)
        engine = "dvk" if self.config.search else None
        self._cancel_later()
        try:
            self.output = render_site(self.catalogue, self.dvk_config, extra=makers(), search_engine=engine,
                                      offload_to=Path(config.site_dir))
        except TemplateProblem as exc:  # a province's Mẫu 2a/2b template that cannot be used
            self._cancel_later()
            raise PluginError(str(exc)) from None
        for page in self.output.pages:
            self._add(files, File.generated(config, page.src_uri, content=page.content))
            if page.edit_path:
                self.edit_paths[page.src_uri] = page.edit_path
        for uri, content in self.output.files.items():
            self._add(files, File.generated(config, uri, content=content))
        for later in self.output.later:
            # Written in place by another process, before MkDocs copies static files (on_env waits):
            # a source that is its own destination is left alone by MkDocs.
            for uri in later.paths:
                self._add(files, File.generated(config, uri, abs_src_path=os.path.join(config.site_dir, uri)))
            self._later.append(later)
        self._add_attachments(files, config)
        return files

    def _add(self, files: Files, file: File) -> None:
        if file.src_uri.endswith(".md") and file.src_uri not in self._nav_pages:
            # listing and model pages stay out of the nav: a nav entry per page costs O(n²)
            file.inclusion = InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)

    def _add_attachments(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalogue is not None
        for model in self.catalogue.models:
            src = self.project_root / model.source_path
            if src.name != "index.md":
                continue
            for item in model.data.get("attachments") or []:
                path = (src.parent / item["path"]).resolve()
                uri = f"mo-hinh/{model.slug}/{item['path']}"
                self._add(files, File.generated(config, uri, abs_src_path=str(path)))

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        return nav

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """A page naming the size of a file still being computed (`du-lieu/`) waits for it here."""
        if self.output is not None and LATER_MARK in markdown:
            markdown = self._settle_later(lambda: self.output.fill_sizes(markdown))  # type: ignore[union-attr]
        return markdown

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read, static files are copied next: the files computed elsewhere must be here now."""
        def wait() -> None:
            for later in self._later:
                later.sizes()

        self._settle_later(wait)
        self._later = []
        return env

    def _settle_later(self, wait: Callable[[], T]) -> T:
        """`wait()`, a build error (in Vietnamese, from the other process) if the files could not be made."""
        try:
            return wait()
        except OffloadFailed as exc:
            self._cancel_later()
            raise PluginError(str(exc)) from None

    def _cancel_later(self) -> None:
        for later in self._later:
            later.cancel()
        self._later = []

    def on_page_context(self, context: dict[str, Any], page: MkPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        edit = self.edit_paths.get(page.file.src_uri)
        if edit and config.repo_url:
            page.edit_url = config.repo_url.rstrip("/") + "/edit/main/" + edit
        elif edit is None and page.file.generated_by:
            page.edit_url = None  # generated listings have no source to edit
        context["dvk"] = {"catalogue": self.catalogue, "config": self.dvk_config}
        if self.output is not None and page.content and self.output.stash.prefix in page.content:
            # Generated HTML blocks come back only now, page by page, so MkDocs does not hold every
            # page's full HTML at once (render/stash.py); model pages' blocks pass the sanitizer too.
            self._placeholders[page.file.src_uri] = page.content
            page.content = self.output.stash.restore(page.content)
            if self._is_model_page(page):
                page.content = sanitize(page.content)  # once for the whole page: per block cost twice as much
        return context

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        if self._serve_errors:
            output = inject(output, self._serve_errors)
        if page.file.src_uri in self._placeholders:
            page.content = self._placeholders.pop(page.file.src_uri)  # written: let the full HTML go
        return output

    @staticmethod
    def _is_model_page(page: MkPage) -> bool:
        return page.file.src_uri.startswith("mo-hinh/") and bool(page.file.generated_by)

    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Model pages carry editors' text: sanitize their HTML whatever the validator let through."""
        if self._is_model_page(page) and not (self.output is not None and self.output.stash.prefix in html):
            return sanitize(html)  # with placeholders, on_page_context sanitizes the whole page once they are back
        return html

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self._serve_errors and template_name == "404.html":
            return inject(output_content, self._serve_errors)
        return output_content

    @event_priority(-100)  # last: the site is swapped in only once every plugin has written into it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After every page and file is written: the search index, the completeness check (which counts it), the swap."""
        try:
            self._post_build(config)
        except BaseException:
            self._finish_atomic(publish=False)
            raise
        self._finish_atomic(publish=True, strict=bool(config.strict))

    def _finish_atomic(self, publish: bool, strict: bool = False) -> None:
        atomic, self._atomic = self._atomic, None
        if self._epoch_set is not None and os.environ.get("SOURCE_DATE_EPOCH") == self._epoch_set:
            del os.environ["SOURCE_DATE_EPOCH"]  # this build's: the next one (mkdocs serve) reads its own content
        self._epoch_set = None
        if atomic is None:
            return
        if publish:
            atomic.publish(strict)
        else:
            atomic.abandon()

    def _post_build(self, config: MkDocsConfig) -> None:
        if self.config.search:
            self._finish_dvk_search(Path(config.site_dir))
        self._require_complete(config)

    def _finish_dvk_search(self, site: Path) -> None:
        background, self._dvk_search = self._dvk_search, None
        if background is None:  # on_files did not run (nothing to index)
            return
        try:
            stats = background.finish(site)
        except dvk_index.IndexingFailed as exc:
            raise PluginError(str(exc)) from None
        if stats is not None:
            log.info("Chỉ mục tìm kiếm: %d trang mô hình, %d tệp (%.1f MB), thêm %.1f giây sau trang cuối.",
                     stats.pages, stats.files, stats.bytes / 1e6, stats.seconds)

    def _close_dvk_search(self) -> None:
        if self._dvk_search is not None:
            self._dvk_search.close()
            self._dvk_search = None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no indexing or export process behind, and no half-written site."""
        self._finish_atomic(publish=False)
        self._close_dvk_search()
        self._cancel_later()

    def _require_complete(self, config: MkDocsConfig) -> None:
        """Fail the build, naming the slugs, unless every recognized dossier is in every artefact (verify.py)."""
        if self.report is None:
            return
        recognized = [d.slug for d in self.report.valid() if d.recognized]
        # Every page is written: let the dossiers and page sources go before the check reads the
        # site back, so it reuses their memory (peak 1.11 → 1.01 GB at 10,000 dossiers).
        self.report = self.catalogue = self.output = None
        try:
            require_complete(Path(config.site_dir), recognized)
        except IncompleteBuild as exc:
            raise PluginError(str(exc)) from None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.models_dir))  # live reload when a dossier changes
        server.watch(os.fspath(Path(__file__).with_name("config.yaml")))
        return server


def _nav_pages(nav: Any) -> Iterator[str]:
    """Every page path a MkDocs nav names (nested sections included)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
