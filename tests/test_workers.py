"""The build's worker processes (workers.py): jobs beside MkDocs, their failures, and what the site shows of them."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest

from dvk_build.export import csv_export, json_export, site_files, xlsx_export, xlsx_readable
from dvk_build.export.records import model_json_path
from dvk_build.site_context import Site
from dvk_build.vietnamese import file_size
from dvk_build.workers import BuildWorkers, WorkFailed, read_spool


def _fail(what: str) -> bytes:
    raise ValueError(f"hỏng: {what}")


def _sleep_then(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _shared_kept(spool: str) -> list[object]:
    """What each item says about itself: its number, and whether it still holds *the* shared object."""
    items = list(read_spool(spool))
    first = items[0][0]
    return [(n, held is first) for held, n in items]


@pytest.fixture
def workers() -> BuildWorkers:
    pool = BuildWorkers()
    yield pool  # type: ignore[misc]
    pool.close(cancel=True)


def test_result_comes_from_another_process(workers: BuildWorkers) -> None:
    job = workers.submit("x", _sleep_then, 0.0)
    assert job.result() != os.getpid()


def test_spooled_items_arrive_in_order_holding_the_shared_objects(workers: BuildWorkers) -> None:
    config = {"cấu hình": 1}
    spool = workers.spool("items", (config,), ((config, n) for n in range(500)))
    assert workers.submit("x", _shared_kept, spool).result() == [(n, True) for n in range(500)]


def test_files_written_elsewhere_are_the_files_made_here(shipped_catalogue, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         workers: BuildWorkers) -> None:
    """The worker writes every model file in one pass, byte for byte what `dvk export` makes, with its size."""
    config = shipped_catalogue.config
    ctx = Site(config=config, site_url="https://dvk.example.vn/", generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    here = {csv_export.PATH: csv_export.render(shipped_catalogue, ctx),  # what `dvk export` writes, format by format
            json_export.PATH: json_export.dumps(json_export.document(shipped_catalogue, ctx)).encode("utf-8")}
    here[xlsx_export.PATH] = xlsx_export.render(shipped_catalogue, ctx)
    here[xlsx_readable.PATH] = xlsx_readable.render(shipped_catalogue, ctx)
    for m in shipped_catalogue.models:
        here[model_json_path(m)] = json_export.dumps(json_export.model_document(m, ctx), indent=2).encode("utf-8")
    assert site_files.model_files(shipped_catalogue, ctx) == here  # the in-memory path (tests, fuzzing)
    spool = workers.spool("models", (config,), shipped_catalogue.models)
    sizes = workers.submit("dữ liệu mở", site_files.write_model_files, ctx, str(tmp_path),
                           len(shipped_catalogue.models), spool, os.getpid()).result()
    assert sizes == {path: len(data) for path, data in here.items()}
    assert sorted(here) == sorted(site_files.model_file_paths(shipped_catalogue))
    assert len(here) == 4 + len(shipped_catalogue.models)
    for path, data in here.items():
        assert (tmp_path / path).read_bytes() == data, path


def test_a_model_missing_from_the_stream_fails_the_job(shipped_catalogue, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       workers: BuildWorkers) -> None:
    config = shipped_catalogue.config
    ctx = Site(config=config, generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    spool = workers.spool("models", (config,), shipped_catalogue.models[1:])
    job = workers.submit("dữ liệu mở", site_files.write_model_files, ctx, str(tmp_path), len(shipped_catalogue.models), spool,
                         os.getpid())
    with pytest.raises(WorkFailed, match=r"^Không tạo được dữ liệu mở: RuntimeError: nhận \d+ mô hình, cần \d+$"):
        job.result()


def test_a_failure_names_the_work_and_the_cause_in_vietnamese(workers: BuildWorkers) -> None:
    job = workers.submit("dữ liệu mở", _fail, "ô A1")
    with pytest.raises(WorkFailed, match=r"^Không tạo được dữ liệu mở: ValueError: hỏng: ô A1$"):
        job.result()


def test_cancel_stops_a_running_job() -> None:
    pool = BuildWorkers()
    job = pool.submit("x", _sleep_then, 60.0)
    time.sleep(1.0)  # running, in its worker
    started = time.perf_counter()
    pool.close(cancel=True)
    assert time.perf_counter() - started < 10
    with pytest.raises(WorkFailed):
        job.result()


def test_data_page_gives_each_files_real_size(built_site: Path) -> None:
    """The files are written by a worker and the page is rendered once they exist: their sizes are right."""
    page = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    sizes = dict(re.findall(r'<td><a href="([^"]+)">[^<]*</a></td>\s*<td>.*?</td>\s*<td>([^<]+)</td>', page, re.S))
    assert "mo-hinh.xlsx" in sizes and "mo-hinh.csv" in sizes
    for link, shown in sizes.items():
        assert shown == file_size((built_site / "du-lieu" / link).stat().st_size), link


KILLED_BUILD = """
import os, sys, time
from dvk_build.workers import BuildWorkers
pool = BuildWorkers()
pids = {pool.submit("x", os.getpid).result() for _ in range(4)}
print(" ".join(map(str, pids)), flush=True)
time.sleep(120)
"""


def test_workers_end_when_the_build_is_killed() -> None:
    """A build killed outright (SIGKILL: no cleanup runs) leaves no worker behind."""
    import signal
    import subprocess
    import sys

    from dvk_build.workers import alive

    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]  # type: ignore[union-attr]
        assert workers and all(alive(p) for p in workers)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers)  # before: they waited on their fork server for ever
