"""The MkDocs plugin: composes validate → model → render, search and export into MkDocs files and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import shutil
import zlib
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from mkdocs.commands.build import _populate_page
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config as MkConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from .atomic_site import AtomicOutput
from .config import Config, default_config, load_config
from .content_time import ensure_source_date_epoch
from .export import site_files
from .forms import site_files as form_files
from .forms.word import TemplateProblem
from .model import build_catalogue
from .render.model_page import ModelPages
from .preview import LastBuild, Preview, known_dossiers
from .render.site import RenderedPages, SiteRenderer
from .render.templates import environment
from .report import format_problem
from .search import dvk_index
from .serve_errors import with_box
from .search.pages import search_pages
from .site_context import Output, Site, SiteContext, site_url
from .theme_pages import ThemePages
from .validate.engine import Report, check_paths
from .verify import IncompleteBuild, require_complete
from .workers import BuildWorkers, Job, WorkFailed

log = get_plugin_logger(__name__)


class DvkPluginConfig(MkConfig):
    models_dir = opt.Type(str, default="content/models")
    config_file = opt.Optional(opt.Type(str))
    max_listed_errors = opt.Type(int, default=50)
    search = opt.Type(bool, default=True)  # false: no search index (benchmarks measure what it adds)


class DvkPlugin(BasePlugin[DvkPluginConfig]):
    """Validates every dossier, refuses to build on an error, and adds the generated pages and files."""

    _command: str | None = None  # build, serve...; None when a test calls MkDocs' build() itself
    _dirty = False
    _atomic: AtomicOutput | None = None
    _epoch_set: str | None = None
    preview: Preview | None = None  # `mkdocs serve`: the state kept between builds (preview.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # (a plugin with on_startup is one object for the whole `mkdocs serve`: the preview lives on it)
        self._command, self._dirty = command, dirty

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.stop()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        self.models_dir = (base / self.config.models_dir).resolve()
        if self._command == "serve":
            if self.preview is None:
                self.preview = Preview(self.models_dir)
            self.preview.last = None  # a full build: what the last one left is not to be used
        self._finish_atomic(publish=False)  # a previous build in this process that never reached its end
        if self._command == "build" and not self._dirty:  # (gh-deploy publishes config.site_dir itself)
            # the plain `mkdocs build` is as safe as `dvk build`: a temporary folder, swapped in at the end
            self._atomic = AtomicOutput(Path(config.site_dir))
            config.site_dir = str(self._atomic.tmp)
        # reproducible without SOURCE_DATE_EPOCH: the time of the content (MkDocs' sitemap reads it too)
        self._epoch_set = ensure_source_date_epoch([Path(config.docs_dir), self.models_dir])
        self.project_root = base.resolve()
        self.dvk_config: Config = load_config(base / self.config.config_file) if self.config.config_file else default_config()
        # One address for the pages, the theme and the exports (`dvk export` asks the same function)
        config.site_url = site_url(self.dvk_config, config.site_url)
        templates = {form: str(base / path) for form, path in ((self.dvk_config.forms or {}).get("templates") or {}).items() if path}
        if templates:  # a province's Mẫu 2a/2b templates: relative to the project folder, wherever mkdocs runs
            forms = {**self.dvk_config.forms, "templates": {**self.dvk_config.forms.get("templates", {}), **templates}}
            self.dvk_config = dataclasses.replace(self.dvk_config, forms=forms)
        self.report: Report | None = None
        self.ctx: SiteContext | None = None
        self.pages: RenderedPages | None = None
        self.workers: BuildWorkers | None = None
        self.jobs: dict[str, Job[Any]] = {}
        self.small_sizes: dict[str, int] = {}  # the downloads made in the build itself
        self._export_sizes: dict[str, int] | None = None  # the worker's files, once written
        self.nav: Navigation | None = None
        self.renderer: SiteRenderer | None = None
        self.files: Files | None = None
        self.env: Any = None
        self.writer: ThemePages | None = None
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
        """Validate, then start the workers (exports, index) and add every generated page and file."""
        self.report = self._validate()
        catalogue = build_catalogue(self.report)
        self.ctx = ctx = SiteContext(catalogue, Site(self.dvk_config, config.site_url), search=self.config.search)
        self._start_workers(ctx, config.site_dir)
        self.renderer = SiteRenderer(ctx)
        self.pages = self.renderer.render()
        output = Output().add(self.pages).add(search_pages(ctx))
        small = site_files.small_files(catalogue, ctx.site)
        self.small_sizes = {path: len(data) for path, data in small.items()}
        output.files.update(small)
        for page in output.pages:
            self._add(files, File.generated(config, page.src_uri, content=page.content))
        for uri, content in output.files.items():
            self._add(files, File.generated(config, uri, content=content))
        written = site_files.model_file_paths(catalogue)
        if "forms" in self.jobs:
            written += form_files.paths(catalogue.models)
        for uri in written:
            # Written in place by a worker before MkDocs copies static files (on_env waits): a source that
            # is its own destination is left alone by MkDocs.
            self._add(files, File.generated(config, uri, abs_src_path=os.path.join(config.site_dir, uri)))
        self._add_attachments(files, config)
        # Last, so MkDocs reads it last: its content (file sizes) is made in on_pre_page, once the files exist.
        self._add(files, File.generated(config, site_files.PAGE, content=""))
        return files

    def _validate(self) -> Report:
        report = check_paths([self.models_dir], self.dvk_config, dt.date.today(), root=self.project_root)
        for warning in report.warnings:
            log.info("%s", format_problem(warning))  # warnings publish; `dvk check --strict` is stricter
        if self.preview is not None:
            # the browser shows the errors (every page, the 404 of a refused dossier too); the valid
            # dossiers are built as usual, and saving the fixed file rebuilds without the box
            for error in report.errors:
                log.warning("%s", format_problem(error))
            self.preview.set_errors(report.errors, self.config.max_listed_errors)
        elif report.errors:
            shown = report.errors[: self.config.max_listed_errors]
            more = len(report.errors) - len(shown)
            lines = "\n".join(format_problem(p) for p in shown)
            tail = f"\n… và {more} lỗi khác." if more > 0 else ""
            raise PluginError(
                f"Không xây dựng trang vì hồ sơ còn {len(report.errors)} lỗi "
                f"(chạy `dvk check` để xem chi tiết):\n{lines}{tail}"
            )
        for ctx in report.dossiers:
            # Value positions only served the validator's messages; they are most of a dossier's memory.
            ctx.tree.positions.clear()
            ctx.tree.key_positions.clear()
            ctx.tree.source = ""  # the front matter's text, kept to work positions out again: checked now
            ctx.cache.clear()
        return report

    def _start_workers(self, ctx: SiteContext, site_dir: str) -> None:
        """The exports, the search index and the Mẫu 2a/2b documents, made by workers while MkDocs renders the pages."""
        self._stop_workers(cancel=True)  # a previous build of `mkdocs serve` that failed half-way
        try:
            forms = form_files.published(ctx.config, ctx.catalogue.models)
        except TemplateProblem as exc:  # a province's Mẫu 2a/2b template that cannot be used
            raise PluginError(str(exc)) from None
        self.workers = workers = BuildWorkers()
        models = ctx.catalogue.models
        os.makedirs(site_dir, exist_ok=True)  # MkDocs makes it only when it writes the first page
        spool = workers.spool("models", (ctx.config,), models)
        self.jobs = {"exports": workers.submit("dữ liệu mở (CSV, Excel, JSON)", site_files.write_model_files,
                                               ctx.site, site_dir, len(models), spool, os.getpid())}
        if ctx.search:
            # a stale index would answer for pages no longer built (`mkdocs build --dirty`, `serve`)
            shutil.rmtree(os.path.join(site_dir, dvk_index.FOLDER), ignore_errors=True)
            self.jobs["index"] = workers.submit("chỉ mục tìm kiếm", dvk_index.write_from_spool, spool, site_dir,
                                                os.getpid())
        if forms:
            self.jobs["forms"] = workers.submit("văn bản Mẫu 2a, 2b của các mô hình", form_files.write_forms,
                                                ctx.config, site_dir, spool, os.getpid())

    def _result(self, job: str) -> Any:
        try:
            return self.jobs[job].result()
        except WorkFailed as exc:
            self._stop_workers(cancel=True)
            raise PluginError(str(exc)) from None

    def _stop_workers(self, cancel: bool = False) -> None:
        if self.workers is not None:
            self.workers.close(cancel=cancel)
            self.workers = None
        self.jobs = {}

    def _add(self, files: Files, file: File) -> None:
        if file.src_uri.endswith(".md") and file.src_uri not in self._nav_pages:
            # listing and model pages stay out of the nav: a nav entry per page costs O(n²)
            file.inclusion = InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)

    def _add_attachments(self, files: Files, config: MkDocsConfig) -> None:
        assert self.ctx is not None
        for model in self.ctx.catalogue.models:
            src = self.project_root / model.source_path
            if src.name != "index.md":
                continue
            for item in model.data.get("attachments") or []:
                path = (src.parent / item["path"]).resolve()
                uri = f"mo-hinh/{model.slug}/{item['path']}"
                self._add(files, File.generated(config, uri, abs_src_path=str(path)))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    def on_pre_page(self, page: MkPage, config: MkDocsConfig, files: Files) -> MkPage:
        """The data page names each file's size: its content is made once the worker has written them (on_env)."""
        if page.file.src_uri == site_files.PAGE and self.ctx is not None and self._export_sizes is not None:
            page.file.content_string = site_files.data_page(self.ctx, {**self._export_sizes, **self.small_sizes}).content
        return page

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """The model pages are written now, while the workers work; then the files the workers write must
        be there: MkDocs copies static files next."""
        self.env = env
        self._write_model_pages(env, config, files)
        self._export_sizes = self._result("exports")  # on_files always starts it
        if "forms" in self.jobs:
            self._result("forms")
        # the data page, read again now that its sizes are known: waiting for them in MkDocs' reading loop
        # kept the main process idle while the exports were written
        data_page = files.get_file_from_path(site_files.PAGE)
        if data_page is not None and data_page.page is not None:
            _populate_page(data_page.page, config, files)
        return env

    def _write_model_pages(self, env: Any, config: MkDocsConfig, files: Files) -> None:
        assert self.ctx is not None and self.nav is not None
        ctx = self.ctx
        content = ModelPages(environment(ctx.config), ctx.catalogue, ctx.site.site_url,
                             config.markdown_extensions, config.mdx_configs)
        self.writer = writer = ThemePages(config, env, self.nav, files, content)
        for model in ctx.catalogue.models:
            writer.write(model)

    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        body = self.pages.bodies.get(page.file.src_uri) if self.pages is not None else None
        if body is not None:  # a page rendered from its template (render/site.py): its HTML comes in on_page_context
            page.toc = get_toc(body.toc)  # type: ignore[arg-type]
            page.present_anchor_ids = set(body.ids)  # MkDocs checks the links to its anchors by these
        return html

    def on_page_context(self, context: dict[str, Any], page: MkPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if page.file.generated_by:
            page.edit_url = None  # generated listings have no source to edit (model pages: theme_pages.py)
        body = self.pages.bodies.pop(page.file.src_uri, None) if self.pages is not None else None
        if body is not None:
            # its HTML only now, page by page, so MkDocs does not hold every listing's HTML at once
            # (on_post_page lets it go)
            page.content = zlib.decompress(body.html).decode("utf-8")
        return context

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        if page.file.generated_by:
            page.content = ""  # written: let the full HTML go (thousands of listing pages at 10,000 models)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml" and config.site_url and self.ctx is not None:
            # the model pages are not MkDocs pages (theme_pages.py): their entries, as MkDocs writes its own
            date = get_build_date()
            entries = "".join(f"\n    <url>\n         <loc>{html.escape(config.site_url + m.url)}</loc>\n"
                              f"         <lastmod>{date}</lastmod>\n    </url>" for m in self.ctx.catalogue.models)
            head, tail = output_content.rsplit("</urlset>", 1)
            return f"{head.rstrip()}{entries}\n</urlset>{tail}"
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
        if atomic is not None and publish:
            atomic.publish(strict)
        elif atomic is not None:
            atomic.abandon()

    def _post_build(self, config: MkDocsConfig) -> None:
        if "index" in self.jobs:
            self._result("index")  # written by the worker (its failure fails the build)
        self._stop_workers()
        if self.report is None:
            return
        recognized = [d.slug for d in self.report.valid() if d.recognized]
        if self.preview is not None:
            self._keep_for_preview(config)
            self.report = None
        else:  # every page is written: let the dossiers and page sources go before the check reads the site back
            self.report = self.ctx = self.pages = self.renderer = None
        try:
            require_complete(Path(config.site_dir), recognized)
        except IncompleteBuild as exc:
            raise PluginError(str(exc)) from None

    def _keep_for_preview(self, config: MkDocsConfig) -> None:
        """What the next edit in `mkdocs serve` re-renders from: MkDocs' objects of this build and the catalogue."""
        assert self.preview is not None and self.report is not None and self.ctx is not None
        assert self.nav is not None and self.writer is not None and self.files is not None and self.renderer is not None
        self.preview.last = LastBuild(config, self.files, self.nav, self.env, self.ctx, self.writer, self.renderer,
                                      known_dossiers(self.report.dossiers, self.project_root), self.project_root,
                                      partial(setattr, self, "pages"))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no worker behind, and no half-written site."""
        self._finish_atomic(publish=False)
        self._stop_workers(cancel=True)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Dossiers saved update their pages alone (preview.py); errors are put into every page as served."""
        watched = [os.fspath(Path(__file__).with_name("config.yaml"))]
        if self.config.config_file:
            watched.append(str(self.project_root / self.config.config_file))
        # a province's Mẫu 2a/2b templates (made absolute in on_config): a changed one is a full build
        watched += [str(p) for p in ((self.dvk_config.forms or {}).get("templates") or {}).values() if p and os.path.isfile(p)]
        for path in watched:
            server.watch(path)
        if self.preview is not None:
            preview = self.preview
            preview.attach(server, builder, [config.docs_dir, config.config_file_path, *watched, *config.watch])
            server.set_app(with_box(server.get_app(), lambda: preview.box))
        return server


def _nav_pages(nav: Any) -> Iterator[str]:
    """Every page path a MkDocs nav names (nested sections included)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, (dict, list)):
        for item in nav.values() if isinstance(nav, dict) else nav:
            yield from _nav_pages(item)
