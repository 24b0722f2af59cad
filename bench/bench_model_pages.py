"""Model page cost in-process: the template, Python-Markdown and the HTML stash, for N synthetic dossiers.

    python bench/bench_model_pages.py [N] [--repeat R] [--dossiers DIR]

Generates N dossiers with bench/generate.py (or reads DIR), then measures, for the model pages only:
the Jinja rendering (SiteRenderer, the page's Markdown with its HTML blocks stashed), Python-Markdown
with the site's extensions (what MkDocs does to each page), and putting the stashed blocks back.
CPU seconds are the minimum and median of R runs (time.process_time, so a loaded machine inflates
them less than wall time); Python function calls of one rendering are counted with cProfile, a figure
that does not depend on the load. It tells what a page path without Markdown (theme templates) could
save, and what a template change costs.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_build.model import build_catalogue  # noqa: E402
from dvk_build.render import site  # noqa: E402
from dvk_build.validate.engine import check_paths  # noqa: E402

EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]  # mkdocs.yml `markdown_extensions`


def _cpu(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dossiers", type=Path, help="a folder of dossiers instead of generated ones")
    args = parser.parse_args()
    folder = args.dossiers
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="dvk-pages-")) / "models"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(args.n), str(folder)], check=True,
                       capture_output=True)
    report = check_paths([folder], today=dt.date.today(), root=folder.parent)
    catalogue = build_catalogue(report)
    renderer = site.SiteRenderer(catalogue, catalogue.config, search_engine=None)

    def render() -> list[site.Page]:
        out = site.Output(stash=renderer.stash)
        renderer._models(out)  # noqa: SLF001 - the model pages alone
        return out.pages

    pages = render()  # templates compiled once, as in a build
    profile = cProfile.Profile()
    profile.enable()
    pages = render()
    profile.disable()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    md = markdown.Markdown(extensions=EXTENSIONS)

    def convert() -> list[str]:
        return [md.reset().convert(p.content.split("\n---\n", 1)[-1]) for p in pages]

    html = convert()
    blocks = dict(renderer.stash.blocks)

    def restore() -> None:
        renderer.stash.blocks = dict(blocks)  # restore() hands each block over once
        for h in html:
            renderer.stash.restore(h)

    load = os.getloadavg()[0]
    print(f"{len(pages)} model pages ({len(catalogue.models)} published of {len(report.dossiers)} dossiers), "
          f"load {load:.1f}, CPU s min/median of {args.repeat}")
    for name, fn in (("template (Jinja, blocks stashed)", render), ("Python-Markdown", convert),
                     ("stash restore", restore)):
        low, mid = _cpu(fn, args.repeat)
        print(f"| {name} | {low:.2f} | {mid:.2f} |")
    print(f"Python calls, one template rendering of the model pages: {calls:,}")


if __name__ == "__main__":
    main()
