"""What the site offers for download (exports, feed, schemas) and the page `du-lieu/` that lists them."""

from __future__ import annotations

import io
import os
from contextlib import closing, contextmanager
from typing import Any, Callable, ContextManager, Iterator, TextIO

from ..model import Catalogue, Model
from ..schema import build_schema
from ..site_context import Output, Page, Site, SiteContext, front_matter
from ..vietnamese import file_size
from ..workers import SiteFolder, read_spool
from . import csv_export, feed, json_export, xlsx_export, xlsx_readable
from .codebook import markdown_table
from .records import in_record, json_columns, model_json_path, record, row_of_record, table_columns

PAGE = "du-lieu/index.md"
DOSSIER_SCHEMA_PATH = "du-lieu/dossier.schema.json"
# The files the data page lists: (path, link from du-lieu/, what it holds).
_LISTED = [
    (csv_export.PATH, "mo-hinh.csv",
     "Bảng tính CSV: mỗi mô hình một dòng (UTF-8 có BOM, mở trực tiếp bằng Excel, LibreOffice)"),
    (xlsx_readable.PATH, "mo-hinh-de-doc.xlsx",
     "Tệp Excel để đọc: cột tiếng Việt, tên đầy đủ thay cho mã, số tiền và ngày tháng định dạng sẵn, "
     "lọc được theo cấp, lĩnh vực, tỉnh"),
    (xlsx_export.PATH, "mo-hinh.xlsx", "Tệp Excel cho phần mềm: cùng các dòng như tệp CSV, kèm trang “Giải thích” các cột"),
    (json_export.PATH, "mo-hinh.json",
     "JSON: đầy đủ nhất, giữ nguyên các danh sách (chỉ tiêu, các lần công nhận, khen thưởng, nơi nhân rộng)"),
    (json_export.SCHEMA_PATH, "mo-hinh.schema.json",
     "JSON Schema mô tả tệp mo-hinh.json (và tệp JSON riêng của từng mô hình)"),
    (DOSSIER_SCHEMA_PATH, "dossier.schema.json",
     "JSON Schema của hồ sơ mô hình (phần thông tin đầu tệp mà biên tập viên soạn)"),
    (feed.PATH, "../feed.xml",
     f"Nguồn tin Atom: các mô hình mới được công nhận, mới nhất trước (tối đa {feed.LIMIT} mô hình)"),
]


def model_file_paths(catalogue: Catalogue) -> list[str]:
    """The files made from every model (`_stream_model_files`): the tables, then one JSON file per model."""
    tables = [csv_export.PATH, xlsx_export.PATH, xlsx_readable.PATH, json_export.PATH]
    return tables + [model_json_path(m) for m in catalogue.models]


def small_files(catalogue: Catalogue, ctx: Site) -> dict[str, bytes]:
    """The schemas and the feed: quick to make in the build (the feed reads the newest models only)."""
    return {
        json_export.SCHEMA_PATH: json_export.dumps(json_export.schema(ctx), indent=2).encode("utf-8"),
        DOSSIER_SCHEMA_PATH: json_export.dumps(build_schema(ctx.config), indent=2).encode("utf-8"),
        feed.PATH: feed.render(catalogue, ctx),
    }


def write_model_files(site: Site, folder: str, count: int, spool: str, build: int) -> dict[str, int]:
    """Every file made from the models of `spool` (workers.py), written under the site folder; each one's size.

    A worker's job: it runs while MkDocs renders the pages, and stops once the build process `build` has ended.
    """
    sizes: dict[str, int] = {}
    with closing(SiteFolder(folder, build)) as out:

        def put(path: str, data: bytes) -> None:
            sizes[path] = out.write(path, data)

        @contextmanager
        def text(path: str) -> Iterator[TextIO]:
            with open(out.open(path), "w", encoding="utf-8", newline="") as f:
                yield f
                f.flush()
                sizes[path] = os.fstat(f.fileno()).st_size

        _stream_model_files(site, count, read_spool(spool), text, put)
    return sizes


def model_json(m: Model, ctx: Site, rec: dict[str, Any] | None = None) -> tuple[str, bytes]:
    """Where one model's own JSON file goes, and its bytes (`rec`: its record, when already made)."""
    return model_json_path(m), json_export.dumps(json_export.model_document(m, ctx, rec), indent=2).encode("utf-8")


def model_files(catalogue: Catalogue, ctx: Site) -> dict[str, bytes]:
    """The same files in memory (a site rendered without a folder: tests, fuzzing)."""
    files: dict[str, bytes] = {}

    @contextmanager
    def text(path: str) -> Iterator[TextIO]:
        out = io.StringIO(newline="")
        yield out
        files[path] = out.getvalue().encode("utf-8")

    _stream_model_files(ctx, len(catalogue.models), iter(catalogue.models), text, files.__setitem__)
    return files


def _stream_model_files(ctx: Site, count: int, models: Iterator[Model],
                        text: Callable[[str], ContextManager[TextIO]], put: Callable[[str, bytes], None]) -> None:
    """CSV, Excel, the catalogue JSON and each model's JSON in one pass over `models`, one model held at a time.

    `text(path)` opens a text file to write, `put(path, data)` writes a whole file.
    """
    table_cols, json_cols = table_columns(ctx.config), json_columns(ctx.config)
    header = [c.name for c in table_cols]
    shared = in_record(table_cols, json_cols)
    written = 0
    with text(csv_export.PATH) as csv_out, text(json_export.PATH) as json_out:
        table = csv_export.start(csv_out, header)
        head, tail = json_export.document_ends(ctx, count)
        json_out.write(head)
        readable = xlsx_readable.ReadableWorkbook(ctx, count)

        def table_rows() -> Iterator[list[Any]]:
            """Each model's row; on the way, its JSON record, its own file, its CSV and readable rows are written."""
            nonlocal written
            for m in models:
                rec = record(m, ctx, json_cols)
                json_out.write(("," if written else "") + json_export.dumps_record(rec))
                put(*model_json(m, ctx, rec))
                values = row_of_record(rec, m, ctx, table_cols, shared)
                csv_export.write_row(table, values)
                readable.add(values)
                written += 1
                yield values

        # the workbook pulls the rows: one pass writes every file
        put(xlsx_export.PATH, xlsx_export.write(header, table_rows(), count, ctx))
        put(xlsx_readable.PATH, readable.close())
        json_out.write(tail)
    if written != count:  # the workbook's filter range and the JSON's count were written for `count`
        raise RuntimeError(f"nhận {written} mô hình, cần {count}")


def data_page(context: SiteContext, sizes: dict[str, int]) -> Page:
    """The page `du-lieu/`, listing each file with its size (`sizes`: bytes by path): made once the files exist."""
    ctx = context.site
    site = ctx.config.site
    n = len(context.catalogue.models)
    licence, licence_url = site.get("licence", ""), site.get("licence_url", "")
    licence_md = f"[{licence}]({licence_url})" if licence_url else licence
    generated = ctx.generated
    rows = "\n".join(f"| [{link.rsplit('/', 1)[-1]}]({link}) | {what} | {file_size(sizes[path])} |"
                     for path, link, what in _LISTED)
    description = (f"Tải về {n} mô hình “Dân vận khéo” đã được công nhận dưới dạng CSV, Excel, JSON và nguồn tin Atom; "
                   "bảng mã giải thích từng cột, giấy phép và cách trích dẫn.")
    cite = (f"{site.get('name', '')} ({generated.year}). *Dữ liệu mở: các mô hình “Dân vận khéo” đã được công nhận* "
            f"[tập dữ liệu, {licence}]. Bản tạo ngày {generated.day}/{generated.month}/{generated.year}. "
            f"{ctx.absolute('du-lieu/')}")
    return Page(PAGE, f"""---
{front_matter("Dữ liệu mở", description, hide=["navigation"])}
---

# Dữ liệu mở

<p class="dvk-intro">Các mô hình “Dân vận khéo” đã được công nhận trên trang này ({n} mô hình) có thể tải về để tra cứu,
thống kê, nghiên cứu hoặc đưa lên trang khác. Dữ liệu được tạo lại mỗi lần trang được xây dựng, từ chính các hồ sơ đã qua
kiểm tra; hồ sơ chưa được công nhận không có trong dữ liệu.</p>

!!! warning "Dữ liệu minh họa"
    {ctx.notice}

## Tải về

| Tệp | Nội dung | Dung lượng |
|---|---|---|
{rows}

Mỗi mô hình còn có tệp JSON riêng, tải từ trang của mô hình (liên kết “Tải dữ liệu JSON”), tại địa chỉ
`mo-hinh/<mã mô hình>/mo-hinh.json`.

## Cách đọc dữ liệu

- Để đọc và lọc trong Excel, hãy tải tệp **mo-hinh-de-doc.xlsx**: tên cột bằng tiếng Việt, tên đầy đủ thay cho mã,
  số tiền có dấu phân cách hàng nghìn, ngày dạng ngày/tháng/năm. Các ghi chú dưới đây là cho các tệp dành cho
  phần mềm (CSV, mo-hinh.xlsx, JSON), có tên cột và mã không đổi giữa các lần cập nhật.
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

{markdown_table(ctx.config)}
## Giấy phép

Dữ liệu được chia sẻ theo giấy phép {licence_md}. Khi dùng lại, xin ghi rõ nguồn như hướng dẫn dưới đây.

## Cách trích dẫn

> {cite}

Xin trích kèm ngày tạo bản dữ liệu đã dùng: dữ liệu thay đổi mỗi khi có mô hình mới được công nhận.
""")


def outputs(ctx: SiteContext) -> Output:
    """Every download and the data page, made here in memory (a site rendered without a folder: tests, fuzzing).

    A site build makes the same files with `small_files`, `write_model_files` (a worker) and `data_page`.
    """
    out = Output(files={**small_files(ctx.catalogue, ctx.site), **model_files(ctx.catalogue, ctx.site)})
    out.pages.append(data_page(ctx, {path: len(data) for path, data in out.files.items()}))
    return out
