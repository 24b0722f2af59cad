"""`dvk import`: a province's list of recognized models (.xlsx, .csv) into summary records."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from .config import default_config
from .intake.headings import MappingError, load_mapping
from .intake.run import ListError, Outcome, import_list
from .intake.table import TableError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        sys.stderr.write(f"dvk import: không tìm thấy tệp {args.file}\n")
        return EXIT_USAGE
    try:
        mapping = load_mapping(Path(args.map)) if args.map else None
    except MappingError as exc:
        sys.stderr.write(f"dvk import: {exc}\n")
        return EXIT_USAGE

    def report(row: int, message: str, error: bool) -> None:
        sys.stdout.write(f"{args.file}:{row}: {message}\n")

    try:
        out = import_list(source, Path(args.dir), default_config(), dt.date.today(), sheet=args.sheet,
                          mapping=mapping, province=args.province or "", dry_run=args.dry_run, report=report)
    except (TableError, ListError) as exc:
        sys.stderr.write(f"{args.file}: {exc}\n")
        return EXIT_ERROR
    sys.stdout.write(summary_lines(out, args.dir, args.dry_run))
    return EXIT_ERROR if out.skipped else EXIT_OK


def _rows(numbers: list[int], limit: int = 12) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f"… (thêm {len(numbers) - limit} dòng)" if len(numbers) > limit else "")


def summary_lines(out: Outcome, directory: str, dry_run: bool) -> str:
    """The closing summary: imported, already there, skipped with reasons, rows that were not models."""
    done = "Chạy thử (--dry-run): không ghi tệp nào. Sẽ nhập" if dry_run else "Đã nhập"
    lines = ["", "Tóm tắt:", f"- {done} {len(out.imported)} mô hình (hồ sơ tóm tắt) vào {directory}."]
    if out.present:
        lines.append(f"- Đã có sẵn, không ghi lại: {len(out.present)} mô hình (dòng {_rows([r for r, _ in out.present])}).")
    if out.skipped:
        lines.append(f"- Bỏ qua {len(out.skipped)} dòng có lỗi, không ghi gì cho các dòng này:")
        by_reason: dict[str, list[int]] = {}
        for row, problems in sorted(out.skipped.items()):
            for category in dict.fromkeys(p.category for p in problems):
                by_reason.setdefault(category, []).append(row)
        for category, rows in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"  - {category}: {len(rows)} dòng (dòng {_rows(rows)})")
    else:
        lines.append("- Không có dòng nào bị bỏ qua vì lỗi.")
    if out.headings:
        lines.append(f"- Không phải dòng mô hình (tiêu đề nhóm, dòng đánh số cột, dòng tổng cộng, chữ ký): "
                     f"{len(out.headings)} dòng (dòng {_rows(out.headings)}).")
    if out.blank:
        lines.append(f"- Dòng trống: {out.blank}.")
    if out.unused_columns:
        lines.append(f"- Cột không dùng: {', '.join(out.unused_columns)} (cần dùng thì ghi vào tệp ánh xạ --map).")
    if out.encoding == "cp1258":
        lines.append("- Tệp CSV được đọc theo bảng mã Windows-1258 (không phải UTF-8).")
    if out.imported and not dry_run:
        lines.append(f"Tiếp theo: dvk check {directory}")
    return "\n".join(lines) + "\n"


def arguments(cmd: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk import` (cli.py lists the command)."""
    cmd.description = ("Mỗi dòng của danh sách thành một hồ sơ tóm tắt (record: tom-tat) trong thư mục hồ sơ. "
                       "Dòng có lỗi được báo dạng TỆP:DÒNG: lỗi và không ghi gì; nhập lại lần nữa không tạo hồ sơ trùng.")
    cmd.add_argument("file", metavar="TỆP", help="Danh sách mô hình: .xlsx hoặc .csv (UTF-8 hoặc Windows-1258).")
    cmd.add_argument("--sheet", metavar="TÊN", help="Trang tính cần đọc (mặc định: trang đầu tiên).")
    cmd.add_argument("--map", metavar="ÁNH-XẠ.yaml", help="Tệp ánh xạ tiêu đề cột khác: các dòng `Tiêu đề cột: trường`.")
    cmd.add_argument("--province", metavar="TỈNH", help="Tỉnh, thành phố của các dòng không có cột tỉnh, ví dụ “Tỉnh Bến Tre”.")
    cmd.add_argument("--dir", default="content/models", metavar="THƯ-MỤC", help="Thư mục hồ sơ (mặc định: content/models).")
    cmd.add_argument("--dry-run", action="store_true", help="Chạy thử: kiểm tra và báo cáo, không ghi tệp nào.")
    return _cmd_import
