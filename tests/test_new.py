"""`dvk new`: the scaffold validates, never waits without a terminal, never overwrites."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from dvk_build import cli_new
from dvk_build.config import default_config
from dvk_build.schema import SCHEMA_ID, build_schema

DVK = shutil.which("dvk") or "dvk"
TIMEOUT = 60  # generous on a shared 2-core machine; a prompt waiting for input would hit it


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # stdin=DEVNULL: no terminal, so the command must never prompt or block.
    return subprocess.run([DVK, *args], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)


def front_matter(text: str) -> tuple[list[str], dict]:
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return lines[1:end], yaml.safe_load("\n".join(lines[1:end]))


@pytest.mark.parametrize("period", ["2021-2025", "2026-2030"])
@pytest.mark.parametrize("kind", ["tap-the", "ca-nhan"])
def test_scaffold_passes_dvk_check_without_problems(tmp_path: Path, kind: str, period: str) -> None:
    made = run(["new", "mo-hinh-thu", "--holder-kind", kind, "--period", period,
                "--title", "Tuyến đường “Sáng - Xanh”: thử", "--field", "bon-khong"], tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / "content" / "models" / "mo-hinh-thu.md"
    assert path.is_file()

    checked = run(["check", "--format", "json", "content"], tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["files"] == 1
    # a draft: no error; only the hints `dvk new` left to fill are recalled (DVK108, warnings)
    assert report["problems"] and {p["code"] for p in report["problems"]} == {"DVK108"}, report["problems"]

    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    lines, data = front_matter(text)
    assert lines[0].startswith("# yaml-language-server: $schema=")
    assert data["holder"]["kind"] == kind and data["period"] == period
    assert data["title"] == "Tuyến đường “Sáng - Xanh”: thử"
    assert data["fields"] == ["bon-khong"]
    assert set(data["criteria"]) == {c.key for c in default_config().criteria[kind]}


def test_scaffold_has_every_section_of_the_schema(tmp_path: Path) -> None:
    assert run(["new", "day-du", "--field", "kinh-te"], tmp_path).returncode == 0
    _, data = front_matter((tmp_path / "content/models/day-du.md").read_text(encoding="utf-8"))
    props = build_schema()["properties"]
    assert set(data) == set(props)
    # Every object section lists all its keys, so editors see what exists.
    for section, value in data.items():
        if isinstance(value, dict) and section != "criteria":
            assert set(value) == set(props[section]["properties"]), section


def test_every_field_line_has_a_vietnamese_comment(tmp_path: Path) -> None:
    assert run(["new", "chu-thich", "--field", "kinh-te"], tmp_path).returncode == 0
    lines, _ = front_matter((tmp_path / "content/models/chu-thich.md").read_text(encoding="utf-8"))
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            key = line.split(":", 1)[0].strip()
            # A list-valued key is explained by the comment block just above it.
            if key in {"targets", "monitoring", "results", "recognitions", "awards", "sites", "attachments", "criteria", "idea",
                       "rollout", "evaluation", "replication", "monitoring_plan", "follow_up", "re_evaluations"}:
                continue
            assert "  # " in line, f"no comment on: {line}"


def test_empty_values_are_null_and_required_ones_carry_the_placeholder(tmp_path: Path) -> None:
    assert run(["new", "rong", "--field", "kinh-te"], tmp_path).returncode == 0
    _, data = front_matter((tmp_path / "content/models/rong.md").read_text(encoding="utf-8"))
    assert data["idea"]["problem"] is None and data["monitoring"] is None and data["recognitions"] is None
    assert data["summary"].startswith(cli_new.PLACEHOLDER)
    assert data["locality"]["province"].startswith(cli_new.PLACEHOLDER)


def test_without_terminal_and_without_slug_exits_2_in_vietnamese(tmp_path: Path) -> None:
    proc = run(["new"], tmp_path)
    assert proc.returncode == 2
    assert "thiếu tên tệp" in proc.stderr
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("bad", ["Tuyến Đường", "tuyen_duong", "tuyen-duong.md", "cuoi-", "a--b"])
def test_invalid_slug_exits_2_with_a_suggestion(tmp_path: Path, bad: str) -> None:
    proc = run(["new", bad], tmp_path)
    assert proc.returncode == 2
    assert "không hợp lệ" in proc.stderr
    assert not (tmp_path / "content").exists()


def test_invalid_slug_suggests_the_ascii_form(tmp_path: Path) -> None:
    assert "Gợi ý: tuyen-duong" in run(["new", "Tuyến Đường"], tmp_path).stderr


def test_without_terminal_uses_defaults_and_says_which_field_it_guessed(tmp_path: Path) -> None:
    proc = run(["new", "mac-dinh"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "--field" in proc.stderr
    _, data = front_matter((tmp_path / "content/models/mac-dinh.md").read_text(encoding="utf-8"))
    assert data["holder"]["kind"] == "tap-the"
    assert data["period"] == cli_new.current_period(default_config(), dt.date.today())


@pytest.mark.parametrize("existing", ["taken.md", "taken/index.md"])
def test_refuses_to_overwrite_a_file_or_a_bundle(tmp_path: Path, existing: str) -> None:
    target = tmp_path / "content" / "models" / existing
    target.parent.mkdir(parents=True)
    target.write_text("---\ntitle: cũ\n---\n", encoding="utf-8")
    proc = run(["new", "taken", "--title", "Mới"], tmp_path)
    assert proc.returncode == 1
    assert "không ghi đè" in proc.stderr
    assert target.read_text(encoding="utf-8") == "---\ntitle: cũ\n---\n"
    assert sorted(p.name for p in (tmp_path / "content/models").iterdir()) == [Path(existing).parts[0]]


def test_field_outside_the_period_is_a_usage_error(tmp_path: Path) -> None:
    # All periods share the fields today; a config where they differ must still be caught.
    config = default_config()
    period = next(iter(config.periods.values()))
    args = _args(tmp_path, slug="x", period=period.slug, field=["khong-co"])
    with pytest.raises(cli_new.NewError) as err:
        cli_new.gather(args, config, dt.date.today(), None)
    assert err.value.code == 2


def test_modeline_points_at_the_committed_schema_inside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "dossier.schema.json").write_text("{}", encoding="utf-8")
    assert run(["new", "co-schema", "--field", "kinh-te"], tmp_path).returncode == 0
    lines, _ = front_matter((tmp_path / "content/models/co-schema.md").read_text(encoding="utf-8"))
    # yaml-language-server resolves a relative modeline from the file's own folder.
    assert lines[0] == "# yaml-language-server: $schema=../../schema/dossier.schema.json"


def test_modeline_falls_back_to_the_published_url(tmp_path: Path) -> None:
    assert cli_new.schema_ref(tmp_path / "content" / "models") == SCHEMA_ID


def test_repository_scaffold_refers_to_the_repository_schema(project_root: Path) -> None:
    ref = cli_new.schema_ref(project_root / "content" / "models")
    assert (project_root / "content" / "models" / ref).resolve() == (project_root / "schema/dossier.schema.json").resolve()


def _args(tmp_path: Path, **kw: object) -> argparse.Namespace:
    base = dict(slug=None, title=None, holder_kind=None, period=None, field=None, dir=str(tmp_path / "m"), schema=None)
    base.update(kw)
    return argparse.Namespace(**base)


def test_on_a_terminal_it_asks_for_what_is_missing(tmp_path: Path) -> None:
    answers = iter(["tu-quan", "Tổ tự quản", "2", "1", "9", "1, bon-khong"])  # "9" is refused, then asked again
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    got = cli_new.gather(_args(tmp_path), default_config(), dt.date(2026, 11, 26), ask)
    assert got == cli_new.Answers("tu-quan", "Tổ tự quản", "ca-nhan", "2021-2025", ("kinh-te", "bon-khong"))
    assert len(asked) == 6
    assert all(unicodedata.is_normalized("NFC", p) for p in asked)


def test_on_a_terminal_enter_keeps_the_defaults(tmp_path: Path) -> None:
    got = cli_new.gather(_args(tmp_path, slug="a"), default_config(), dt.date(2026, 11, 26), lambda _p: "")
    assert (got.title, got.kind, got.period, got.fields) == ("", "tap-the", "2026-2030", ("kinh-te",))


def test_given_flags_mean_no_questions(tmp_path: Path) -> None:
    def ask(prompt: str) -> str:
        raise AssertionError(f"asked: {prompt}")

    args = _args(tmp_path, slug="b", title="T", holder_kind="tap-the", period="2026-2030", field=["kinh-te"])
    assert cli_new.gather(args, default_config(), dt.date.today(), ask).slug == "b"


def test_taken_slug_is_refused_before_other_questions(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "co-roi.md").write_text("x", encoding="utf-8")
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "co-roi"

    with pytest.raises(cli_new.NewError) as err:
        cli_new.gather(_args(tmp_path), default_config(), dt.date.today(), ask)
    assert err.value.code == 1 and len(asked) == 1


def test_no_prompt_function_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class NotATty:
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdin", NotATty())
    assert cli_new._terminal_ask() is None


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Tuyến đường tự quản “Sáng - Xanh”", "tuyen-duong-tu-quan-sang-xanh"), ("Đội Dân vận 04 không", "doi-dan-van-04-khong")],
)
def test_slugify(title: str, slug: str) -> None:
    assert cli_new.slugify(title) == slug


# Copies of the scaffold for editors on GitHub's web editor, who cannot run `dvk new`.
WEB_TEMPLATES = Path(".github") / "mau-ho-so"
WEB_CASES = [(k, p) for k in ("tap-the", "ca-nhan") for p in ("2021-2025", "2026-2030")]


def _web_template(kind: str, period: str, made: dt.date) -> str:
    config = default_config()
    answers = cli_new.Answers(slug="x", title="", kind=kind, period=period, fields=(config.periods[period].fields[0],))
    # They are pasted into content/models/, two folders below the schema, like .github/mau-ho-so/ itself.
    return cli_new.render(answers, config, made, "../../schema/dossier.schema.json", "content/models/<tên-tệp>.md")


@pytest.mark.parametrize(("kind", "period"), WEB_CASES)
def test_web_templates_are_the_current_scaffold(project_root: Path, kind: str, period: str) -> None:
    """Regenerate with `DVK_REGENERATE_TEMPLATES=1 pytest tests/test_new.py` after changing the template."""
    path = project_root / WEB_TEMPLATES / f"{kind}-{period}.md"
    if os.environ.get("DVK_REGENERATE_TEMPLATES") == "1":
        path.write_text(_web_template(kind, period, dt.date.today()), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    made = re.search(r"tạo ngày (\d{4}-\d{2}-\d{2})", text)
    assert made, "the header records the day the template was made"
    assert text == _web_template(kind, period, dt.date.fromisoformat(made.group(1))), \
        "stale: run DVK_REGENERATE_TEMPLATES=1 pytest tests/test_new.py"


def test_web_templates_pass_dvk_check_once_copied(project_root: Path, tmp_path: Path) -> None:
    models = tmp_path / "content" / "models"
    models.mkdir(parents=True)
    for kind, period in WEB_CASES:
        shutil.copy(project_root / WEB_TEMPLATES / f"{kind}-{period}.md", models / f"mau-{kind}-{period}.md")
    proc = run(["check", "--format", "json", "content"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"] == 4 and {p["code"] for p in report["problems"]} == {"DVK108"}


def test_on_a_terminal_a_bad_slug_is_asked_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["Tuyến đường", "", "tuyen-duong"])
    args = _args(tmp_path, title="T", holder_kind="tap-the", period="2026-2030", field=["kinh-te"])
    got = cli_new.gather(args, default_config(), dt.date.today(), lambda _p: next(answers))
    assert got.slug == "tuyen-duong"
    err = capsys.readouterr().err
    assert "Gợi ý: tuyen-duong" in err and "thiếu tên tệp" in err
