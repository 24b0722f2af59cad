"""Where a dvk build's time goes: wall and CPU time of the main process between MkDocs' build events.

    python bench/bench_phases.py MKDOCS_YML [--clean]

Runs `mkdocs build` in this process with the dvk plugin's steps wrapped in timers and prints one
Markdown row per step: its wall time, the main process's CPU time in it, and the wall time spent
waiting for the workers (exports, search index, Word documents). Use the `mkdocs.yml` a
`bench_site.py --keep` run leaves (`WORK/N/dvk/mkdocs.yml`) to profile the same 10,000 dossiers.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from dvk_build import plugin as dvk_plugin  # noqa: E402
from dvk_build.render import site as render_site  # noqa: E402

ROWS: dict[str, list[float]] = {}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


@contextmanager
def timed(name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield
    finally:
        row = ROWS.setdefault(name, [0.0, 0.0, 0])
        row[0] += time.perf_counter() - wall
        row[1] += _cpu() - cpu
        row[2] += 1


def _timed_job(function: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run a worker's job; its result and the CPU time the worker spent on it."""
    start = time.process_time()
    result = function(*args)
    return result, time.process_time() - start


def wrap(owner: Any, attr: str, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, attr)

    def timed_call(*args: Any, **kwargs: Any) -> Any:
        with timed(name):
            return original(*args, **kwargs)

    setattr(owner, attr, timed_call)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    args = parser.parse_args()
    P = dvk_plugin.DvkPlugin
    for attr, name in [("_validate", "validate (load, check, cross-dossier rules)"),
                       ("on_files", "on_files (all of it)"),
                       ("_start_workers", "start workers, spool the models"),
                       ("_write_model_pages", "model pages (rendered and written in the main process)"),
                       ("_result", "waiting for a worker's result"),
                       ("on_post_build", "on_post_build (index written, completeness check, swap)"),
                       ("on_page_context", "on_page_context (generated pages given their HTML)"),
                       ("on_config", "on_config"), ("on_post_template", "on_post_template (sitemap)")]:
        wrap(P, attr, name)
    wrap(render_site.SiteRenderer, "render", "listing, home and statistics pages rendered (HTML templates)")
    wrap(dvk_plugin, "build_catalogue", "catalogue built from the report")
    for attr, name in [("read_source", "MkDocs: read page sources"), ("render", "MkDocs: Markdown to HTML"),]:
        wrap(Page, attr, name)
    import mkdocs.commands.build as mk_build
    wrap(mk_build, "_build_page", "MkDocs: pages through the theme (listings, home, data page)")
    wrap(mk_build, "_populate_page", "MkDocs: pages read and converted")
    wrap(mk_build, "get_files", "MkDocs: docs folder scanned")
    wrap(mk_build, "get_navigation", "MkDocs: navigation")
    wrap(mk_build, "_build_theme_template", "MkDocs: theme templates (sitemap, 404)")
    from mkdocs.structure.files import Files
    wrap(Files, "copy_static_files", "MkDocs: static files copied")
    from dvk_build import workers

    submit = workers.BuildWorkers.submit
    done: list[str] = []

    def timed_submit(self: Any, what: str, function: Callable[..., Any], *a: Any) -> Any:
        from concurrent.futures import Future

        inner = self.pool.submit(_timed_job, function, *a)
        outer: Future[Any] = Future()
        start = time.perf_counter()

        def finished(f: Future[Any]) -> None:
            if f.exception() is not None:
                outer.set_exception(f.exception())  # type: ignore[arg-type]
                return
            result, cpu = f.result()
            done.append(f"{what}: done {time.perf_counter() - start:.1f} s after submit, {cpu:.1f} s CPU")
            outer.set_result(result)

        inner.add_done_callback(finished)
        return workers.Job(what, outer)

    workers.BuildWorkers.submit = timed_submit  # type: ignore[method-assign]
    config = load_config(str(args.config))
    wall, cpu = time.perf_counter(), _cpu()
    build(config)
    total_wall, total_cpu = time.perf_counter() - wall, _cpu() - cpu
    print("| step | calls | wall s | CPU s, main process |")
    print("|---|---:|---:|---:|")
    for name, (w, c, n) in ROWS.items():
        print(f"| {name} | {int(n):,} | {w:.1f} | {c:.1f} |")
    print(f"| **whole build** | 1 | {total_wall:.1f} | {total_cpu:.1f} |")
    print("\nworkers: " + "; ".join(done))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\nload {os.getloadavg()[0]:.1f}; CPU of waited-for children {children.ru_utime + children.ru_stime:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
