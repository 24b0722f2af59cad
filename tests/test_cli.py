"""The `dvk` command line end to end: exit codes, output formats, hostile input, and `dvk schema`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from dvk_build.load.source import decode, split

EXAMPLES = ROOT / "tests" / "example-files"
POSITIVE = EXAMPLES / "positive"
NEGATIVE = EXAMPLES / "negative"
FULL = POSITIVE / "hien-dat-mo-duong-xa-long-thanh.md"
GITHUB_LINE_RE = re.compile(
    r"^::(error|warning) file=[^,:]+,line=[1-9]\d*,col=[1-9]\d*,title=DVK\d{3} [a-z0-9-]+::\S.*$"
)


def dvk(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh process (no GITHUB_ACTIONS inherited unless given)."""
    base = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "dvk_build", *args], cwd=cwd, env={**base, **(env or {})},
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr


def problems(proc: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert_no_traceback(proc)
    return json.loads(proc.stdout)["problems"]


# --- exit codes -----------------------------------------------------------------------------


def test_exit_0_on_a_valid_dossier() -> None:
    proc = dvk("check", str(FULL))
    assert proc.returncode == 0, proc.stdout
    assert "không có lỗi" in proc.stdout


def test_exit_1_on_an_error() -> None:
    proc = dvk("check", str(NEGATIVE / "dvk315-vote-below-rule.md"))
    assert proc.returncode == 1
    assert "DVK315" in proc.stdout


@pytest.mark.parametrize("args", [
    ("check", "--nope"),
    ("check", "--format", "xml", "x.md"),
    ("check", "khong-co-tep-nay.md"),
    ("lenh-khong-co",),
    (),
])
def test_exit_2_on_a_usage_error(args: tuple[str, ...]) -> None:
    proc = dvk(*args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert_no_traceback(proc)


# argparse's English that must never reach an editor (help headings, its default help, its errors).
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help message",
                    "error:", "invalid choice", "choose from", "unrecognized arguments", "expected one argument",
                    "the following arguments are required", "argument ")


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("schema", "--help"), ("new", "--help"),
                                  ("export", "--help"), ("rules", "--help"), ("build", "--help")])
def test_help_is_vietnamese(args: tuple[str, ...]) -> None:
    proc = dvk(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Cách dùng: dvk")
    assert "Tùy chọn:" in proc.stdout and "-h, --help  " in proc.stdout and "In hướng dẫn này rồi thoát." in proc.stdout
    assert [w for w in ARGPARSE_ENGLISH if w in proc.stdout] == []


@pytest.mark.parametrize("args, message", [
    (("check", "--nope"), "không hiểu tham số: --nope"),
    (("check", "--format", "xml", "x.md"), "tham số --format: giá trị không hợp lệ: 'xml' (chọn một trong"),
    (("lenh-khong-co",), "tham số LỆNH: giá trị không hợp lệ: 'lenh-khong-co' (chọn một trong 'check'"),
    (("export", "-o"), "tham số -o/--output: cần một giá trị"),
])
def test_argparse_errors_are_vietnamese(args: tuple[str, ...], message: str) -> None:
    proc = dvk(*args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("Cách dùng: dvk")
    assert f"dvk: lỗi cách dùng: {message}" in proc.stderr
    assert [w for w in ARGPARSE_ENGLISH if w in proc.stderr] == []


def test_every_known_argparse_message_is_translated() -> None:
    """Each template read back: placeholders filled, nothing English left (the table itself is checked)."""
    from dvk_build.cli_vietnamese import MESSAGES, translate

    samples = {"argument_name": "--x", "message": "expected one argument", "value": "'v'", "choices": "'a', 'b'",
               "type": "int", "option": "--o", "matches": "--oa, --ob", "filename": "f", "error": "e",
               "parser_name": "'p'"}
    for english in MESSAGES:
        filled = english % samples if "%(" in english else english.replace("%s", "3").replace("%r", "'v'")
        vietnamese = translate(filled)
        assert vietnamese != filled and "%" not in vietnamese, english
    assert translate("argument --x: expected one argument") == "tham số --x: cần một giá trị"
    assert translate("a message argparse does not have") == "a message argparse does not have"


def test_missing_path_is_named_in_vietnamese() -> None:
    proc = dvk("check", str(FULL), "khong-co-tep-nay.md")
    assert proc.returncode == 2
    assert "không tìm thấy" in proc.stderr and "khong-co-tep-nay.md" in proc.stderr


def test_strict_makes_warnings_fail() -> None:
    warning_only = str(NEGATIVE / "dvk306-notice-number-format.md")
    assert dvk("check", warning_only).returncode == 0
    assert dvk("check", "--strict", warning_only).returncode == 1
    assert dvk("check", "--strict", str(FULL)).returncode == 0


# --- formats --------------------------------------------------------------------------------


def test_json_format_parses_and_counts() -> None:
    proc = dvk("check", "--format", "json", str(NEGATIVE / "dvk101-unknown-key.md"), str(FULL))
    payload = json.loads(proc.stdout)
    assert payload["files"] == 2 and payload["errors"] == 2 and payload["warnings"] == 0
    assert {p["code"] for p in payload["problems"]} == {"DVK101", "DVK104"}
    keys = {"path", "line", "col", "code", "name", "severity", "message", "hint"}
    assert all(set(p) == keys for p in payload["problems"])


def test_github_format_shape() -> None:
    proc = dvk("check", "--format", "github", str(NEGATIVE / "dvk101-unknown-key.md"),
               str(NEGATIVE / "dvk407-target-without-result.md"))
    lines = proc.stdout.rstrip("\n").split("\n")
    annotations, summary = lines[:-1], lines[-1]
    assert len(annotations) == 3
    assert all(GITHUB_LINE_RE.match(line) for line in annotations), annotations
    assert any(line.startswith("::warning ") for line in annotations)
    assert "file=" + str(NEGATIVE / "dvk101-unknown-key.md").replace(str(ROOT) + "/", "") in proc.stdout
    assert "line=5,col=1" in proc.stdout
    assert summary.startswith("Đã kiểm tra 2 hồ sơ")


def test_github_format_is_chosen_on_github_actions() -> None:
    case = str(NEGATIVE / "dvk315-vote-below-rule.md")
    auto = dvk("check", case, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error file=")
    assert auto.stdout == dvk("check", "--format", "github", case).stdout
    assert dvk("check", "--format", "text", case, env={"GITHUB_ACTIONS": "true"}).stdout.startswith(case.replace(str(ROOT) + "/", ""))


def test_text_format_is_nfc_vietnamese_and_grouped_by_file() -> None:
    files = [NEGATIVE / "dvk202-missing-criterion-evidence.md", NEGATIVE / "dvk503-personal-phone.md"]
    proc = dvk("check", "--format", "text", *map(str, files), env={"NO_COLOR": "1"})
    out = proc.stdout
    assert unicodedata.is_normalized("NFC", out)
    assert "\033[" not in out  # no colour when not on a terminal
    assert re.search(r"^tests/example-files/negative/dvk202-missing-criterion-evidence\.md:86:3: DVK202 \[lỗi\] Thiếu minh chứng", out, re.M)
    assert "    Cách sửa: " in out
    assert "\n\ntests/example-files/negative/dvk503-personal-phone.md:" in out  # a blank line between files
    assert out.rstrip().endswith("Đã kiểm tra 2 hồ sơ: 2 lỗi, 0 cảnh báo.")


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    """Never stops at the first problem, nor at the first broken file."""
    text = FULL.read_text(encoding="utf-8")
    many = (text.replace("fields: [kinh-te, xay-dung-he-thong-chinh-tri]", "fields: [kinh-te, an-ninh]")
                .replace("members: 15, present: 9, in_favor: 8}", "members: 15, present: 9, in_favor: 16}")
                .replace("  self_assessment: vuot\n", "  self_assessment: bang\n")
                .replace("    scope: huyen\n", "    scope: co-so\n"))
    (tmp_path / "nhieu-loi.md").write_text(many, encoding="utf-8")
    (tmp_path / "rong.md").write_text("", encoding="utf-8")
    (tmp_path / "sai-cu-phap.md").write_text("---\ntitle: a: b\n---\n", encoding="utf-8")
    (tmp_path / "hop-le.md").write_text(text, encoding="utf-8")
    found = problems(dvk("check", "--format", "json", str(tmp_path)))
    by_file: dict[str, set[object]] = {}
    for p in found:
        by_file.setdefault(Path(str(p["path"])).name, set()).add(p["code"])
    assert by_file == {
        "nhieu-loi.md": {"DVK103", "DVK305", "DVK406", "DVK303"},
        "rong.md": {"DVK002"},
        "sai-cu-phap.md": {"DVK007"},
    }


# --- hostile input: a diagnostic with file, line and column, never a traceback ----------------

HOSTILE: dict[str, tuple[bytes, str]] = {
    "rong.md": (b"", "DVK002"),
    "chi-khoang-trang.md": (b"  \n\n\t\n", "DVK002"),
    "khong-phai-utf8.md": ("---\ntitle: Mô hình\n---\n".encode("cp1258", errors="replace") + b"\xff\xfe", "DVK001"),
    "utf16.md": ("---\ntitle: Mô hình\n---\n".encode("utf-16"), "DVK001"),
    "thieu-front-matter.md": ("# Mô hình\n\nNội dung.\n".encode(), "DVK003"),
    "front-matter-khong-dong.md": ("---\ntitle: Mô hình\nperiod: 2021-2025\n".encode(), "DVK003"),
    "loi-yaml.md": ("---\ntitle: Mô hình\n  period: [2021\n---\n".encode(), "DVK007"),
    "front-matter-la-danh-sach.md": ("---\n- title\n- period\n---\n".encode(), "DVK102"),
    "front-matter-la-chu.md": ("---\nchỉ một dòng chữ\n---\n".encode(), "DVK102"),
    "front-matter-rong.md": (b"---\n---\nNoi dung\n", "DVK104"),
    "byte-nul.md": (b"---\ntitle: M\x00\n---\n", "DVK007"),
    "tab.md": (b"---\ntitle: x\n\tperiod: 2021-2025\n---\n", "DVK007"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gets_a_diagnostic(tmp_path: Path, name: str) -> None:
    raw, code = HOSTILE[name]
    (tmp_path / name).write_bytes(raw)
    proc = dvk("check", "--format", "json", name, cwd=tmp_path)
    found = problems(proc)
    assert proc.returncode == 1
    assert code in {p["code"] for p in found}, found
    assert all(p["path"] == name and int(p["line"]) >= 1 and int(p["col"]) >= 1 for p in found)
    text = dvk("check", name, cwd=tmp_path)
    assert_no_traceback(text)
    assert f"{name}:" in text.stdout


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + FULL.read_bytes().replace(b"\n", b"\r\n")
    (tmp_path / "bom-crlf.md").write_bytes(raw)
    proc = dvk("check", "--format", "json", "--strict", "bom-crlf.md", cwd=tmp_path)
    assert (proc.returncode, problems(proc)) == (0, [])


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    case = NEGATIVE / "dvk315-vote-below-rule.md"
    (tmp_path / "bom-crlf.md").write_bytes(b"\xef\xbb\xbf" + case.read_bytes().replace(b"\n", b"\r\n"))
    found = problems(dvk("check", "--format", "json", "bom-crlf.md", cwd=tmp_path))
    assert [(p["code"], p["line"], p["col"]) for p in found] == [("DVK315", 100, 92)]


def test_nfd_file_is_accepted_and_normalized(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", FULL.read_text(encoding="utf-8"))
    assert nfd != FULL.read_text(encoding="utf-8")
    (tmp_path / "nfd.md").write_text(nfd, encoding="utf-8")
    proc = dvk("check", "--format", "json", "--strict", "nfd.md", cwd=tmp_path)
    assert (proc.returncode, problems(proc)) == (0, [])
    # a message quoting a value quotes it composed (NFC)
    bad = nfd.replace("members: 15, present: 15, in_favor: 15}", "members: mười lăm, present: 15, in_favor: 15}")
    (tmp_path / "nfd-loi.md").write_text(bad, encoding="utf-8")
    proc = dvk("check", "--format", "json", "nfd-loi.md", cwd=tmp_path)
    [problem] = problems(proc)
    assert "`mười lăm`" in str(problem["message"]) and unicodedata.is_normalized("NFC", proc.stdout)


def test_nfd_data_reaches_rules_composed(tmp_path: Path) -> None:
    from dvk_build.validate.engine import check_paths

    (tmp_path / "nfd.md").write_text(unicodedata.normalize("NFD", FULL.read_text(encoding="utf-8")), encoding="utf-8")
    [ctx] = check_paths([tmp_path / "nfd.md"]).dossiers
    assert ctx.data["title"] == unicodedata.normalize("NFC", ctx.data["title"])
    assert "Vận động Nhân dân" in ctx.data["title"] and "Cách làm" in ctx.body


# --- dvk schema ------------------------------------------------------------------------------


class _YamlNoTimestamps(yaml.SafeLoader):
    """YAML as JSON Schema tools read it: dates stay text (YAML 1.2 core schema)."""


_YamlNoTimestamps.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path: Path) -> object:
    return yaml.load(split(decode(path.read_bytes())).front_matter, Loader=_YamlNoTimestamps)


@pytest.fixture(scope="module")
def exported_schema() -> dict[str, object]:
    proc = dvk("schema")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_schema_is_valid_draft_2020_12(exported_schema: dict[str, object]) -> None:
    assert exported_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(exported_schema)
    assert exported_schema["title"] == "Hồ sơ mô hình “Dân vận khéo”"


def test_schema_written_to_a_file(tmp_path: Path, exported_schema: dict[str, object]) -> None:
    assert dvk("schema", "-o", str(tmp_path / "s.json")).returncode == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == exported_schema


def _dossiers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("path", _dossiers(POSITIVE) + _dossiers(ROOT / "content" / "models"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_front_matter_validates_with_jsonschema(path: Path, exported_schema: dict[str, object]) -> None:
    validator = jsonschema.Draft202012Validator(exported_schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(front_matter(path))]
    assert not errors, errors


def test_schema_refuses_what_the_form_rules_refuse(exported_schema: dict[str, object]) -> None:
    validator = jsonschema.Draft202012Validator(exported_schema)
    for case in ("dvk101-unknown-key.md", "dvk103-invalid-value.md", "dvk104-missing-field.md", "dvk105-invalid-format.md"):
        assert not validator.is_valid(front_matter(NEGATIVE / case)), case


def test_check_dot_inside_a_bundle_checks_that_bundle() -> None:
    bundle = NEGATIVE / "dvk507-attachment-invalid"
    proc = dvk("check", "--format", "json", ".", cwd=bundle)
    assert proc.returncode == 1
    assert [(p["path"], p["code"]) for p in problems(proc)] == [("index.md", "DVK507")]
    good = POSITIVE / "khu-pho-an-toan-phuong-ninh-son"
    assert json.loads(dvk("check", "--format", "json", str(good)).stdout)["files"] == 1
