"""Validation benchmark: `dvk check` beside bare YAML parsing and check-jsonschema, on the same dossiers.

    python bench/bench_check.py [N ...] [--repeat R] [--work DIR] [--keep]

For each N (default 1000 and 10000): generate N dossiers with bench/generate.py, export the
schema with `dvk schema`, copy each front matter to its own .yaml file (check-jsonschema reads
YAML files, not Markdown; done before any timing), then time, each in a fresh process:

- `dvk check DIR` (everything: loading, form, the guideline's rules, safety, cross-dossier rules);
- `dvk check FILE`, one dossier of DIR (what the pre-commit hook runs on a changed file): every rule
  on that file, and the rules across dossiers against the others of DIR (read by
  validate/neighbours.py);
- bare parsing: read each file, split off the front matter, `yaml.load(..., Loader=CSafeLoader)`;
- `check-jsonschema --schemafile dossier.schema.json *.yaml` (form only).

Prints a Markdown table: wall time and CPU time (user + system; medians of R runs) and peak RSS
(largest of R runs) of each command, measured by a wrapper process with getrusage(RUSAGE_CHILDREN).
On a shared machine CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "bench" / "generate.py"

# Runs a command in a fresh process and reports its wall time and peak RSS (of the command: the
# wrapper's only child). Output of the command is discarded; its exit status is reported.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss}))
"""

# Bare parsing: what any tool must do at least (read, split, libyaml), nothing checked.
BARE = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    end = text.find("\\n---", 3)
    yaml.load(text[4:end], Loader=yaml.CSafeLoader)
"""


@dataclass
class Row:
    n: int
    tool: str
    walls: list[float]
    cpus: list[float]
    rss_kb: int

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"measuring {cmd[:4]}… failed:\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{cmd[:4]}… exited {result['rc']} (the generated dossiers should all be valid)")
    return result["wall"], result["cpu"], result["rss_kb"]


def prepare(n: int, base: Path) -> tuple[Path, list[str]]:
    """Generate n dossiers in base/models and their front matter as base/yaml/*.yaml."""
    models, yamls = base / "models", base / "yaml"
    if not (models.is_dir() and sum(1 for _ in models.glob("*.md")) == n):
        shutil.rmtree(base, ignore_errors=True)
        subprocess.run([sys.executable, str(GENERATOR), str(n), str(models)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(yamls, ignore_errors=True)
    yamls.mkdir(parents=True)
    names = []
    for path in sorted(models.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        (yamls / f"{path.stem}.yaml").write_text(text[4:text.find("\n---", 3) + 1], encoding="utf-8")
        names.append(f"{path.stem}.yaml")
    return models, names


def dvk_command() -> list[str]:
    exe = shutil.which("dvk")
    return [exe] if exe else [sys.executable, "-m", "dvk_build"]


def run(sizes: list[int], repeat: int, work: Path) -> list[Row]:
    schema = work / "dossier.schema.json"
    subprocess.run([*dvk_command(), "schema", "-o", str(schema)], check=True)
    cjs = shutil.which("check-jsonschema")
    if cjs is None:
        raise SystemExit("check-jsonschema is missing: pip install check-jsonschema")
    rows: list[Row] = []
    print(f"<!-- load average at start: {os.getloadavg()[0]:.1f} (2 cores) -->")
    print("| dossiers | command | wall s (median) | CPU s (median) | peak RSS MB | wall vs bare parsing |")
    print("|---:|---|---:|---:|---:|---:|", flush=True)
    for n in sizes:
        base = work / str(n)
        models, names = prepare(n, base)
        commands = {
            "bare parsing (CSafeLoader)": ([sys.executable, "-c", BARE, str(models)], base),
            "dvk check": ([*dvk_command(), "check", str(models)], base),
            "dvk check, one file": ([*dvk_command(), "check", str(sorted(models.glob("*.md"))[n // 2])], base),
            "check-jsonschema": ([cjs, "--schemafile", str(schema), *names], base / "yaml"),
        }
        results = {tool: Row(n, tool, [], [], 0) for tool in commands}
        for _ in range(repeat):  # interleaved, so a busy moment of the machine hits all three alike
            for tool, (cmd, cwd) in commands.items():
                wall, cpu, rss = measure(cmd, cwd)
                results[tool].walls.append(wall)
                results[tool].cpus.append(cpu)
                results[tool].rss_kb = max(results[tool].rss_kb, rss)
        bare = results["bare parsing (CSafeLoader)"].wall
        for row in results.values():
            print(f"| {n:,} | {row.tool} | {row.wall:.2f} | {row.cpu:.2f} | {row.rss_kb / 1024:.0f} | {row.wall / bare:.2f}× |",
                  flush=True)
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], metavar="N")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command per size (default 3)")
    parser.add_argument("--work", type=Path, help="folder for generated files (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    import check_jsonschema  # noqa: F401  (fail early, with its name, when missing)

    print(f"<!-- {platform.python_implementation()} {platform.python_version()}, PyYAML {yaml.__version__} "
          f"(libyaml: {yaml.__with_libyaml__}), {os.cpu_count()} CPUs, {platform.machine()} -->", flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run(args.sizes, args.repeat, work)
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
