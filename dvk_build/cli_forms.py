"""`dvk forms SLUG`: the report (Mẫu 2a) and the recognition notice (Mẫu 2b) of one dossier, as Word files."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from . import report as reporting
from .cli_new import target_paths
from .config import default_config
from .forms.facts import FORMS
from .load.files import discover
from .validate.reading import load_paths
from .model import model_from
from .validate.engine import Report, check_dossier
from .validate.suggest import closest

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _cmd_forms(args: argparse.Namespace) -> int:
    models_dir = Path(args.models)
    if not models_dir.is_dir():
        sys.stderr.write(f"dvk: không tìm thấy thư mục hồ sơ: {models_dir}\n")
        return EXIT_USAGE
    forms = FORMS if args.form == "all" else (args.form,)
    if args.template and len(forms) > 1:
        sys.stderr.write("dvk: lỗi cách dùng: --template là mẫu của một văn bản; chọn thêm --form 2a hoặc --form 2b.\n")
        return EXIT_USAGE
    path = next((p for p in target_paths(models_dir, args.slug) if p.is_file()), None)  # <slug>.md, <slug>/index.md
    if path is None:
        near = closest(args.slug, sorted(item.slug for item in discover([models_dir])))
        hint = f" Có phải “{near}”?" if near else " Tên hồ sơ là tên tệp, không có đuôi .md."
        sys.stderr.write(f"dvk: không có hồ sơ “{args.slug}” trong {models_dir}.{hint}\n")
        return EXIT_USAGE
    config = default_config()
    # One dossier's own rules only: the corpus rules (references between dossiers) are `dvk check`'s to
    # report and do not change what the documents say, and checking all of content/ takes seconds at province scale.
    loaded = load_paths([path], config, dt.date.today())
    problems = list(loaded.problems)
    for ctx in loaded.dossiers:
        problems += ctx.problems + check_dossier(ctx)
    errors = [p for p in problems if p.is_error]
    if errors or not loaded.dossiers:
        reporting.write_text(Report(dossiers=loaded.dossiers, problems=problems, files=1), sys.stderr, color=False)
        sys.stderr.write(f"dvk: không tạo văn bản vì hồ sơ {path} còn {len(errors)} lỗi; sửa rồi chạy lại.\n")
        return EXIT_ERROR
    model = model_from(loaded.dossiers[0])
    if args.cap and args.cap not in model.tiers:
        known = ", ".join(model.tiers) or "chưa được công nhận cấp nào"
        sys.stderr.write(f"dvk: hồ sơ “{model.slug}” không có lần công nhận cấp “{args.cap}” ({known}).\n")
        return EXIT_USAGE
    from .forms.documents import FormSet, TemplateProblem, forms_of  # docxtpl and lxml: only for this command

    if args.form == "all" and model.summary_record:
        forms = forms_of(model)
        sys.stderr.write("dvk: hồ sơ tóm tắt từ danh sách của tỉnh không có nội dung Bước 1-4 để lập báo cáo Mẫu 2a; "
                         "chỉ tạo thông báo Mẫu 2b (muốn có Mẫu 2a để trống, chọn --form 2a).\n")

    try:
        templates = FormSet.load(config, forms, root=Path("."), override=Path(args.template) if args.template else None)
        files = templates.fill(model, args.cap)
    except TemplateProblem as exc:
        sys.stderr.write(f"dvk: {exc}\n")
        return EXIT_USAGE
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
        sys.stderr.write(f"dvk: đã ghi {out / name}\n")
    if not model.recognitions:
        sys.stderr.write("dvk: hồ sơ chưa được công nhận: số, ngày thông báo và cơ quan công nhận để trống (……).\n")
    return EXIT_OK


def arguments(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk forms` (cli.py lists the command)."""
    p.description = ("Điền báo cáo kết quả xây dựng mô hình (Mẫu 2a) và thông báo công nhận (Mẫu 2b) từ hồ sơ, "
                     "thành tệp Word (.docx). Điều hồ sơ không ghi được để trống bằng dấu “……”. Mẫu mặc định của dvk "
                     "soạn theo thể thức văn bản của Đảng; tỉnh dùng mẫu chính thức của mình bằng --template hoặc "
                     "forms.templates trong config.yaml (placeholder: docs/forms.md).")
    p.add_argument("slug", metavar="MÃ-HỒ-SƠ", help="Tên tệp hồ sơ, không có .md (ví dụ tuyen-duong-xanh-phu-hoa).")
    p.add_argument("--form", choices=[*FORMS, "all"], default="all", help="Văn bản cần tạo (mặc định: cả hai).")
    p.add_argument("-o", "--output", metavar="THƯ-MỤC", default=".", help="Thư mục ghi tệp (mặc định: thư mục hiện tại).")
    p.add_argument("--template", metavar="TỆP.docx", help="Mẫu Word của tỉnh cho văn bản chọn bằng --form.")
    p.add_argument("--cap", metavar="CẤP",
                   help="Lần công nhận ở cấp này (co-so, huyen, tinh...; mặc định: cấp cao nhất đã công nhận).")
    p.add_argument("--models", metavar="THƯ-MỤC", default="content/models", help="Thư mục hồ sơ (mặc định: content/models).")
    return _cmd_forms
