"""Hostile and unusual input (issue 11): each defect found by an adversarial run, replayed.

Each test failed before its fix. The dossiers are the shipped one with one value changed; the
checks go through `dvk check` (in process) and, where the defect was in the build, a real
`mkdocs build` of a temporary project.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHIPPED_DOSSIER, make_dvk_project
from dvk_build import cli
from dvk_build.export.csv_export import text_of
from dvk_build.site_context import front_matter as _meta
from dvk_build.validate import text_scan
from dvk_build.validate.engine import check_paths

SHIPPED = SHIPPED_DOSSIER.read_text(encoding="utf-8")


def with_value(old: str, new: str, text: str = SHIPPED) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def check(tmp: Path, files: dict[str, str | bytes], *options: str) -> tuple[int, str]:
    """`dvk check [options] tmp` in process: (exit status, output)."""
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(["check", *options, str(tmp)])
    return rc, out.getvalue()


def codes(tmp: Path, text: str) -> list[tuple[str, int]]:
    (tmp / "mau.md").write_text(text, encoding="utf-8")
    report = check_paths([tmp / "mau.md"], root=tmp)
    return [(p.code, p.line) for p in report.errors]


def set_block(key: str, line: str, text: str = SHIPPED) -> str:
    """The text with the top-level `key:` and its indented continuation replaced by `line`."""
    lines = text.split("\n")
    start = next(i for i, x in enumerate(lines) if x.startswith(key + ":"))
    end = start + 1
    while lines[end].startswith("  "):
        end += 1
    return "\n".join(lines[:start] + [line] + lines[end:])


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def mkdocs_build(config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), *extra],
                          cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)


# --- 1. sizes: the check enforces limits, the build never fails on what it accepted ----------------


def test_huge_summary_is_refused_at_its_line(tmp_path: Path) -> None:
    text = set_block("summary", 'summary: "' + "Nội dung rất dài. " * 8000 + '"')
    found = codes(tmp_path, text)
    assert ("DVK105", line_of(text, "summary:")) in found, found


def test_ten_thousand_targets_are_refused(tmp_path: Path) -> None:
    targets = "".join(f"    - {{id: t{i}, indicator: Chỉ tiêu {i}, target: {i}}}\n" for i in range(10_000))
    text = with_value("  targets:\n", "  targets:\n" + targets)
    rc, out = check(tmp_path, {"mau.md": text})
    assert rc == 1
    assert "DVK105" in out or "DVK002" in out, out[-2000:]


def test_the_longest_values_the_check_accepts_build(tmp_path: Path) -> None:
    """Every text at its limit, every list at its limit: `dvk check` passes, so must the build."""
    from dvk_build.validate.limits import LONG_TEXT_MAX

    long = ("Người dân cùng làm, cùng hưởng; " * 400)[: LONG_TEXT_MAX - 1].strip() + "."
    text = set_block("summary", f'summary: "{long}"')
    activities = "".join(f"      - Hoạt động số {i} " + "tuyên truyền, vận động " * 10 + "\n" for i in range(60))
    text = with_value("    activities:\n", "    activities:\n" + activities, text)
    (tmp_path / "c").mkdir()
    rc, out = check(tmp_path / "c", {"mau.md": text})
    assert rc == 0, out
    config = make_dvk_project(tmp_path / "p", {"mau.md": text})
    proc = mkdocs_build(config)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "p/site/du-lieu/mo-hinh.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["summary"] == long


# --- 2. text outside the Basic Multilingual Plane --------------------------------------------------


def test_generated_front_matter_keeps_non_bmp_text() -> None:
    title = "Mô hình 𡨸 chữ Nôm 😀"
    meta = yaml.safe_load(str(_meta(title, "Tóm tắt 𡨸\u2028dòng\x85hai")))
    assert meta["title"] == title
    assert meta["description"].startswith("Tóm tắt 𡨸")


def test_non_bmp_title_is_published_as_the_page_title(tmp_path: Path) -> None:
    title = "Tuyến đường tự quản 𡨸 ấp Phú Hòa"
    text = with_value("title: Tuyến đường tự quản “Sáng - Xanh - Sạch - Đẹp” ấp Phú Hòa", f"title: {title}")
    config = make_dvk_project(tmp_path, {"mau.md": text})
    proc = mkdocs_build(config)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = (tmp_path / "site/mo-hinh/mau/index.html").read_text(encoding="utf-8")
    assert f"<title>{title} - " in page
    assert "title: " not in page and "\\ud" not in page


# --- 3, 4. numbers: finite and bounded --------------------------------------------------------


@pytest.mark.parametrize("value", ["1.0e+400", ".inf", "-.inf", ".nan", "1e309"])
def test_non_finite_number_is_refused(tmp_path: Path, value: str) -> None:
    text = with_value("actual: 118", f"actual: {value}")
    line = line_of(text, "actual: " + value)
    assert {c for c, n in codes(tmp_path, text) if n == line} & {"DVK006", "DVK102"}


def test_four_hundred_digit_amount_is_refused(tmp_path: Path) -> None:
    text = with_value("amount_vnd: 15000000", "amount_vnd: " + "9" * 400)
    found = codes(tmp_path, text)
    assert {("DVK105", line_of(text, "amount_vnd: 9")), ("DVK006", line_of(text, "amount_vnd: 9"))} & set(found), found


def test_huge_float_target_is_refused(tmp_path: Path) -> None:
    text = with_value("target: 110", "target: 1.0e+300")
    assert ("DVK105", line_of(text, "target: 1.0e+300")) in codes(tmp_path, text)


# --- 5, 6. what reaches a terminal or a CI log ----------------------------------------------------


def test_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    # a value that messages quote (an invalid choice), with a screen clear, hidden text and a bell
    text = with_value("period: 2021-2025", 'period: "2021\\e[2J\\e[8m\\a-2025"')
    for fmt in ("text", "github", "json"):
        rc, out = check(tmp_path, {"mau.md": text}, "--format", fmt)
        assert rc == 1
        assert "\x1b" not in out and "\x07" not in out, fmt
    rc, out = check(tmp_path, {"mau.md": text})
    assert "DVK103" in out and "2021\\x1b[2J\\x1b[8m\\x07-2025" in out, out


def test_file_name_with_a_line_break_cannot_forge_a_line(tmp_path: Path) -> None:
    name = "x\n::error file=gia.md,line=1::gia mao.md"
    rc, out = check(tmp_path, {name: SHIPPED}, "--format", "github")
    assert rc == 1
    assert not any(line.startswith("::error file=gia.md") for line in out.splitlines()), out
    rc, out = check(tmp_path, {name: SHIPPED})
    assert "DVK008" in out and "\\n" in out
    assert all(not line.startswith("::error") for line in out.splitlines())


# --- 10. formulas in the CSV ------------------------------------------------------------------


@pytest.mark.parametrize("value", [" =1+1", "＝HYPERLINK(\"http://x\")", "\n=1+1", "\u00a0@SUM(A1)", "－1+1", "＋1", "＠x"])
def test_formula_looking_cell_is_guarded(value: str) -> None:
    assert text_of(value).startswith("'"), value


def test_formula_after_a_list_join_is_guarded() -> None:
    cell = text_of("Hội Nông dân xã; =HYPERLINK(\"http://x\",\"bấm\")")
    assert "; '=HYPERLINK" in cell
    cell = text_of("2023: kiểm tra | =cmd|' /C calc'!A0")
    assert "| '=cmd" in cell


def test_ordinary_text_is_not_guarded() -> None:
    assert text_of("Xã Phú An; Xã Tân Tây") == "Xã Phú An; Xã Tân Tây"
    assert text_of("3-5 hộ") == "3-5 hộ"


# --- 7. personal data in the forms the adversarial run slipped through --------------------------

PII_SLIPPED: list[tuple[str, str]] = [
    ("DVK502", "Chị Lan, căn cước 079-186-001-234, là tổ trưởng."),
    ("DVK502", "Hồ sơ kèm số 079 186 001 234 của chủ hộ."),
    ("DVK503", "Người dân nhắn Zalo 84912345678 của tổ trưởng."),
    ("DVK503", "Liên hệ tổ trưởng qua số (091) 234 5678."),
    ("DVK504", "Gửi ảnh về nguyenthilan1986 at gmail dot com nhé."),
    ("DVK505", "Tổ họp tại nhà chị Lan ở 45 Nguyễn Huệ mỗi tối thứ bảy."),
]


@pytest.mark.parametrize("i", range(len(PII_SLIPPED)))
def test_personal_data_variants_are_caught(tmp_path: Path, i: int) -> None:
    code, sentence = PII_SLIPPED[i]
    text = with_value("## Bài học\n", f"## Bài học\n\n{sentence}\n")
    assert (code, line_of(text, sentence)) in codes(tmp_path, text)


@pytest.mark.parametrize("field,value,code", [
    ("phone", "0912 345 678", "DVK503"),
    ("email", "chi.lan.1986@gmail.com", "DVK504"),
])
def test_official_contact_that_is_a_persons_is_caught(tmp_path: Path, field: str, value: str, code: str) -> None:
    old = "phone: 0276 3878 215" if field == "phone" else "email: bandanvan.chauthanh@tayninh.dcs.vn"
    text = with_value(old, f"{field}: {value}")
    assert "official: true" in text
    assert (code, line_of(text, f"{field}: {value}")) in codes(tmp_path, text)


def test_no_personal_data_alarm_on_shipped_and_generated_dossiers(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import generate  # bench/generate.py

    generate.main(["300", str(tmp_path / "gen"), "--seed", "11"]) if hasattr(generate, "main") else \
        subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "300", str(tmp_path / "gen")], check=True)
    pii = {"DVK502", "DVK503", "DVK504", "DVK505"}
    for folder in (ROOT / "content", tmp_path / "gen"):
        report = check_paths([folder], root=folder)
        alarms = [p for p in report.problems if p.code in pii]
        assert not alarms, alarms[:5]


# --- 8, 9. the body: Markdown and allowed tags render, other hosts' images are refused ------------

BODY_MARKUP = """
> trích dẫn lời Bí thư Chi bộ

Diện tích 200 m<sup>2</sup>, nồng độ CO<sub>2</sub> giảm; <abbr title="Ủy ban nhân dân">UBND</abbr> xã hỗ trợ.

Xem [Cổng thông tin tỉnh](https://tayninh.gov.vn/tin-tuc) và [trang quy tắc](../../quy-tac/).
"""


def test_allowed_markdown_and_tags_render_and_links_out_are_noopener(tmp_path: Path) -> None:
    text = with_value("## Bài học\n", "## Bài học\n" + BODY_MARKUP)
    (tmp_path / "c").mkdir()
    rc, out = check(tmp_path / "c", {"mau.md": text})
    assert rc == 0, out
    config = make_dvk_project(tmp_path / "p", {"mau.md": text})
    proc = mkdocs_build(config)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = (tmp_path / "p/site/mo-hinh/mau/index.html").read_text(encoding="utf-8")
    assert "<blockquote>" in page and "trích dẫn lời Bí thư" in page
    assert "m<sup>2</sup>" in page and "CO<sub>2</sub>" in page
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr>' in page
    assert "&lt;sup&gt;" not in page and "&gt; trích" not in page
    assert '<a href="https://tayninh.gov.vn/tin-tuc" rel="noopener noreferrer">' in page
    assert '<a href="../../quy-tac/">' in page


@pytest.mark.parametrize("markup", [
    "![Ảnh tuyến đường](https://other.host/p.png)",
    '<img src="https://other.host/p.png" alt="ảnh">',
    "![Ảnh][anh]\n\n[anh]: //other.host/p.png",
    # an unclosed `![` before it: its text ran on to the image's `]` and took the wrong name (issue 12)
    "Dấu ![ lẻ ![anh]\n\n[anh]: //other.host/p.png",
])
def test_image_from_another_host_is_refused(tmp_path: Path, markup: str) -> None:
    text = with_value("## Bài học\n", f"## Bài học\n\n{markup}\n")
    found = codes(tmp_path, text)
    assert ("DVK512", line_of(text, markup.split("\n")[-1] if "[anh]:" in markup else markup)) in found, found


def test_image_of_the_bundle_passes(tmp_path: Path) -> None:
    text = with_value("## Bài học\n", "## Bài học\n\n![Ảnh tuyến đường](anh.png)\n")
    assert not [c for c, _ in codes(tmp_path, text) if c == "DVK512"]


# --- 5 (rule). invisible characters; 2 (policy). emoji ---------------------------------------------


@pytest.mark.parametrize("escape", ["\\u202e", "\\u2066", "\\u200b", "\\u2060", "\\x9b", "\\ufeff"])
def test_invisible_characters_in_a_value_are_refused(tmp_path: Path, escape: str) -> None:
    text = with_value("name: Chi hội Phụ nữ ấp Phú Hòa", f'name: "Chi hội {escape}Phụ nữ ấp Phú Hòa"')
    assert ("DVK510", line_of(text, "name: \"Chi hội")) in codes(tmp_path, text)


def test_bidi_override_in_the_body_is_refused_at_its_column(tmp_path: Path) -> None:
    text = with_value("## Bài học\n", "## Bài học\n\nTệp báo cáo \u202egpj.exe\n")
    assert ("DVK510", line_of(text, "Tệp báo cáo")) in codes(tmp_path, text)


def test_emoji_is_a_warning_and_chu_nom_is_not(tmp_path: Path) -> None:
    text = with_value("title: Tuyến đường", "title: 😀 Tuyến đường 𡨸")
    (tmp_path / "mau.md").write_text(text, encoding="utf-8")
    report = check_paths([tmp_path / "mau.md"], root=tmp_path)
    assert [(p.code, p.line) for p in report.warnings] == [("DVK511", line_of(text, "title:"))]
    assert not report.errors


# --- 13. names that look like dossiers ------------------------------------------------------------


def test_dot_dot_md_and_a_folder_named_md_are_reported(tmp_path: Path) -> None:
    (tmp_path / "models/x.md").mkdir(parents=True)
    (tmp_path / "models/x.md/ghi-chu.txt").write_text("không phải hồ sơ", encoding="utf-8")
    (tmp_path / "models/..md").write_text(SHIPPED, encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(["check", str(tmp_path)])
    assert rc == 1, out.getvalue()
    assert "models/x.md:1:1: DVK008" in out.getvalue() and "models/..md:1:1: DVK008" in out.getvalue()


def test_failed_first_build_does_not_claim_an_old_site(tmp_path: Path) -> None:
    config = make_dvk_project(tmp_path, {"mau.md": SHIPPED.replace("period: 2021-2025", "period: 1990")})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "dvk_build", "build", "-f", str(config)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert "giữ nguyên" not in proc.stderr and "chưa có trang" in proc.stderr, proc.stderr[-1500:]


# --- found by bench/hostile.py ----------------------------------------------------------------------


def test_a_phone_or_an_id_typed_as_the_official_mailbox_is_caught(tmp_path: Path) -> None:
    """`official: true` excused any personal data in contact.email, not only a unit's mailbox."""
    text = with_value("email: bandanvan.chauthanh@tayninh.dcs.vn", "email: 'SĐT: 086-555-1234'")
    assert ("DVK503", line_of(text, "email: 'SĐT")) in codes(tmp_path, text)
    text = with_value("email: bandanvan.chauthanh@tayninh.dcs.vn", "email: CMND 025123456")
    assert ("DVK502", line_of(text, "email: CMND")) in codes(tmp_path, text)


def test_a_file_name_too_long_for_the_site_is_refused(tmp_path: Path) -> None:
    """A 240-character slug passed the check, then the build failed writing `<slug>-mau-2a…` files."""
    rc, out = check(tmp_path, {"x" * 240 + ".md": SHIPPED})
    assert rc == 1 and "DVK008" in out and "quá giới hạn 100 ký tự" in out


def test_a_refused_file_with_a_line_break_in_its_name_is_not_valid(tmp_path: Path) -> None:
    """Problems show the path escaped; Report.valid() compared it raw and took the dossier for valid."""
    (tmp_path / "a\nb.md").write_text(SHIPPED, encoding="utf-8")
    report = check_paths([tmp_path], root=tmp_path)
    assert report.errors and report.valid() == []


# --- found by review (issue 12): a scan whose work grew with the square of the tags ----------------

# Units repeated to make a body of many tags, each inside the one before it (no `>` until the end).
TAG_FLOODS = ["<a title=", '<a title="<b title=', "<img alt=<img ", "<a href=x "]


@pytest.mark.parametrize("unit", TAG_FLOODS)
def test_tags_inside_a_tag_share_its_attributes_instead_of_reading_them_again(
        unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `<tag` is judged on its own, so one in another's span re-read the whole rest of the text:
    `<a title=` 2,000 times (18 KB) took 19 s, 20,000 times hours. Each attribute is now judged once
    for each tag name, and what it decides still reaches every tag whose span holds it."""
    calls = 0
    judge = text_scan._check_attr

    def counted(*args: str | None) -> str | None:
        nonlocal calls
        calls += 1
        return judge(*args)

    monkeypatch.setattr(text_scan, "_check_attr", counted)
    text = unit * 400
    tags = {m.start() for m in re.finditer("<[a-z]", text)}
    plain = text_scan.unsafe_findings(text + ">")
    assert calls <= 4 * len(tags), calls  # was a quarter of the tags squared
    calls = 0
    # a handler at the end is inside every tag's span: each tag not refused before is refused for it
    found = text_scan.unsafe_findings(text + " onclick=alert(1)>")
    assert calls <= 4 * len(tags), calls
    assert {f.offset for f in plain} <= tags == {f.offset for f in found}
    assert tags - {f.offset for f in plain} <= {f.offset for f in found if "onclick" in f.what}


@pytest.mark.parametrize("flood", ["1. " * 1000, "- 1. " * 300, "[" * 3000, "![" * 2000, "[a](" * 1500],
                         ids=["1.", "- 1.", "[", "![", "[a]("])
def test_a_body_the_markdown_converter_cannot_render_is_refused_where_it_starts(tmp_path: Path, flood: str) -> None:
    """These passed `dvk check`; then `mkdocs build` stopped with a RecursionError (the lists) or read the
    paragraph once per open mark (`[` 20,000 times: 80 s), and no dossier of the site was published."""
    text = SHIPPED + "\nMở đầu.\n\n" + flood + "cuối.\n"
    assert ("DVK513", line_of(text, flood)) in codes(tmp_path, text)


def test_what_the_markup_rule_lets_through_renders() -> None:
    """The limits sit well below where Python-Markdown fails: lists nested MAX_DEPTH deep by markers and by
    indentation render, and so does a paragraph of open marks just under MAX_READ."""
    import markdown

    from dvk_build.validate.rules import dvk513_markup_too_deep as rule

    by_markers = "1. " * rule.MAX_DEPTH + "a\n"
    by_indent = "".join("    " * i + "- a\n" for i in range(rule.MAX_DEPTH))
    open_marks = "[" * int((2 * rule.MAX_READ) ** 0.5 - 2)
    for body in (by_markers, by_indent, open_marks):
        assert max(map(rule.depth, body.split("\n"))) <= rule.MAX_DEPTH and rule.read_length(body) <= rule.MAX_READ
        assert "<" in markdown.markdown(body, extensions=["toc", "tables", "attr_list", "admonition"])
