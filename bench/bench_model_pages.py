"""Model page cost inside a real build: the content (template, body Markdown) and the theme's frame, per page.

    python bench/bench_model_pages.py [N] [--dossiers DIR]

Generates N dossiers with bench/generate.py (or reads DIR), runs one `mkdocs build` of them in this
process with the shipped mkdocs.yml, and times, with `time.process_time` (CPU, so a loaded machine
inflates it less than wall time), each call of the model page path (dvk_build/theme_pages.py):
`ModelPages.body` (Python-Markdown and the sanitizer on the dossier's body), `ModelPages.content`
(the page's HTML from templates/model.html.j2, body included) and `ThemePages.render` (content plus
Material's frame, overrides/dvk/page.html). Prints the total and the per-page milliseconds of each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_build import theme_pages  # noqa: E402
from dvk_build.render import model_page  # noqa: E402

SPENT: dict[str, list[float]] = defaultdict(list)


def _timed(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label].append(time.process_time() - start)

    setattr(owner, name, run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--dossiers", type=Path, help="a folder of dossiers instead of generated ones")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dvk-pages-"))
    folder = args.dossiers
    if folder is None:
        folder = work / "models"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(args.n), str(folder)], check=True,
                       capture_output=True)
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "content" / "pages"),
              "site_dir": str(work / "site"), "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
              "plugins": [{"dvk": {"models_dir": str(folder.resolve()), "search": False}}]}
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _timed(model_page.ModelPages, "body", "body: Markdown + sanitizer")
    _timed(model_page.ModelPages, "content", "content: template + body")
    _timed(theme_pages.ThemePages, "render", "page: content + Material frame")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(work / "mkdocs.yml")))
    print("| part | pages | CPU s | ms per page |\n|---|---:|---:|---:|")
    for label, times in SPENT.items():
        print(f"| {label} | {len(times):,} | {sum(times):.2f} | {sum(times) / max(len(times), 1) * 1000:.2f} |")


if __name__ == "__main__":
    main()
