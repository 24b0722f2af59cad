"""`dvk import` of a province's list at N rows: wall time and peak memory, first import and re-import.

    python bench/bench_import.py 10000 [--repeat 3]

The list is the shipped sample's generator (scripts/make_sample_list.py) at N rows: the same
title block, two-row merged header, group headings, blank lines, the three ways of writing a
date and the planted bad rows (8 in the first 216, none after). For each of the .xlsx and the
Windows-1258 .csv: `dvk import` into an empty folder (every row read, checked by the validator
and written), then again into the same folder (every row found already there: nothing written).
Each run is a fresh process; the median wall and CPU (user + system) time of `--repeat` runs and
the largest peak RSS (`getrusage(RUSAGE_CHILDREN)` of a wrapper process) are reported, with the
load average: on a shared machine the CPU time is the steadier figure. `--lists DIR` keeps the
generated lists there and reuses them (writing a 10,000-row workbook with merged cells takes a
while: openpyxl's write-only mode cannot merge).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_sample_list  # noqa: E402

# A wrapper that runs one command and reports its wall time and its children's peak RSS.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "rc": proc.returncode, "tail": proc.stdout[-600:]}))
"""


def measure(args: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lists", help="folder to keep the generated lists in and reuse them from")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    for n in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            lists = Path(args.lists) if args.lists else work
            lists.mkdir(parents=True, exist_ok=True)
            xlsx, csv = lists / f"list-{n}.xlsx", lists / f"list-{n}.csv"
            if not xlsx.exists():
                make_sample_list.write_xlsx(xlsx, n)
            if not csv.exists():
                make_sample_list.write_csv(csv, n)
            for source in (xlsx, csv):
                first, again = [], []
                for _ in range(args.repeat):
                    target = work / "models"
                    shutil.rmtree(target, ignore_errors=True)
                    cmd = [sys.executable, "-m", "dvk_build", "import", str(source), "--province", "Tỉnh Bến Tre",
                           "--dir", str(target)]
                    first.append(measure(cmd))
                    again.append(measure(cmd))
                    written = len(list(target.glob("*.md")))
                for label, runs in (("import", first), ("re-import", again)):
                    walls = [float(r["wall"]) for r in runs]  # type: ignore[arg-type]
                    cpus = [float(r["cpu"]) for r in runs]  # type: ignore[arg-type]
                    rss = max(float(r["rss_mb"]) for r in runs)  # type: ignore[arg-type]
                    print(f"| {n:,} | {source.suffix} | {label} | {statistics.median(walls):.1f} | "
                          f"{statistics.median(cpus):.1f} | {rss:.0f} | {written:,} |", flush=True)
                print(str(first[-1]["tail"]).strip().splitlines()[1:4])
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
