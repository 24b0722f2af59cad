"""Map benchmark: bytes of every map (raw and gzipped) and the build time, at N generated dossiers.

    python bench/bench_map.py [N] [--work DIR] [--keep]

Generates N dossiers with `bench/generate.py` (localities drawn from the official register, every
province), builds the site twice with the dvk plugin (`mkdocs build`, search off so that the
figure is the maps' share, then on), and reports: the build's wall time, the national map on the
home page and tinh/ (SVG alone, raw and gzip -9), the largest and median province map, the
locator base file and the largest locator, and whether each map is the same bytes on both builds.
The goal (issue 14): under 60 KB gzipped per map at 10,000 dossiers.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import ENV, dvk_project, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOAL_GZ = 60 * 1024
MAP_RE = re.compile(r'<svg class="dvk-map.*?</svg>', re.S)
LOCATOR_RE = re.compile(r'<figure class="dvk-locator.*?</figure>', re.S)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def maps_of(site: Path) -> dict[str, bytes]:
    """Every map of the built site, by page: the SVGs of home, tinh/ and each tinh/<p>/, one locator."""
    found: dict[str, bytes] = {}
    for page in [site / "index.html", site / "tinh" / "index.html", *sorted((site / "tinh").glob("*/index.html"))]:
        for i, svg in enumerate(MAP_RE.findall(page.read_text(encoding="utf-8"))):
            found[f"{page.parent.relative_to(site)}/#{i}"] = svg.encode("utf-8")
    found["assets/ban-do-viet-nam.svg"] = (site / "assets" / "ban-do-viet-nam.svg").read_bytes()
    model_pages = sorted((site / "mo-hinh").glob("*/index.html"))
    locators = [LOCATOR_RE.search(p.read_text(encoding="utf-8")) for p in model_pages[:200]]
    sizes = sorted((len(m.group(0)), p) for m, p in zip(locators, model_pages) if m)
    if sizes:
        found[f"locator (largest of {len(sizes)})"] = LOCATOR_RE.search(sizes[-1][1].read_text(encoding="utf-8")).group(0).encode()
    return found


def build(config: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=ENV,
                   cwd=config.parent)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=10000)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-map-"))
    try:
        models = generate(args.n, work / "gen", ROOT / "bench" / "generate.py")
        print(f"load before: {os.getloadavg()[0]:.2f}")
        runs = []
        for label, options in (("search off", {"search": False}), ("search off, again", {"search": False}),
                               ("with search", {})):
            config, site = dvk_project(work / label.replace(" ", "-").replace(",", ""), models, options)
            wall = build(config)
            runs.append((label, wall, maps_of(site)))
            print(f"build {label}: {wall:.1f} s (load {os.getloadavg()[0]:.2f})", flush=True)
        first, second = runs[0][2], runs[1][2]
        print("\n| map | raw bytes | gzip -9 bytes | same bytes on two builds |\n|---|---:|---:|---|")
        province = {k: v for k, v in first.items() if k.startswith("tinh/") and k != "tinh/#0"}
        shown = ["./#0", "tinh/#0", "assets/ban-do-viet-nam.svg"] + [k for k in first if k.startswith("locator")]
        for key in shown:
            print(f"| {key} | {len(first[key]):,} | {gz(first[key]):,} | {first[key] == second.get(key)} |")
        if province:
            by_gz = sorted(province, key=lambda k: gz(province[k]))
            big = by_gz[-1]
            print(f"| largest province map ({big}) | {len(province[big]):,} | {gz(province[big]):,} | "
                  f"{province[big] == second.get(big)} |")
            print(f"| median of {len(province)} province maps | {int(statistics.median(len(v) for v in province.values())):,} | "
                  f"{int(statistics.median(gz(v) for v in province.values())):,} | "
                  f"{all(second.get(k) == v for k, v in province.items())} |")
        worst = max(gz(v) for v in first.values())
        print(f"\nlargest map gzipped: {worst:,} bytes; goal under {GOAL_GZ:,}: {'met' if worst < GOAL_GZ else 'NOT met'}")
        print(f"every map identical on two builds: {all(second.get(k) == v for k, v in first.items())}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    raise SystemExit(main())
