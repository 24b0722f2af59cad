"""`dvk export`: the published models as JSON, CSV or Excel, the same files the site offers in du-lieu/."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from . import report as reporting
from .site_context import Site, normalize_site_url, site_url, site_url_from_mkdocs
from .model import build_catalogue
from .validate.engine import check_paths

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
FORMATS = ("json", "csv", "xlsx")


def _format(args: argparse.Namespace) -> str:
    """--format, else the output file's extension, else JSON."""
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in FORMATS else "json"


def _render(fmt: str, catalogue, ctx: Site) -> bytes:  # type: ignore[no-untyped-def]
    """The export file's bytes in the chosen format (the exports imported only when a file is made)."""
    from .export import csv_export, json_export, xlsx_export

    if fmt == "csv":
        return csv_export.render(catalogue, ctx)
    if fmt == "xlsx":
        return xlsx_export.render(catalogue, ctx)
    return json_export.dumps(json_export.document(catalogue, ctx), indent=2).encode("utf-8")


def _cmd_export(args: argparse.Namespace) -> int:
    """Validate, then write the published models; exit 1 on dossier errors, 2 on usage errors."""
    fmt = _format(args)
    if fmt == "xlsx" and not args.output and sys.stdout.isatty():
        sys.stderr.write("dvk: tệp Excel là dữ liệu nhị phân, không in ra màn hình được; hãy chỉ tệp ghi ra bằng -o, "
                         "ví dụ: dvk export --format xlsx -o mo-hinh.xlsx\n")
        return EXIT_USAGE
    paths = [Path(p) for p in args.paths] or [Path("content")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.stderr.write("dvk: không tìm thấy: " + ", ".join(str(p) for p in missing) + "\n")
        return EXIT_USAGE
    report = check_paths(paths, today=dt.date.today())
    if report.errors:
        reporting.write_text(report, sys.stderr, color=False)
        sys.stderr.write(f"dvk: không xuất dữ liệu vì hồ sơ còn {len(report.errors)} lỗi; "
                         "sửa các lỗi trên (xem bằng `dvk check`) rồi chạy lại.\n")
        return EXIT_ERROR
    catalogue = build_catalogue(report)
    # The site's own rule (site_context.site_url): config.yaml's site.url, else mkdocs.yml's site_url
    url = normalize_site_url(args.site_url) or site_url(catalogue.config, site_url_from_mkdocs(Path("mkdocs.yml")))
    data = _render(fmt, catalogue, Site(config=catalogue.config, site_url=url))
    if args.output:
        Path(args.output).write_bytes(data)
        sys.stderr.write(f"dvk: đã ghi {len(catalogue.models)} mô hình vào {args.output}\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return EXIT_OK


def arguments(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk export` (cli.py lists the command)."""
    p.description = ("Xuất các mô hình đã được công nhận trong hồ sơ (tệp hoặc thư mục; mặc định content/) thành "
                     "JSON, CSV (UTF-8 có BOM) hoặc Excel, giống các tệp ở trang du-lieu/. Không xuất khi hồ sơ còn lỗi.")
    p.add_argument("paths", nargs="*", metavar="ĐƯỜNG-DẪN")
    p.add_argument("--format", choices=FORMATS,
                   help="Dạng tệp (mặc định: theo đuôi tệp của -o, nếu không thì json).")
    p.add_argument("-o", "--output", metavar="TỆP", help="Ghi ra tệp thay vì màn hình.")
    p.add_argument("--site-url", metavar="ĐỊA-CHỈ",
                   help="Địa chỉ trang để ghi đường dẫn đầy đủ (mặc định: site_url trong mkdocs.yml nếu có).")
    return _cmd_export
