"""Markup floods: `dvk check` on one dossier whose body is one piece of markup repeated to the size cap.

    python bench/bench_markup.py [--size KB] [--build]

Every `<tag` in a body is judged on its own, even inside another tag, so a body of many tags
that never close is where the scan can do work that grows with the square of the text. For each
flood, the shipped dossier gets a body of the piece repeated to just under --size (default 195;
DVK002 refuses a file over 200 KB), and `dvk check` runs on it in a fresh process. Prints a
Markdown table: wall time, peak RSS and the problems found (one per refused tag). With --build, each
flood the check accepts is also built alone with `mkdocs build` (a project inheriting mkdocs.yml), as
the site would publish it: the table gains that build's wall time (a build of the shipped dossier alone
is the first row, for comparison).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import ROOT, SHIPPED, make_project  # noqa: E402  (the same project and dossier as the hostile run)

FLOODS = ["<a ", "<a title=", '<a title="<b title=', "<img alt=<img ", '<a title="x" ', "<x javascript:",
          "[a](javascript:x) ", "&amp;", "![", "[", "](", "{: ", "<img src=", "`", "*", "_", "| ", "> ", "- ", "1. ",
          "http://", "@", "09", "Ông ", "\\", "&#", "<!--", "<https:"]
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - t, "rss_kb": usage.ru_maxrss, "last": (out.strip().splitlines() or [""])[-1]}))
"""


def build(tmp: Path, text: str) -> float:
    """Wall time of `mkdocs build` of a project holding this one dossier."""
    config = make_project(tmp)
    (tmp / "models" / "mau.md").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                           str(config)], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if not any((tmp / "site" / "mo-hinh").glob("*/index.html")):
        raise SystemExit(f"build published no model page: {proc.stdout[-500:]}")
    return float(json.loads(proc.stdout)["wall"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=195, help="body size in KB (default 195)")
    parser.add_argument("--build", action="store_true", help="also build each flood the check accepts")
    args = parser.parse_args(argv)
    print("| piece repeated | times | file KB | wall s | peak RSS MiB | `dvk check` says |" + (" build s |" if args.build else ""))
    print("|---|---:|---:|---:|---:|---|" + ("---:|" if args.build else ""))
    with tempfile.TemporaryDirectory() as tmp:
        path, project = Path(tmp) / "check" / "mau.md", Path(tmp) / "build"  # apart: one slug in both
        path.parent.mkdir()
        project.mkdir()
        if args.build:
            print(f"| (the shipped dossier) | | | | | | {build(project, SHIPPED):.2f} |")
        for piece in FLOODS:
            times = (args.size * 1000 - len(SHIPPED.encode())) // len(piece.encode())
            path.write_text(SHIPPED + "\n" + piece * times + "\n", encoding="utf-8")
            proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "dvk_build", "check", str(path)],
                                  capture_output=True, text=True, check=True, cwd=ROOT)
            m = json.loads(proc.stdout)
            shown = piece.replace("|", "\\|")
            built = f" {build(project, path.read_text(encoding='utf-8')):.2f} |" if args.build and "không có lỗi" in m["last"] else ""
            print(f"| `{shown}` | {times:,} | {path.stat().st_size // 1000} | {m['wall']:.2f} "
                  f"| {m['rss_kb'] / 1024:.0f} | {m['last']} |" + (built or (" |" if args.build else "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
