"""Site build benchmark: the dvk build beside a plain Material build of the same pages as Markdown.

    python bench/bench_site.py [N ...] [--repeat R] [--work DIR] [--keep]

For each N (default 1000 and 10000): generate N synthetic dossiers with `bench/generate.py`, build
them with the dvk plugin (`mkdocs build`), with its search index and with the plugin option `search: false`,
then turn every built model page back into a plain Markdown page holding the same visible text, and
build those pages with Material alone, out of the nav: with the dvk site's menu (stub pages) and
Material's search plugin off, then on, and with a one-page nav; and, when Debian's `hugo` is
installed (`apt-get install hugo`; skipped otherwise), the same Markdown pages with Hugo and
minimal templates (the menu and the page content). Each build runs in a fresh wrapper
process; one Markdown table row per build (wall time, CPU time of the build and its children, peak
RSS of the largest process, of the whole process tree and of each process, 1-minute load average),
then a summary: medians, largest peaks, and each dvk build's wall and CPU time over its plain
counterpart's. RSS figures are MiB (2^20 bytes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Runs a command in a fresh process and reports its wall time, CPU time and two peaks of memory:
# - rss_kb: getrusage(RUSAGE_CHILDREN).ru_maxrss, the peak of the largest single process (mkdocs
#   itself, or a worker process);
# - tree_kb: the largest sum of the RSS of the command and all its descendants alive at the same
#   time, sampled from /proc every 50 ms (the build and its workers run side by side, so this is the
#   memory the machine needs; a page shared by two processes counts twice, so it errs high);
# - by_name: the sampled peak of each process, by its name (`python` is mkdocs and its workers).
MEASURE = """
import json, os, resource, subprocess, sys, threading, time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

def tree_rss_kb(root, by_name):
    parents, names = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    head, tail = f.read().rsplit(b")", 1)
                parents[int(name)] = int(tail.split()[1])
                names[int(name)] = head.split(b"(", 1)[1].decode("utf-8", "replace")
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid and child not in tree]
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                rss = int(f.read().split()[1]) * PAGE_KB
            total += rss
            by_name[names.get(pid, "?")] = max(by_name.get(names.get(pid, "?"), 0), rss)
        except (OSError, IndexError, ValueError):
            pass
    return total

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak, by_name = [0], {}
def sample():
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_rss_kb(proc.pid, by_name))
        time.sleep(0.05)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
err = proc.stderr.read()
rc = proc.wait()
wall = time.perf_counter() - t
sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(err.decode("utf-8", "replace")[-4000:])
print(json.dumps({"rc": rc, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_kb": usage.ru_maxrss, "tree_kb": peak[0], "by_name": by_name}))
"""


@dataclass
class Result:
    n: int
    build: str
    wall: float
    cpu: float
    rss_mb: float
    tree_mb: float
    pages: int
    site_mb: float
    load: float  # 1-minute load average when the build started (2 cores: above ~1 someone else is busy)
    by_name: dict[str, float]  # sampled peak RSS MiB of each process, by name

    def row(self) -> str:
        return (f"| {self.n:,} | {self.build} | {self.wall:.1f} | {self.cpu:.1f} | {self.rss_mb:.0f} | {self.tree_mb:.0f} "
                f"| {per_process(self.by_name)} | {self.pages:,} | {self.site_mb:.0f} | {self.load:.1f} |")


def per_process(by_name: dict[str, float]) -> str:
    return ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(by_name.items(), key=lambda i: -i[1]))


HEADER = ("| dossiers | build | wall s | CPU s (with children) | peak RSS MiB, largest process | peak RSS MiB, process tree "
          "| peak RSS MiB, each process | HTML pages | site MB | load |\n|---:|---|---:|---:|---:|---:|---|---:|---:|---:|")


def measure(cmd: list[str], cwd: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"measuring {cmd} failed:\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    if data["rc"] != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {data['rc']} in {cwd}")
    return data


def tree_size(path: Path) -> tuple[int, float]:
    """(number of HTML pages, megabytes on disk) of a built site."""
    pages = sum(1 for _ in path.rglob("*.html"))
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return pages, size / 1e6


def build(n: int, label: str, config_file: Path, site: Path, cmd: list[str] | None = None) -> Result:
    shutil.rmtree(site, ignore_errors=True)
    load = os.getloadavg()[0]
    cmd = cmd or [sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", str(config_file)]
    data = measure(cmd, config_file.parent)
    pages, size = tree_size(site)
    by_name = {name: kb / 1024 for name, kb in data["by_name"].items()}
    result = Result(n, label, data["wall"], data["cpu"], data["rss_kb"] / 1024, data["tree_kb"] / 1024, pages, size, load, by_name)
    print(result.row(), flush=True)
    return result


# --- the dvk project -------------------------------------------------------------------------

def dvk_project(work: Path, models: Path, options: dict[str, Any]) -> tuple[Path, Path]:
    """mkdocs.yml inheriting the shipped one, with the generated dossiers as models_dir."""
    site = work / "site"
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "content" / "pages"),
        "site_dir": str(site),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "plugins": [{"dvk": {"models_dir": str(models), **options}}],
    }
    work.mkdir(parents=True, exist_ok=True)
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return work / "mkdocs.yml", site


# --- the plain Material project: the same text as Markdown pages -------------------------------

class ArticleToMarkdown(HTMLParser):
    """The text of a built page's <article> as ordinary Markdown (headings, lists, tables, bold)."""

    BLOCKS = {"p", "div", "aside", "dl", "ul", "ol", "table", "caption", "figure", "nav", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside <article>
        self.skip = 0  # inside an element whose text is not page text (edit button, svg, script)
        self.out: list[str] = []
        self.line: list[str] = []
        self.lists: list[str] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.href: list[str] = []

    def flush(self, prefix: str = "") -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.out.append(prefix + text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        classes = (a.get("class") or "").split()
        # not page text: icons, scripts, the edit button
        if self.skip or tag in ("svg", "script", "style") or "md-content__button" in classes:
            self.skip += 1  # counts open elements inside the skipped one
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") or tag in self.BLOCKS or tag in ("dt", "dd", "li", "tr"):
            self.flush()
        target = self.cell if self.cell is not None else self.line
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in ("strong", "b", "dt"):
            target.append("**")
        elif tag == "em":
            target.append("*")
        elif tag == "a":
            target.append("[")
            self.href.append(a.get("href") or "")
        elif tag in ("br", "span"):
            target.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
            self.flush()
            return
        if self.skip:
            self.skip -= 1
            return
        target = self.cell if self.cell is not None else self.line
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush("#" * int(tag[1]) + " ")
        elif tag in ("strong", "b", "dt"):
            target.append("**")
            if tag == "dt":
                self.flush()
        elif tag == "em":
            target.append("*")
        elif tag == "a" and self.href:
            target.append(f"]({self.href.pop()})")
        elif tag == "li":
            self.flush(("1. " if self.lists and self.lists[-1] == "ol" else "- "))
        elif tag in ("ul", "ol"):
            self.lists and self.lists.pop()
            self.flush()
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            if self.rows:
                width = max(len(r) for r in self.rows)
                rows = [r + [""] * (width - len(r)) for r in self.rows]
                self.out.append("\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
                                          + ["| " + " | ".join(r) + " |" for r in rows[1:]]))
            self.rows = []
        elif tag in self.BLOCKS or tag == "dd":
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip:  # `<path/>` inside a skipped <svg> opens nothing
            self.handle_starttag(tag, attrs)
            if tag not in ("br", "hr", "img", "input", "meta", "link", "wbr"):
                self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip:
            return
        (self.cell if self.cell is not None else self.line).append(data)

    def markdown(self) -> str:
        return "\n\n".join(self.out) + "\n"


def to_markdown(html: str) -> str:
    parser = ArticleToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.markdown()


def site_menu() -> list[Any]:
    """The dvk site's menu (the plugin's nav), for a plain build with the same chrome on every page."""
    from types import SimpleNamespace

    from dvk_build.config import default_config
    from dvk_build.plugin import DvkPlugin

    return DvkPlugin._nav(SimpleNamespace(dvk_config=default_config()))  # type: ignore[arg-type]


def _menu_pages(nav: list[Any]) -> list[tuple[str, str]]:
    out = []
    for entry in nav:
        for title, target in entry.items():
            out += _menu_pages(target) if isinstance(target, list) else [(title, target)]
    return out


def plain_project(work: Path, dvk_site: Path, search: bool, menu: bool) -> tuple[Path, Path]:
    """A plain Material project: one Markdown page per built model page, out of the nav.

    With `menu`, the nav is the dvk site's menu (stub pages): Material renders the whole menu into
    every page, so this is the like-for-like comparison; without it, the nav is the home page only.
    """
    docs = work / "docs"
    if not docs.exists():
        (docs / "mo-hinh").mkdir(parents=True)
        for title, target in _menu_pages(site_menu()):
            (docs / target).parent.mkdir(parents=True, exist_ok=True)
            (docs / target).write_text(f"# {title}\n\nTrang của bản dựng đối chứng.\n", encoding="utf-8")
        for page in sorted((dvk_site / "mo-hinh").glob("*/index.html")):
            md = to_markdown(page.read_text(encoding="utf-8"))
            (docs / "mo-hinh" / f"{page.parent.name}.md").write_text(md, encoding="utf-8")
    shipped = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant) or {}
    variant = ("menu" if menu else "bare") + ("-search" if search else "")
    site = work / f"site-{variant}"
    config = {
        "site_name": "Đối chứng",
        "site_url": shipped.get("site_url"),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False, "features": (shipped.get("theme") or {}).get("features") or []},
        "markdown_extensions": shipped.get("markdown_extensions") or ["toc", "tables"],
        "nav": site_menu() if menu else ["index.md"],
        "not_in_nav": "/mo-hinh/",
        "plugins": ["search"] if search else [],
    }
    name = f"mkdocs-{variant}.yml"
    (work / name).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return work / name, site


HUGO = shutil.which("hugo")
HUGO_LAYOUT = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
<main>{{ .Content }}</main></body></html>
"""


def hugo_project(work: Path, docs: Path) -> tuple[Path, Path, list[str]]:
    """The plain project's Markdown pages as a Hugo site with minimal templates; (config, site, command)."""
    source, site = work / "hugo", work / "site-hugo"
    if not source.exists():
        for md in docs.rglob("*.md"):  # `index.md` would make a leaf bundle, hiding the pages beside it
            target = source / "content" / md.relative_to(docs)
            target = target.with_name("_index.md") if md.name == "index.md" else target
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(md, target)
        (source / "layouts" / "_default").mkdir(parents=True)
        for name in ("single.html", "list.html"):
            (source / "layouts" / "_default" / name).write_text(HUGO_LAYOUT, encoding="utf-8")
        menu = "".join(f'[[menu.main]]\nname = "{title}"\nurl = "/{target[:-3].removesuffix("index")}"\n'
                       for title, target in _menu_pages(site_menu()))
        (source / "config.toml").write_text('baseURL = "https://dvk.example/"\nlanguageCode = "vi"\n'
                                            'disableKinds = ["taxonomy", "term", "RSS"]\n' + menu, encoding="utf-8")
    cmd = [HUGO or "hugo", "--quiet", "--source", str(source), "--destination", str(site)]
    return source / "config.toml", site, cmd


class _Tolerant(yaml.SafeLoader):
    pass


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)  # `!!python/name:` in mkdocs.yml


# --- the run ---------------------------------------------------------------------------------

def generate(n: int, out: Path, generator: Path) -> Path:
    if not generator.exists():
        raise SystemExit("bench/generate.py is missing (the synthetic dossier generator)")
    t = time.perf_counter()
    subprocess.run([sys.executable, str(generator), str(n), str(out)], check=True, env=ENV, stdout=subprocess.DEVNULL)
    models = out / "models" if (out / "models").is_dir() else out
    count = sum(1 for _ in models.rglob("*.md"))
    print(f"<!-- generated {count} dossiers in {time.perf_counter() - t:.1f} s -->", flush=True)
    return models


PLAIN = "plain Material, same menu, search off"
PLAIN_SEARCH = "plain Material, same menu, search on"
NO_SEARCH = "dvk, search: false"
HUGO_LABEL = "Hugo, same Markdown pages, minimal templates"


def run(sizes: list[int], repeat: int, work: Path, generator: Path) -> list[Result]:
    results: list[Result] = []
    print(HEADER, flush=True)
    for n in sizes:
        base = work / str(n)
        shutil.rmtree(base, ignore_errors=True)
        models = generate(n, base / "models", generator)
        dvk_cfg, dvk_site = dvk_project(base / "dvk", models, {})
        variants = [("dvk", dvk_cfg, dvk_site)]
        cfg, site = dvk_project(base / "dvk-nosearch", models, {"search": False})
        variants.append((NO_SEARCH, cfg, site))
        for _ in range(repeat):
            for label, cfg, site in variants:
                results.append(build(n, label, cfg, site))
            for menu, search, label in ((True, False, PLAIN), (True, True, PLAIN_SEARCH),
                                        (False, False, "plain Material, one-page nav, search off")):
                plain_cfg, plain_site = plain_project(base / "plain", dvk_site, search=search, menu=menu)
                results.append(build(n, label, plain_cfg, plain_site))
            if HUGO:
                hugo_cfg, hugo_site, cmd = hugo_project(base / "plain", base / "plain" / "docs")
                results.append(build(n, HUGO_LABEL, hugo_cfg, hugo_site, cmd))
    return results


# Each dvk build is compared with the plain build doing the same job: with search, Material's
# search plugin (its search_index.json) stands for the dvk index.
COMPARED = {"dvk": PLAIN_SEARCH, NO_SEARCH: PLAIN}


def summary(results: list[Result]) -> str:
    """Median wall and CPU, largest peaks, per size and build; dvk's wall and CPU time over its plain counterpart's."""
    from statistics import median

    rows = ["| dossiers | build | runs | wall s (median) | CPU s (median) | peak RSS MiB, largest process (max) "
            "| peak RSS MiB, process tree (max) | each process (max) | wall, CPU vs plain | wall vs Hugo |",
            "|---:|---|---:|---:|---:|---:|---:|---|---|---:|"]
    groups: dict[tuple[int, str], list[Result]] = {}
    for r in results:
        groups.setdefault((r.n, r.build), []).append(r)
    for (n, build), rs in groups.items():
        wall = median(r.wall for r in rs)
        ratio = ""
        if build in COMPARED and (n, COMPARED[build]) in groups:
            plain = groups[(n, COMPARED[build])]
            ratio = (f"{wall / median(r.wall for r in plain):.2f}×, {median(r.cpu for r in rs) / median(r.cpu for r in plain):.2f}× "
                     f"({COMPARED[build]})")
        hugo = groups.get((n, HUGO_LABEL))
        vs_hugo = f"{wall / median(r.wall for r in hugo):.2f}×" if hugo and build != HUGO_LABEL else ""
        names = {name: max(r.by_name.get(name, 0) for r in rs) for r in rs for name in r.by_name}
        rows.append(f"| {n:,} | {build} | {len(rs)} | {wall:.1f} | {median(r.cpu for r in rs):.1f} "
                    f"| {max(r.rss_mb for r in rs):.0f} | {max(r.tree_mb for r in rs):.0f} | {per_process(names)} | {ratio} "
                    f"| {vs_hugo} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind per size (all are printed)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--generator", type=Path, default=ROOT / "bench" / "generate.py",
                        help="script called as `GENERATOR N OUTDIR` (default: bench/generate.py)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-"))
    try:
        results = run(args.sizes, args.repeat, work, args.generator)
        print("\n" + summary(results), flush=True)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
