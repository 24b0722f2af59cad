"""The open-data files, the feed and the page `du-lieu/`, added to the site (render/extras.py calls `make`)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..children import parent_alive
from ..config import Config
from ..model import Catalogue
from ..render.site import LaterFiles, Output, Page, SiteRenderer, _meta
from ..render.text import file_size
from ..schema import build_schema
from . import csv_export, feed, json_export, xlsx_export
from .codebook import markdown_table
from .context import ExportContext, normalize_site_url
from .offload import Offloaded
from .records import model_json_path, rows

PAGE = "du-lieu/index.md"
DOSSIER_SCHEMA_PATH = "du-lieu/dossier.schema.json"


@dataclass(frozen=True)
class Download:
    """One file listed on the data page."""

    path: str
    link: str  # relative to du-lieu/
    what: str
    size: int | str  # bytes, or the marker of a file still being computed (Output.fill_sizes)


def site_url(renderer: SiteRenderer) -> str | None:
    """The site's absolute address: `site.url` of the configuration (the plugin sets it from MkDocs' `site_url`)."""
    return normalize_site_url(renderer.c.site.get("url"))


def _listed(config: Config) -> list[tuple[str, str, str]]:
    """The files the data page lists: (path, link from du-lieu/, what it holds)."""
    listed = [(csv_export.PATH, "mo-hinh.csv",
               "Bảng tính CSV: mỗi mô hình một dòng (UTF-8 có BOM, mở trực tiếp bằng Excel, LibreOffice)")]
    if xlsx_export.available():  # openpyxl is an optional extra: without it the site simply has no .xlsx
        listed.append((xlsx_export.PATH, "mo-hinh.xlsx",
                       "Tệp Excel: cùng các dòng như tệp CSV, kèm trang “Giải thích” các cột"))
    listed += [
        (json_export.PATH, "mo-hinh.json",
         "JSON: đầy đủ nhất, giữ nguyên các danh sách (chỉ tiêu, các lần công nhận, khen thưởng, nơi nhân rộng)"),
        (json_export.SCHEMA_PATH, "mo-hinh.schema.json",
         "JSON Schema mô tả tệp mo-hinh.json (và tệp JSON riêng của từng mô hình)"),
        (DOSSIER_SCHEMA_PATH, "dossier.schema.json",
         "JSON Schema của hồ sơ mô hình (phần thông tin đầu tệp mà biên tập viên soạn)"),
        (feed.PATH, "../feed.xml",
         f"Nguồn tin Atom: các mô hình mới được công nhận, mới nhất trước (tối đa {feed.LIMIT} mô hình)"),
    ]
    return listed


def _paths(catalogue: Catalogue, config: Config) -> list[str]:
    """Every file `_files` makes, in its order."""
    return [path for path, _, _ in _listed(config)] + [model_json_path(m) for m in catalogue.models]


def _files(catalogue: Catalogue, config: Config, ctx: ExportContext) -> Iterator[tuple[str, bytes]]:
    """Every file to publish, one at a time (each can be written and dropped before the next is made)."""
    table = rows(catalogue, ctx)  # computed once for CSV and Excel, as the records are for both JSON files
    recs = json_export.records(catalogue, ctx)
    yield csv_export.PATH, csv_export.render(catalogue, ctx, table)
    if xlsx_export.available():
        yield xlsx_export.PATH, xlsx_export.render(catalogue, ctx, table)
    del table
    yield json_export.PATH, json_export.dumps(json_export.document(catalogue, ctx, recs)).encode("utf-8")
    yield json_export.SCHEMA_PATH, json_export.dumps(json_export.schema(ctx), indent=2).encode("utf-8")
    yield DOSSIER_SCHEMA_PATH, (json.dumps(build_schema(config), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    yield feed.PATH, feed.render(catalogue, ctx)
    for m, rec in zip(catalogue.models, recs):
        yield model_json_path(m), json_export.dumps(json_export.model_document(m, ctx, rec), indent=2).encode("utf-8")


@dataclass(frozen=True)
class Job:
    """What the other process needs to make the files (picklable: plain data, no templates)."""

    catalogue: Catalogue
    config: Config
    ctx: ExportContext
    folder: str  # the site folder: each file is written where it is published


def write_files(job: Job) -> dict[str, int]:
    """Make every file and write it under `job.folder` (in another process, export/offload.py); their sizes."""
    expected = _paths(job.catalogue, job.config)
    sizes: dict[str, int] = {}
    parent = os.getppid()
    for path, data in _files(job.catalogue, job.config, job.ctx):
        if not parent_alive(parent):  # the build ended: its folder may be gone, do not create it again
            raise SystemExit(1)
        target = Path(job.folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sizes[path] = len(data)
    if list(sizes) != expected:  # the site registered `expected`: a file made or missed on one side only is a bug
        raise RuntimeError(f"tệp tạo ra khác danh sách đã đăng ký: {sorted(set(sizes) ^ set(expected))[:5]}")
    return sizes


def _offload(renderer: SiteRenderer, ctx: ExportContext, folder: Path) -> LaterFiles:
    """Start making the files in another process, writing straight into the site folder."""
    cat, config = renderer.catalogue, renderer.c
    job = Offloaded("dữ liệu mở (CSV, Excel, JSON, nguồn tin)", write_files, Job(cat, config, ctx, str(folder)))
    return LaterFiles(_paths(cat, config), job.result, job.cancel)


def _page(renderer: SiteRenderer, ctx: ExportContext, downloads: list[Download]) -> str:
    """The Markdown of `du-lieu/`."""
    site = renderer.c.site
    n = len(renderer.catalogue.models)
    notice = " ".join(str(site.get("illustrative_notice", "")).split())
    licence, licence_url = site.get("licence", ""), site.get("licence_url", "")
    licence_md = f"[{licence}]({licence_url})" if licence_url else licence
    generated = ctx.generated
    rows = "\n".join(f"| [{d.link.rsplit('/', 1)[-1]}]({d.link}) | {d.what} | {d.size if isinstance(d.size, str) else file_size(d.size)} |" for d in downloads)
    description = (f"Tải về {n} mô hình “Dân vận khéo” đã được công nhận dưới dạng CSV, Excel, JSON và nguồn tin Atom; "
                   "bảng mã giải thích từng cột, giấy phép và cách trích dẫn.")
    cite = (f"{site.get('name', '')} ({generated.year}). *Dữ liệu mở: các mô hình “Dân vận khéo” đã được công nhận* "
            f"[tập dữ liệu, {licence}]. Bản tạo ngày {generated.day}/{generated.month}/{generated.year}. "
            f"{ctx.absolute('du-lieu/')}")
    return f"""---
{_meta("Dữ liệu mở", description, hide=["navigation"])}
---

# Dữ liệu mở

<p class="dvk-intro">Các mô hình “Dân vận khéo” đã được công nhận trên trang này ({n} mô hình) có thể tải về để tra cứu,
thống kê, nghiên cứu hoặc đưa lên trang khác. Dữ liệu được tạo lại mỗi lần trang được xây dựng, từ chính các hồ sơ đã qua
kiểm tra; hồ sơ chưa được công nhận không có trong dữ liệu.</p>

!!! warning "Dữ liệu minh họa"
    {notice}

## Tải về

| Tệp | Nội dung | Dung lượng |
|---|---|---|
{rows}

Mỗi mô hình còn có tệp JSON riêng, tải từ trang của mô hình (liên kết “Tải dữ liệu JSON”), tại địa chỉ
`mo-hinh/<mã mô hình>/mo-hinh.json`.

## Cách đọc dữ liệu

- Mỗi dòng (CSV, Excel) hay mỗi bản ghi (JSON) là một mô hình đã được công nhận ít nhất ở một cấp; mô hình công nhận
  gần đây nhất đứng trước.
- Tên cột là đường dẫn của trường trong hồ sơ (ví dụ `holder.name` là tên chủ thể), giống nhau ở mọi dạng tệp.
  Các cột cấp cao nhất, các cấp, bước, tự đánh giá tính từ kết quả, ngày công nhận và tỉnh hiện nay do phần mềm tính
  từ hồ sơ, không nhập tay.
- Mã (cấp, lĩnh vực, giai đoạn, loại chủ thể, mức tự đánh giá) viết không dấu; ý nghĩa của từng mã ở bảng mã dưới đây.
- Ngày viết dạng NĂM-THÁNG-NGÀY (2023-07-12); số không có dấu phân cách hàng nghìn; ô trống là hồ sơ không ghi.
- Trong CSV và Excel, các giá trị của một danh sách cách nhau bởi “; ”, nhiều bản ghi trong một ô cách nhau bởi “ | ”.
  Ô văn bản bắt đầu bằng dấu =, +, - hoặc @ được thêm dấu ' ở đầu trong tệp CSV để bảng tính không coi là công thức.
- Số điện thoại, thư điện tử chỉ có khi hồ sơ xác nhận là của cơ quan; dữ liệu không chứa thông tin liên lạc riêng
  của cá nhân.

## Bảng mã

{markdown_table(renderer.c)}
## Giấy phép

Dữ liệu được chia sẻ theo giấy phép {licence_md}. Khi dùng lại, xin ghi rõ nguồn như hướng dẫn dưới đây.

## Cách trích dẫn

> {cite}

Xin trích kèm ngày tạo bản dữ liệu đã dùng: dữ liệu thay đổi mỗi khi có mô hình mới được công nhận.
"""


def make(renderer: SiteRenderer, output: Output) -> None:
    """Add the exports, the feed, both JSON Schemas, every model's JSON file and the page `du-lieu/`.

    In a site build (`renderer.offload_to`) the files are made by another process while MkDocs renders
    the pages: about a fifth of the build's time at 10,000 dossiers, most of it the Excel writer.
    """
    ctx = ExportContext(config=renderer.c, site_url=site_url(renderer))
    if renderer.offload_to is not None:
        later = _offload(renderer, ctx, renderer.offload_to)
        output.later.append(later)
        downloads = [Download(p, link, what, later.marker(p)) for p, link, what in _listed(renderer.c)]
    else:
        files = dict(_files(renderer.catalogue, renderer.c, ctx))
        output.files.update(files)
        downloads = [Download(p, link, what, len(files[p])) for p, link, what in _listed(renderer.c)]
    output.pages.append(Page(PAGE, _page(renderer, ctx, downloads)))
