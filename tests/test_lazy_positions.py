"""Positions of values are worked out only for a dossier with a problem: one YAML compose per clean dossier."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from dvk_build.load import yamltree
from dvk_build.validate.engine import check_paths

GENERATOR = ROOT / "bench" / "generate.py"


@pytest.fixture(scope="module")
def clean_dossiers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated dossiers (all steps, both periods, re-evaluations) and the positive examples."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(GENERATOR), "80", str(out)], check=True, capture_output=True, timeout=120)
    return [out, ROOT / "tests" / "example-files" / "positive"]


def test_clean_dossiers_never_ask_for_positions(clean_dossiers: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[str] = []
    real = yaml.compose

    def counting(stream, Loader):  # type: ignore[no-untyped-def]
        composed.append(stream)
        return real(stream, Loader=Loader)

    monkeypatch.setattr(yamltree.yaml, "compose", counting)
    report = check_paths(clean_dossiers)
    assert len(report.dossiers) > 80 and report.problems == []
    # a rule that asks pos() before it has a problem to report composes every dossier a second time
    assert [d.path for d in report.dossiers if d.tree.positions] == []
    assert len(composed) == len(report.dossiers)


def test_a_problem_still_gets_its_exact_position(tmp_path: Path) -> None:
    """Worked out late, the position is still the value's own, in file lines; the message cites the other date's line."""
    lines = (ROOT / "tests" / "example-files" / "positive" / "danh-gia-lai-khi-de-nghi-cap-tren.md").read_text(
        encoding="utf-8").split("\n")
    evaluation = lines.index("evaluation:") + 2  # its `date:` line, 1-based
    re_evaluation = lines.index("re_evaluations:") + 2
    assert lines[evaluation - 1] == "  date: 2023-06-30" and lines[re_evaluation - 1] == "  - date: 2023-09-05"
    lines[re_evaluation - 1] = "  - date: 2023-06-30"  # the re-evaluation on the first evaluation's day
    target = tmp_path / "danh-gia-lai.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    found = [p for p in check_paths([target]).problems if p.code == "DVK402"]
    assert [(p.line, p.col) for p in found] == [(re_evaluation, 11)]
    assert f"(30/6/2023, dòng {evaluation})" in found[0].message


def test_a_path_under_the_folder_is_shown_without_resolving_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolving costs a system call per folder of every dossier: only for a path outside the folder."""
    from dvk_build.load.files import display_path

    (tmp_path / "models").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "models" / "link").symlink_to(tmp_path / "outside")
    monkeypatch.chdir(tmp_path)
    expected = {Path("models/a.md"): "models/a.md", tmp_path / "models" / "a.md": "models/a.md",
                Path("models/../models/a.md"): "models/a.md", Path("models/link/b.md"): "models/link/b.md",
                Path("."): ".", tmp_path / "models": "models"}
    resolved: list[Path] = []
    real = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: resolved.append(self) or real(self, strict))
    assert {p: display_path(p) for p in expected} == expected
    assert display_path(Path("models/a.md"), tmp_path / "models") == "a.md"
    assert resolved == []
    assert display_path(Path("/etc/hostname")) == "/etc/hostname" and resolved  # outside: resolved, then as given
