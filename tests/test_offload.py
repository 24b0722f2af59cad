"""Files computed in another process while the site builds (export/offload.py), and what the site shows of them."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Iterator

import pytest

from dvk_build.export import csv_export, json_export, site_files, xlsx_export, xlsx_readable
from dvk_build.export.records import model_json_path
from dvk_build.export.context import ExportContext
from dvk_build.export.offload import Offloaded, OffloadFailed
from dvk_build.render.text import file_size


def _fail(shared: tuple[str], items: Iterator[object]) -> bytes:
    raise ValueError(f"hỏng: {shared[0]}")


def _sleep_then(shared: tuple[float], items: Iterator[object]) -> bytes:
    time.sleep(shared[0])
    return str(os.getpid()).encode()


def _shared_kept(shared: tuple[dict[str, int], list[int]], items: Iterator[tuple[dict[str, int], int]]) -> list[object]:
    """What each item says about itself: its number, and whether it still holds *the* shared object."""
    return [(n, held is shared[0]) for held, n in items] + [shared[1]]


def test_result_comes_from_another_process() -> None:
    job = Offloaded("x", _sleep_then, (0.0,), [])
    pid = int(job.result())
    assert pid != os.getpid()
    assert job.result() == str(pid).encode()  # asked twice: the same value, no second process


def test_items_arrive_in_order_holding_the_shared_objects() -> None:
    config = {"cấu hình": 1}
    got = Offloaded("x", _shared_kept, (config, [7, 8]), ((config, n) for n in range(500))).result()
    assert got == [(n, True) for n in range(500)] + [[7, 8]]


def test_files_written_elsewhere_are_the_files_made_here(shipped_catalogue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The other process writes every model file in one pass, byte for byte what `dvk export` makes, with its size."""
    config = shipped_catalogue.config
    ctx = ExportContext(config=config, site_url="https://dvk.example.vn/",
                        generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    here = {csv_export.PATH: csv_export.render(shipped_catalogue, ctx),  # what `dvk export` writes, format by format
            json_export.PATH: json_export.dumps(json_export.document(shipped_catalogue, ctx)).encode("utf-8")}
    here[xlsx_export.PATH] = xlsx_export.render(shipped_catalogue, ctx)
    here[xlsx_readable.PATH] = xlsx_readable.render(shipped_catalogue, ctx)
    for m in shipped_catalogue.models:
        here[model_json_path(m)] = json_export.dumps(json_export.model_document(m, ctx), indent=2).encode("utf-8")
    assert site_files._model_files(shipped_catalogue, ctx) == here  # the in-memory path of render_site
    shared = (config, ctx, str(tmp_path), len(shipped_catalogue.models))
    sizes = Offloaded("dữ liệu mở", site_files.write_model_files, shared, shipped_catalogue.models).result()
    assert sizes == {path: len(data) for path, data in here.items()}
    assert sorted(here) == sorted(site_files._model_paths(shipped_catalogue, config))
    assert len(here) == 4 + len(shipped_catalogue.models)
    for path, data in here.items():
        assert (tmp_path / path).read_bytes() == data, path


def test_a_model_missing_from_the_stream_fails_the_job(shipped_catalogue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = shipped_catalogue.config
    ctx = ExportContext(config=config, generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    shared = (config, ctx, str(tmp_path), len(shipped_catalogue.models))
    job = Offloaded("dữ liệu mở", site_files.write_model_files, shared, shipped_catalogue.models[1:])
    with pytest.raises(OffloadFailed, match=r"^Không tạo được dữ liệu mở: RuntimeError: nhận \d+ mô hình, cần \d+$"):
        job.result()


def test_a_failure_names_the_work_and_the_cause_in_vietnamese() -> None:
    job = Offloaded("dữ liệu mở", _fail, ("ô A1",), [])
    with pytest.raises(OffloadFailed, match=r"^Không tạo được dữ liệu mở: ValueError: hỏng: ô A1$"):
        job.result()


def test_cancel_stops_the_process() -> None:
    job = Offloaded("x", _sleep_then, (60.0,), [])
    started = time.perf_counter()
    job.cancel()
    assert time.perf_counter() - started < 10
    job.cancel()  # twice: harmless


def test_data_page_gives_each_files_real_size(built_site: Path) -> None:
    """The files are written by another process after the page was generated: their sizes must still be right."""
    page = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    sizes = dict(re.findall(r'<td><a href="([^"]+)">[^<]*</a></td>\s*<td>.*?</td>\s*<td>([^<]+)</td>', page, re.S))
    assert "mo-hinh.xlsx" in sizes and "mo-hinh.csv" in sizes
    for link, shown in sizes.items():
        assert shown == file_size((built_site / "du-lieu" / link).stat().st_size), link
    assert "\ue001" not in page  # no size marker left
