"""`mkdocs serve` kept up with editors: a saved dossier's page and the listing pages it is on, re-rendered alone."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Hashable

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .export.site_files import model_json
from .forms import site_files as form_files
from .forms.documents import FORMS, FormSet, filename, forms_of, site_links
from .load.files import display_path
from .model import Model, model_from
from .problem import Problem
from .render.site import RenderedPages, SiteRenderer
from .report import format_problem
from .serve_errors import banner
from .site_context import SiteContext
from .theme_pages import ThemePages
from .validate.context import DossierContext
from .validate.engine import check_loaded, gc_paused, visible
from .validate.neighbours import Neighbour
from .validate.reading import load_paths

log = logging.getLogger("mkdocs.plugins.dvk_build.preview")
CATCH_UP_DELAY = 1.0  # seconds between an update and the pass of the listing pages it only shifted
STALE = ("các tệp tải về của hồ sơ đã cập nhật; dữ liệu mở của cả danh mục, trang Dữ liệu mở và "
         "chỉ mục tìm kiếm giữ bản của lần dựng toàn bộ trước")


@dataclass
class LastBuild:
    """What the last full build leaves for the next edits: MkDocs' own objects and the catalogue."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    ctx: SiteContext
    writer: ThemePages
    renderer: SiteRenderer  # its templates compiled, its entries rendered, every page's signature (render/site.py)
    known: dict[str, Neighbour]  # every dossier loaded, by absolute file: the other side of DVK601-DVK603
    root: Path
    set_pages: Callable[[RenderedPages], None]  # hands the plugin the HTML of the pages re-rendered
    forms: FormSet | None = None  # the Mẫu 2a/2b templates, read at the first save (config.yaml changed: a full build)


def _seconds(t: float) -> str:
    """A duration as editors read it: "0,54 giây" (decimal comma)."""
    return f"{t:.2f} giây".replace(".", ",")


def _ignorable(path: Path) -> bool:
    """An editor's temporary or backup file (`.x.md.swp`, `x.md~`, `4913`)."""
    name = path.name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.isdigit()


class Preview:
    """The state of one `mkdocs serve` between builds: files saved since, errors shown, the last full build."""

    def __init__(self, models_dir: Path) -> None:
        self.models_dir = models_dir
        self.lock = threading.Lock()
        self.changed: set[str] = set()  # dossier folder paths saved since the last build
        self.other = False  # a change MkDocs watches (pages, mkdocs.yml, config.yaml): a full build
        self.errors: dict[str, list[Problem]] = {}  # by the path messages show
        self.box = ""  # the error box the server puts on every page (serve_errors.py)
        self.last: LastBuild | None = None
        self.limit = 50
        # listing pages an edit only shifted (no edited model on them, before or after): rendered by the
        # server's next pass, so the edited model's own pages are served without waiting for them
        self.later: set[str] = set()
        self._observer: Any = None
        self._build_soon: Callable[[], None] = lambda: None
        self._catch_up_due = False  # the timer below asked for the pass of shifted pages
        self._timer: threading.Timer | None = None
        self._same_epoch: Callable[[], None] = lambda: None

    def set_errors(self, errors: list[Problem], limit: int) -> None:
        self.limit = limit
        self.errors = {}
        for p in errors:
            self.errors.setdefault(p.path, []).append(p)
        self._draw_box()

    def _draw_box(self) -> None:
        errors = sorted((p for ps in self.errors.values() for p in ps), key=lambda p: (p.path, p.line, p.col, p.code))
        self.box = banner(errors, self.limit) if errors else ""

    def attach(self, server: Any, full_build: Callable[[], None], watched: list[str]) -> None:
        """Take over the server's rebuilds: dossiers watched by inotify, other paths noted, the builder wrapped."""
        if not hasattr(server, "_rebuild_cond"):  # another MkDocs: its own watch, full builds
            server.watch(str(self.models_dir))
            return

        def rebuild_soon() -> None:
            with server._rebuild_cond:  # what MkDocs' own watch callback does (livereload/__init__.py)
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        def same_epoch() -> None:
            # the pass ends with the epoch it started from: pages are still held while it writes, but
            # open tabs are not reloaded (livereload reloads on a newer epoch), the editor's page included
            with server._epoch_cond:
                server._wanted_epoch = server._visible_epoch

        self._build_soon = rebuild_soon
        if hasattr(server, "_epoch_cond") and hasattr(server, "_visible_epoch"):
            self._same_epoch = same_epoch

        preview = self

        class Dossiers(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                # an editor's swap or backup file is no save: it would interrupt the pass of shifted pages
                paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
                paths = [p for p in paths if not _ignorable(Path(p))]
                if not paths:
                    return
                with preview.lock:
                    preview.changed.update(paths)
                rebuild_soon()

        class Others(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if not event.is_directory:
                    with preview.lock:
                        preview.other = True

        for path in watched:  # added to MkDocs' own watches of the same paths: no second scan
            if os.path.exists(path):
                server.observer.schedule(Others(), os.path.abspath(path), recursive=True)
        # inotify: told at once, where MkDocs' polling would scan 10,000 files twice a second
        try:
            self._observer = Observer()
            self._observer.schedule(Dossiers(), str(self.models_dir), recursive=True)
            self._observer.daemon = True
            self._observer.start()
        except OSError:  # no inotify watch left: the server's polling observer, slower to notice
            self._observer = None
            server.observer.schedule(Dossiers(), str(self.models_dir), recursive=True)
        server.builder = lambda: self.rebuild(full_build)

    def _catch_up_soon(self) -> None:
        """The pass of shifted pages, CATCH_UP_DELAY after this one: the server holds every request during a
        pass, so the reload this pass causes (its page, styles, scripts) is served first."""
        if self._timer is not None:
            self._timer.cancel()

        def due() -> None:
            with self.lock:
                self._catch_up_due = True
            self._build_soon()

        self._timer = threading.Timer(CATCH_UP_DELAY, due)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._observer is not None:
            self._observer.stop()
            self._observer = None

    def rebuild(self, full_build: Callable[[], None]) -> None:
        """Called by the server's build loop: the incremental update when it can, else MkDocs' full build."""
        with self.lock:
            changed, other, due = self.changed, self.other, self._catch_up_due
            self.changed, self.other, self._catch_up_due = set(), False, False
        if self.last is not None and due and not (other or changed or self.later):
            self._same_epoch()  # the timer's pass, with nothing left to do: no reload, no full build
            return
        if self.last is not None and not other and (changed or self.later):
            try:
                with gc_paused():  # a collection would walk every model kept since the last build
                    if self.update(changed) if changed else self.catch_up():
                        if not changed:
                            self._same_epoch()
                        if self.later:
                            self._catch_up_soon()
                        return
            except Exception:  # never a stale site: the full build says what is wrong
                log.exception("Xem trước: cập nhật từng phần thất bại, dựng lại toàn bộ.")
        self.last = None
        self.later = set()
        log.info("Xem trước: dựng lại toàn bộ trang.")
        full_build()

    def update(self, changed: set[str]) -> bool:
        """Re-check and re-render the saved dossiers; False when the edit needs a full build
        (a dossier added, deleted, published or withdrawn, lineage changed, pages added or removed)."""
        last = self.last
        assert last is not None
        start = time.perf_counter()
        files: list[Path] = []
        for name in sorted(changed):
            path = Path(name)
            if path.suffix != ".md":
                if path.exists():
                    return False  # an attachment: MkDocs copies it (editors' temporary files never get here)
                continue
            known, exists = name in last.known, path.is_file()
            if known and exists:
                files.append(path)
            elif known or exists:
                return False  # deleted or new
        if not files:
            return True
        checked = {str(f) for f in files}
        others = [n for f, n in last.known.items() if f not in checked]
        loaded = load_paths(files, last.ctx.config, dt.date.today(), root=last.root)
        report = check_loaded(loaded, others)
        for f in files:
            self.errors.pop(visible(display_path(f, last.root)), None)
        for p in report.problems:
            log.warning("%s", format_problem(p)) if p.is_error else log.info("%s", format_problem(p))
            if p.is_error:
                self.errors.setdefault(p.path, []).append(p)
        failed = report.failed_paths()
        catalogue = last.ctx.catalogue
        by_slug = catalogue.by_slug
        edited: list[Model] = []
        for ctx in report.dossiers:
            if visible(ctx.path) in failed:
                continue  # its page keeps its last good version; the box says why
            new, old = model_from(ctx), by_slug.get(ctx.slug)
            if old is None and not new.published:
                continue  # a draft stays a draft: on no page
            if old is None or not new.published or new.derived_from != old.derived_from:
                return False
            new.derived_children = old.derived_children
            catalogue.models[catalogue.models.index(old)] = new
            edited.append(new)
            last.known[str(last.root / ctx.path)] = Neighbour(ctx.slug, last.root / ctx.path, new.derived_from, last.root)
        self._draw_box()
        if not edited:
            log.info("Xem trước: %d hồ sơ còn lỗi, trang của chúng giữ bản trước (%s).", len(files),
                     _seconds(time.perf_counter() - start))
            return True
        catalogue.models.sort(key=lambda m: (m.recognized_on or dt.date.min, m.slug), reverse=True)
        listed = self._render_pages(last, {m.slug for m in edited})
        if listed is None:
            return False
        by_slug = catalogue.by_slug
        last.writer.pages.catalogue, last.writer.pages.by_slug = catalogue, by_slug
        # the model's page, and its parent's and children's (they show its title)
        slugs = {m.slug for m in edited} | {m.derived_from for m in edited if m.derived_from} \
            | {c for m in edited for c in m.derived_children}
        for slug in sorted(s for s in slugs if s in by_slug):
            last.writer.write(by_slug[slug])
        _write_downloads(last, edited)
        later = f"; {len(self.later)} trang danh sách khác chỉ dời chỗ, cập nhật ngay sau" if self.later else ""
        log.info("Xem trước: đã cập nhật %d hồ sơ trong %s (%d trang mô hình, %d trang danh sách%s); %s.",
                 len(edited), _seconds(time.perf_counter() - start), len(slugs & by_slug.keys()), listed, later, STALE)
        return True

    def catch_up(self) -> bool:
        """Render the listing pages the last edits only shifted; False when the set of pages changed.

        A dossier saved meanwhile stops it (the pages left stay in `later`): the save is served first."""
        assert self.last is not None
        start = time.perf_counter()
        listed = self._render_pages(self.last, set(), saved=lambda: bool(self.changed or self.other))
        if listed is None:
            return False
        left = f"; {len(self.later)} trang còn lại cập nhật sau lần lưu mới" if self.later else ""
        log.info("Xem trước: đã cập nhật %d trang danh sách dời chỗ trong %s%s.", listed,
                 _seconds(time.perf_counter() - start), left)
        return True

    def _render_pages(self, last: LastBuild, slugs: set[str], saved: Callable[[], bool] = lambda: False) -> int | None:
        """Re-render, through MkDocs' own page functions, the generated pages that list an edited model (or did)
        and those whose signature changed or that wait in `later`; with edited models, a listing's later page that does
        not list one goes to `later` (the next pass), as every listing page does when `saved` says a new save came.
        None when the set of pages itself changed."""
        old, old_listed = last.renderer.signatures, last.renderer.listed

        def wanted(uri: str, signature: Hashable, listed: Any) -> bool:
            if not slugs.isdisjoint(listed) or not slugs.isdisjoint(old_listed.get(uri, ())):
                return True  # the edited model is on it, or was
            if uri not in self.later and old.get(uri) == signature:
                return False
            # a later page of a listing, its entries moved up or down by one: next pass (first pages, with
            # the counts the editor may look for, and the home page are few: this pass)
            if listed and (saved() or (slugs and "/trang-" in uri)):
                self.later.add(uri)
                return False
            return True

        pages = last.renderer.again(wanted, slugs)
        self.later.difference_update(page.src_uri for page in pages.pages)
        if last.renderer.signatures.keys() != old.keys():
            return None
        last.set_pages(pages)
        doc_files = last.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for built, page in enumerate(pages.pages):
            if not slugs and saved():
                self.later.update(left.src_uri for left in pages.pages[built:])
                return built
            file: File | None = last.files.get_file_from_path(page.src_uri)
            if file is None or file.page is None:
                return None
            file.content_string = page.content
            _populate_page(file.page, last.config, last.files)
            _build_page(file.page, last.config, doc_files, last.nav, last.env)
        return len(pages.pages)


def _write_downloads(last: LastBuild, models: list[Model]) -> None:
    """The edited models' own files beside their pages (JSON, Mẫu 2a/2b): what an editor checks after a save."""
    site = last.ctx.site
    if last.forms is None and site_links(site.config):
        last.forms = FormSet.load(site.config)  # about 40 ms: once, not at every save
    files = dict(model_json(m, site) for m in models) | form_files.files(site.config, models, last.forms)
    for path, data in files.items():
        full = os.path.join(last.config.site_dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as fh:
            fh.write(data)
    for m in models:  # a dossier now a summary record has no Mẫu 2a any more: not left to download
        for form in set(FORMS) - set(forms_of(m)):
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(last.config.site_dir, f"{m.url}{filename(m, form)}"))


def known_dossiers(dossiers: list[DossierContext], root: Path) -> dict[str, Neighbour]:
    """Every dossier loaded by the full build, as the rules across dossiers see the ones not re-checked."""
    return {str(root / ctx.path): Neighbour(ctx.slug, root / ctx.path, ctx.word("replication", "derived_from"), root)
            for ctx in dossiers}
