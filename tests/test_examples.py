"""Example dossiers through the CLI: positives pass clean, each negative reports exactly its problems.

The cases live as real files under tests/example-files/: `positive/` (dossiers and bundles that
must pass with no problem at all) and `negative/` with `negative/expected.yaml`, which lists for
each case every problem `dvk check --format json` must report (code, line, column).
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from dvk_build import cli
from dvk_build.config import CONFIG_PATH, load_config
from dvk_build.validate import engine
from dvk_build.validate.registry import RULES

EXAMPLES = ROOT / "tests" / "example-files"
POSITIVE = EXAMPLES / "positive"
NEGATIVE = EXAMPLES / "negative"
EXPECTED: dict[str, Any] = yaml.safe_load((NEGATIVE / "expected.yaml").read_text(encoding="utf-8"))
CASE_CODE_RE = re.compile(r"^dvk(\d{3})[-_]")


def positive_cases() -> list[str]:
    """Single-file dossiers and bundle folders under positive/."""
    files = [p.name for p in POSITIVE.glob("*.md")]
    bundles = [p.name for p in POSITIVE.iterdir() if (p / "index.md").is_file()]
    return sorted(files + bundles)


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in patch.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def run_check(case_dir: Path, target: str, *options: str) -> tuple[int, dict[str, Any]]:
    """`dvk check --format json [options] target`, run from case_dir; (exit status, parsed output)."""
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(["check", "--format", "json", *options, target])
    return rc, json.loads(out.getvalue())


def _split_case(name: str) -> tuple[Path, str]:
    """(folder to run from, path to check) for a negative case."""
    path = NEGATIVE / name
    if path.is_dir():
        return path, "index.md" if (path / "index.md").is_file() else "."
    return NEGATIVE, name


def _spec(name: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    entry = EXPECTED[name]
    if isinstance(entry, dict):
        return entry["problems"], entry.get("config")
    return entry, None


@pytest.fixture
def case_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Install a configuration patched for one case (the CLI has no option for it)."""

    def install(patch: dict[str, Any]) -> None:
        raw = _merge(yaml.safe_load(CONFIG_PATH.read_text(encoding="utf-8")), patch)
        path = tmp_path / "config.yaml"
        path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        config = load_config(path)
        monkeypatch.setattr(engine, "default_config", lambda: config)

    return install


@pytest.mark.parametrize("case", positive_cases())
def test_positive_example_passes_clean(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(POSITIVE)
    target = f"{case}/index.md" if (POSITIVE / case).is_dir() else case
    for options in ((), ("--strict",)):
        rc, payload = run_check(POSITIVE, target, *options)
        assert payload["problems"] == [], payload["problems"]
        assert rc == 0 and payload["files"] == 1


def test_positive_folder_passes_as_a_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(POSITIVE)
    rc, payload = run_check(POSITIVE, ".", "--strict")
    assert (rc, payload["problems"], payload["files"]) == (0, [], len(positive_cases()))


def test_positives_cover_the_brief() -> None:
    """A draft, a full collective, an individual, a 2026-2030 model at `xa`, a bundle with attachments."""
    data = []
    for case in positive_cases():
        path = POSITIVE / case / "index.md" if (POSITIVE / case).is_dir() else POSITIVE / case
        data.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))
    assert any(not d.get("recognitions") for d in data)
    assert any(d["holder"]["kind"] == "tap-the" and d.get("awards") and d.get("replication") for d in data)
    assert any(d["holder"]["kind"] == "ca-nhan" and d.get("recognitions") for d in data)
    assert any(d["period"] == "2026-2030" and [r["tier"] for r in d.get("recognitions", [])] == ["xa"] for d in data)
    assert any(d.get("attachments") for d in data)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_negative_example_reports_exactly_its_problems(case: str, monkeypatch: pytest.MonkeyPatch, case_config) -> None:  # type: ignore[no-untyped-def]
    expected, patch = _spec(case)
    if patch:
        case_config(patch)
    folder, target = _split_case(case)
    monkeypatch.chdir(folder)
    rc, payload = run_check(folder, target)
    shown = "\n".join(f"{p['path']}:{p['line']}:{p['col']}: {p['code']} {p['message']}" for p in payload["problems"])
    assert sorted((p["code"], p["line"]) for p in payload["problems"]) == sorted((e["code"], e["line"]) for e in expected), shown
    got = {(p["code"], p["line"], p["col"]) for p in payload["problems"]}
    for e in expected:
        if "col" in e:  # a column is compared where the expectation gives one
            assert (e["code"], e["line"], e["col"]) in got, shown
    for e in expected:
        if "file" in e:
            assert any(p["code"] == e["code"] and p["path"] == e["file"] for p in payload["problems"]), payload["problems"]
    has_error = any(RULES[e["code"]].severity.value == "error" for e in expected)
    assert rc == (1 if has_error else 0)
    rc_strict, _ = run_check(folder, target, "--strict")
    assert rc_strict == 1


def test_every_case_has_its_files_and_names_its_code() -> None:
    on_disk = {p.name for p in NEGATIVE.iterdir() if p.name != "expected.yaml"}
    assert on_disk == set(EXPECTED), "cases on disk and in expected.yaml differ"
    for case in EXPECTED:
        m = CASE_CODE_RE.match(case)
        assert m, f"{case}: a case name starts with its code (dvkNNN-...)"
        codes = {e["code"] for e in _spec(case)[0]}
        assert f"DVK{m.group(1)}" in codes, f"{case} does not report the code it is named after"


def test_every_registered_rule_has_a_negative_case() -> None:
    covered = {f"DVK{m.group(1)}" for case in EXPECTED if (m := CASE_CODE_RE.match(case))}
    missing = sorted(set(RULES) - covered)
    assert not missing, f"rules without a negative example in tests/example-files/negative/: {missing}"
