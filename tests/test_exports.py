"""Open data: the CSV, JSON, Excel files and the page du-lieu/ of the built site, and `dvk export`."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from dvk_build.config import default_config
from dvk_build.export import csv_export, xlsx_export
from dvk_build.export.codebook import entries
from dvk_build.site_context import Site, site_url_from_mkdocs
from dvk_build.export.records import record, rows, table_columns
from dvk_build.schema import build_schema
from dvk_build.vietnamese import file_size
from dvk_build.validate.engine import check_paths

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = site_url_from_mkdocs(ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def shipped_report():  # type: ignore[no-untyped-def]
    """The validator's report on the shipped content (the expectations of these tests)."""
    return check_paths([ROOT / "content"], today=dt.date.today(), root=ROOT)


@pytest.fixture(scope="session")
def published_slugs(shipped_report) -> set[str]:  # type: ignore[no-untyped-def]
    from dvk_build.model import build_catalogue

    return {m.slug for m in build_catalogue(shipped_report).models}


@pytest.fixture(scope="session")
def draft_slugs(shipped_report) -> set[str]:  # type: ignore[no-untyped-def]
    """Valid dossiers with no recognition yet, read from their data (not from the catalogue)."""
    return {d.slug for d in shipped_report.valid() if not (d.data.get("recognitions") or [])}


def _csv_rows(site: Path) -> tuple[bytes, list[list[str]]]:
    raw = (site / "du-lieu" / "mo-hinh.csv").read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _run_dvk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dvk_build", *args], cwd=cwd, capture_output=True, timeout=120)


# --- CSV -------------------------------------------------------------------------------------------


def test_shipped_content_has_drafts_to_leave_out(draft_slugs: set[str], published_slugs: set[str]) -> None:
    assert draft_slugs, "the shipped content should hold at least one draft, or 'none for a draft' tests nothing"
    assert published_slugs and not draft_slugs & published_slugs


def test_csv_has_bom_crlf_and_one_row_per_published_model(built_site: Path, published_slugs: set[str],
                                                          draft_slugs: set[str]) -> None:
    raw, rows = _csv_rows(built_site)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so that Excel reads Vietnamese correctly"
    header, body = rows[0], rows[1:]
    assert header == [c.name for c in table_columns(default_config())], "stable column order"
    assert all(len(r) == len(header) for r in body)
    slugs = [r[header.index("slug")] for r in body]
    assert len(slugs) == len(set(slugs)) == len(published_slugs)
    assert set(slugs) == published_slugs
    assert not set(slugs) & draft_slugs


def test_csv_is_rfc4180(built_site: Path) -> None:
    raw, rows = _csv_rows(built_site)
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert raw.decode("utf-8-sig") == again.getvalue(), "CRLF after every record, minimal quoting"
    assert raw.endswith(b"\r\n")


def test_csv_text_is_nfc_and_readable(built_site: Path) -> None:
    text = (built_site / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig")
    assert unicodedata.is_normalized("NFC", text)
    assert "“Dân vận khéo”" in text or "Dân vận" in text


def test_csv_flattens_lists_into_readable_columns(built_site: Path, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    _, rows = _csv_rows(built_site)
    header, body = rows[0], rows[1:]
    by_slug = {r[header.index("slug")]: dict(zip(header, r)) for r in body}
    for m in shipped_catalogue.models:
        row = by_slug[m.slug]
        for r in m.recognitions:
            assert row[f"recognitions.{r.tier}.notice.number"] == r.notice_number
            assert row[f"recognitions.{r.tier}.notice.date"] == r.notice_date.isoformat()
        first = m.targets_with_results()[0]
        assert first["indicator"] in row["idea.targets"] and "→" in row["idea.targets"]
        assert row["tier_reached"] == m.tier
        assert row["url"] == f"{SITE_URL}mo-hinh/{m.slug}/"


def test_csv_neutralizes_formulas() -> None:
    assert csv_export.text_of("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert csv_export.text_of("-1 điểm") == "'-1 điểm"
    assert csv_export.text_of(-1) == "-1" and csv_export.text_of(12) == "12"
    assert csv_export.text_of(None) == "" and csv_export.text_of(True) == "true"


# --- JSON -----------------------------------------------------------------------------------------


def test_json_validates_against_its_schema(built_site: Path, published_slugs: set[str]) -> None:
    from jsonschema import Draft202012Validator

    doc = json.loads((built_site / "du-lieu" / "mo-hinh.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "du-lieu" / "mo-hinh.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=str)
    assert not errors, errors[0]
    assert doc["count"] == len(doc["models"]) == len(published_slugs)
    assert {m["slug"] for m in doc["models"]} == published_slugs
    assert doc["licence"]["name"] == default_config().site["licence"]
    dates = [m["recognized_on"] for m in doc["models"]]
    assert dates == sorted(dates, reverse=True), "newest recognition first"
    assert all(m["url"].startswith(SITE_URL or "") for m in doc["models"])


def test_json_keeps_lists_and_derived_values(built_site: Path, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((built_site / "du-lieu" / "mo-hinh.json").read_text(encoding="utf-8"))
    by_slug = {m["slug"]: m for m in doc["models"]}
    for m in shipped_catalogue.models:
        rec = by_slug[m.slug]
        assert rec["tiers"] == m.tiers and rec["tier_reached"] == m.tier and rec["stage"] == m.stage
        assert [r["notice"]["number"] for r in rec["recognitions"]] == [str(r["notice"]["number"]) for r in
                                                                        m.data["recognitions"]]
        assert rec["idea.targets"] == m.data["idea"]["targets"]
        assert rec["self_assessment_computed"] == m.computed_assessment
        assert rec["province_now"] == m.province and rec["province_at_recognition"] == m.province_at_recognition


def test_every_model_has_its_own_json_file_linked_from_its_page(built_site: Path, shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    from jsonschema import Draft202012Validator

    schema = json.loads((built_site / "du-lieu" / "mo-hinh.schema.json").read_text(encoding="utf-8"))
    one = Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/modelFile"})
    for m in shipped_catalogue.models:
        folder = built_site / "mo-hinh" / m.slug
        doc = json.loads((folder / "mo-hinh.json").read_text(encoding="utf-8"))
        one.validate(doc)
        assert doc["model"]["slug"] == m.slug
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert '<a href="mo-hinh.json">Tải dữ liệu JSON</a>' in page


def test_dossier_schema_is_published(built_site: Path) -> None:
    published = json.loads((built_site / "du-lieu" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert published == build_schema()


def test_contact_phone_and_email_only_when_official(shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    m = shipped_catalogue.models[0]
    contact = {"unit": "Ban Dân vận", "phone": "0276 3878 215", "email": "bdv@example.vn"}
    ctx = Site(config=m.config)
    private = record(dataclasses.replace(m, data={**m.data, "contact": {**contact, "official": False}}), ctx)
    official = record(dataclasses.replace(m, data={**m.data, "contact": {**contact, "official": True}}), ctx)
    assert private["contact.phone"] is None and private["contact.email"] is None
    assert private["contact.unit"] == "Ban Dân vận"
    assert official["contact.phone"] == "0276 3878 215"


# --- Excel ----------------------------------------------------------------------------------------


def _xlsx_text(value: Any) -> str:
    """An Excel cell as the CSV writes it."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_export.text_of(value)


def test_xlsx_has_the_csv_rows_bold_frozen_header(built_site: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = built_site / "du-lieu" / "mo-hinh.xlsx"
    assert path.is_file(), "XlsxWriter is a dependency, so the site publishes the Excel file"
    wb = openpyxl.load_workbook(path)
    ws = wb["Mô hình"]
    _, rows = _csv_rows(built_site)
    got = [[_xlsx_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
    assert got == rows
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert [r[0] for r in wb["Giải thích"].iter_rows(min_row=2, max_col=1, values_only=True)] == \
        [e.name for e in entries(default_config())]


def test_xlsx_keeps_formulas_links_and_numbers_as_text(shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    """Text that looks like a formula, a link or a number stays text in Excel: nothing runs, nothing is reread."""
    openpyxl = pytest.importorskip("openpyxl")
    ctx = Site(config=shipped_catalogue.config, generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    header, body = rows(shipped_catalogue, ctx)
    tricky = ['=HYPERLINK("http://x.invalid","bấm")', "https://x.invalid/a", "0912", "+84", "@SUM(A1)", "1e5"]
    body = [tricky + r[len(tricky):] for r in body[:1]]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_export.write(header, iter(body), 1, ctx)))
    cells = list(wb["Mô hình"].iter_rows(min_row=2, max_row=2))[0][: len(tricky)]
    assert [c.value for c in cells] == tricky
    assert {c.data_type for c in cells} == {"s"}
    assert not wb["Mô hình"]._hyperlinks


def test_xlsx_is_reproducible(shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openpyxl")
    ctx = Site(config=shipped_catalogue.config, generated=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
    assert xlsx_export.render(shipped_catalogue, ctx) == xlsx_export.render(shipped_catalogue, ctx)


# --- the codebook and the page du-lieu/ -------------------------------------------------------------


def test_codebook_describes_every_column_in_vietnamese() -> None:
    config = default_config()
    book = entries(config)
    names = [e.name for e in book]
    assert len(names) == len(set(names))
    assert set(c.name for c in table_columns(config)) <= set(names)
    for e in book:
        assert e.meaning and e.meaning != e.name, f"{e.name}: no Vietnamese label (config.yaml dossier: label)"
        assert unicodedata.is_normalized("NFC", e.meaning)
    by_name = {e.name: e for e in book}
    assert {code for code, _ in by_name["tier_reached"].values} == set(config.tiers)
    assert {code for code, _ in by_name["fields"].values} == set(config.fields)
    assert all(label for _, label in by_name["fields"].values)


def test_data_page_links_files_with_sizes_codebook_licence_notice(built_site: Path) -> None:
    page = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    site = default_config().site
    for name in ("mo-hinh.csv", "mo-hinh.json", "mo-hinh.schema.json", "dossier.schema.json", "mo-hinh.xlsx"):
        assert f'href="{name}"' in page
        assert (built_site / "du-lieu" / name).is_file()
    assert 'href="../feed.xml"' in page
    assert " kB</td>" in page
    # the sizes are those of the files written by the worker (the page is made after them, plugin.on_env)
    for name in ("mo-hinh.csv", "mo-hinh.xlsx"):
        assert file_size((built_site / "du-lieu" / name).stat().st_size) in page
    for e in entries(default_config()):
        assert f"<code>{e.name}</code>" in page
    assert site["licence"] in page and site["licence_url"] in page
    assert " ".join(site["illustrative_notice"].split()) in " ".join(page.split())
    assert "Cách trích dẫn" in page


# --- the command line -------------------------------------------------------------------------------


def test_cli_csv_equals_the_sites_file(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "mo-hinh.csv"
    proc = _run_dvk("export", "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_bytes() == (built_site / "du-lieu" / "mo-hinh.csv").read_bytes()


def test_cli_json_to_stdout_and_xlsx_by_extension(built_site: Path, tmp_path: Path) -> None:
    proc = _run_dvk("export", "--format", "json", "content")
    assert proc.returncode == 0, proc.stderr.decode()
    site_doc = json.loads((built_site / "du-lieu" / "mo-hinh.json").read_text(encoding="utf-8"))
    assert json.loads(proc.stdout.decode("utf-8"))["models"] == site_doc["models"]
    pytest.importorskip("openpyxl")
    out = tmp_path / "bang.xlsx"
    proc = _run_dvk("export", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_bytes()[:2] == b"PK"


def test_cli_refuses_dossiers_with_errors(tmp_path: Path) -> None:
    shipped = (ROOT / "content" / "models" / "tuyen-duong-tu-quan-ap-phu-hoa.md").read_text(encoding="utf-8")
    broken = tmp_path / "models" / "hong.md"
    broken.parent.mkdir()
    broken.write_text(shipped.replace("period: 2021-2025", "period: 1999-2000", 1), encoding="utf-8")
    out = tmp_path / "x.csv"
    proc = _run_dvk("export", "--format", "csv", "-o", str(out), str(broken.parent))
    assert proc.returncode == 1
    assert "không xuất dữ liệu vì hồ sơ còn" in proc.stderr.decode("utf-8")
    assert not out.exists() and proc.stdout == b""
