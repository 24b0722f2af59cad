"""Markup floods: `dvk check` on one dossier whose body is one piece of markup repeated to the size cap.

    python bench/bench_markup.py [--size KB]

Every `<tag` in a body is judged on its own, even inside another tag, so a body of many tags
that never close is where the scan can do work that grows with the square of the text. For each
flood, the shipped dossier gets a body of the piece repeated to just under --size (default 195;
DVK002 refuses a file over 200 KB), and `dvk check` runs on it in a fresh process. Prints a
Markdown table: wall time, peak RSS and the problems found (one per refused tag).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content" / "models" / "tuyen-duong-tu-quan-ap-phu-hoa.md"
FLOODS = ["<a ", "<a title=", '<a title="<b title=', "<img alt=<img ", '<a title="x" ', "<x javascript:",
          "[a](javascript:x) ", "&amp;", "![", "[", "](", "{: ", "<img src=", "`", "*", "_", "| ", "> ", "- ", "1. ",
          "http://", "@", "09", "Ông ", "\\", "&#", "<!--", "<https:"]
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - t, "rss_kb": usage.ru_maxrss, "last": out.strip().splitlines()[-1]}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=195, help="body size in KB (default 195)")
    args = parser.parse_args(argv)
    shipped = SHIPPED.read_text(encoding="utf-8")
    print("| piece repeated | times | file KB | wall s | peak RSS MiB | `dvk check` says |")
    print("|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mau.md"
        for piece in FLOODS:
            times = (args.size * 1000 - len(shipped.encode())) // len(piece.encode())
            path.write_text(shipped + "\n" + piece * times + "\n", encoding="utf-8")
            proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "dvk_build", "check", str(path)],
                                  capture_output=True, text=True, check=True, cwd=ROOT)
            m = json.loads(proc.stdout)
            shown = piece.replace("|", "\\|")
            print(f"| `{shown}` | {times:,} | {path.stat().st_size // 1000} | {m['wall']:.2f} "
                  f"| {m['rss_kb'] / 1024:.0f} | {m['last']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
