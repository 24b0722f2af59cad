"""Time and peak memory of the two Excel files written from N generated dossiers: the machine
workbook (mo-hinh.xlsx) alone, then with the workbook for people (mo-hinh-de-doc.xlsx) beside it.

    python bench/bench_workbooks.py N [--repeat R]

Prints one line per run; the figures go in bench/README.md with the machine's `uptime` load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from dvk_build.export import xlsx_export, xlsx_readable  # noqa: E402
from dvk_build.site_context import Site  # noqa: E402
from dvk_build.export.records import row, table_columns  # noqa: E402
from dvk_build.model import build_catalogue  # noqa: E402
from dvk_build.validate.engine import check_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.n, Path(tmp))
        catalogue = build_catalogue(check_paths([Path(tmp)], today=dt.date(2026, 12, 1), root=Path(tmp)))
    ctx = Site(config=catalogue.config, generated=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    cols = table_columns(catalogue.config)
    header = [c.name for c in cols]
    table = [row(m, ctx, cols) for m in catalogue.models]  # rows made once: both runs write the same
    count = len(table)
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        machine = xlsx_export.write(header, iter(table), count, ctx)
        t1 = time.perf_counter()
        readable = xlsx_readable.ReadableWorkbook(ctx, count)

        def both():  # the site's way: the readable workbook takes each row as the machine one pulls it
            for values in table:
                readable.add(values)
                yield values

        xlsx_export.write(header, both(), count, ctx)
        human = readable.close()
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"models={count} machine_only={t1 - t0:.2f}s both={t2 - t1:.2f}s added={t2 - t1 - (t1 - t0):.2f}s "
              f"machine={len(machine) / 1e6:.1f}MB readable={len(human) / 1e6:.1f}MB peak_rss={peak:.0f}MiB")


if __name__ == "__main__":
    main()
