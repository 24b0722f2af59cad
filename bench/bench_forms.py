"""What the Mẫu 2a/2b documents cost: per document, and in a whole site build with and without them.

    python bench/bench_forms.py [N ...] [--repeat R] [--work DIR] [--keep] [--docxtpl K] [--no-build]

For each N (default 1000): generate N synthetic dossiers (bench/generate.py), then
1. fill both documents of every published model in this process (forms/documents.py: templates
   compiled once), and K documents with docxtpl's own DocxTemplate.render for comparison;
2. build the site with the dvk plugin (`mkdocs build`, search on) with `forms.site_links: true` and
   `false` (the configuration switch), alternating, R times each, in fresh processes (bench_site's
   measure: wall, CPU with children, peak RSS), and the size the documents add to the site.
Prints Markdown tables; bench/README.md keeps the figures with the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import HEADER, ROOT, build, dvk_project, generate  # noqa: E402


def fill_times(models_dir: Path, docxtpl_docs: int) -> str:
    from docxtpl import DocxTemplate

    from dvk_build.config import default_config
    from dvk_build.forms.documents import FormSet, forms_of
    from dvk_build.forms.facts import placeholders
    from dvk_build.forms.word import default_template
    from dvk_build.model import build_catalogue
    from dvk_build.validate.engine import check_paths

    catalogue = build_catalogue(check_paths([models_dir], default_config(), dt.date.today()))
    forms = FormSet.load(catalogue.config)
    load = os.getloadavg()[0]
    start, cpu0, docs, size = time.perf_counter(), time.process_time(), 0, 0
    for m in catalogue.models:
        for data in forms.fill(m, forms=forms_of(m)).values():
            docs += 1
            size += len(data)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    sample = catalogue.models[: max(1, docxtpl_docs // 2)]
    start2 = time.perf_counter()
    for m in sample:
        for form in ("2a", "2b"):
            template = DocxTemplate(str(default_template(form)))
            template.render(placeholders(m, form), autoescape=True)
            template.save(io.BytesIO())
    reference = (time.perf_counter() - start2) / (2 * len(sample))
    return ("| models | documents | wall s | CPU s | ms per document | docxtpl render, ms per document | "
            "KB per document | load |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            f"| {len(catalogue.models):,} | {docs:,} | {wall:.1f} | {cpu:.1f} | {1000 * wall / docs:.2f} | "
            f"{1000 * reference:.1f} | {size / docs / 1000:.1f} | {load:.1f} |")


def config_without_forms(work: Path) -> Path:
    config = yaml.safe_load((ROOT / "dvk_build" / "config.yaml").read_text(encoding="utf-8"))
    config["forms"]["site_links"] = False
    path = work / "config-no-forms.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--docxtpl", type=int, default=40, help="documents rendered by docxtpl itself, for comparison")
    parser.add_argument("--no-build", action="store_true", help="only fill the documents in one process (no site builds)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dvk-bench-forms-"))
    try:
        for n in args.sizes:
            models = generate(n, work / f"gen-{n}", ROOT / "bench" / "generate.py")
            print(f"\n### {n:,} dossiers: filling the documents in one process\n")
            print(fill_times(models, args.docxtpl), flush=True)
            if args.no_build:
                continue
            with_cfg, site = dvk_project(work / f"with-{n}", models, {})
            without_cfg, site2 = dvk_project(work / f"without-{n}", models, {"config_file": str(config_without_forms(work))})
            print(f"\n### {n:,} dossiers: site builds\n\n{HEADER}", flush=True)
            results: dict[str, list] = {"forms on": [], "forms off": []}
            for _ in range(args.repeat):
                results["forms on"].append(build(n, "dvk, forms on", with_cfg, site))
                docx = sum(f.stat().st_size for f in site.rglob("*.docx"))
                count = sum(1 for _ in site.rglob("*.docx"))
                results["forms off"].append(build(n, "dvk, forms off", without_cfg, site2))
            on = statistics.median(r.wall for r in results["forms on"])
            off = statistics.median(r.wall for r in results["forms off"])
            cpu_on = statistics.median(r.cpu for r in results["forms on"])
            cpu_off = statistics.median(r.cpu for r in results["forms off"])
            print(f"\nMedian wall {on:.1f} s with the documents, {off:.1f} s without ({on / off:.2f}x); CPU {cpu_on:.1f} s "
                  f"against {cpu_off:.1f} s ({cpu_on / cpu_off:.2f}x). The documents: {count:,} files, {docx / 1e6:.1f} MB.")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
