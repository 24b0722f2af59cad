"""The pre-commit hooks run `dvk check` in a temporary repository: pass on a good dossier, fail on a bad one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

EXAMPLE = Path("content/models/tuyen-duong-tu-quan-ap-phu-hoa.md")
TIMEOUT = 600  # first use of `language: python` builds a virtualenv from the local index


# try-repo commits into a shadow clone, so git needs an identity even on a bare CI machine.
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def _env(home: Path) -> dict[str, str]:
    # PRE_COMMIT_HOME: never touch the user's pre-commit cache.
    return {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60, env={**os.environ, **GIT_IDENTITY})


def _pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("pre-commit")
    assert exe, "pre-commit is a test dependency"
    return subprocess.run([exe, *args, "--color", "never"], cwd=repo, env=_env(home), capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def _good(root: Path) -> str:
    return (root / EXAMPLE).read_text(encoding="utf-8")


def _bad(root: Path) -> str:
    # 3 of 15 is not "more than half" of a Party committee (DVK315), and an unknown key (DVK101).
    old = "vote: {date: 2023-07-10, body_kind: ban-chap-hanh, members: 15, present: 15, in_favor: 14}"
    assert old in _good(root)
    text = _good(root).replace(old, old.replace("in_favor: 14", "in_favor: 3"))
    return text.replace("period: 2021-2025\n", "period: 2021-2025\nperoid: 2021-2025\n", 1)


@pytest.fixture()
def unit_repo(tmp_path: Path, project_root: Path) -> Path:
    """A unit's own repository with one good dossier, committed."""
    repo = tmp_path / "don-vi"
    (repo / "content" / "models").mkdir(parents=True)
    (repo / "content/models/tot.md").write_text(_good(project_root), encoding="utf-8")
    (repo / "README.md").write_text("Kho hồ sơ của đơn vị.\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "init")
    return repo


def _add_bad(repo: Path, root: Path) -> None:
    (repo / "content/models/sai.md").write_text(_bad(root), encoding="utf-8")
    _git(repo, "add", "content/models/sai.md")


def test_bad_fixture_really_is_bad(project_root: Path) -> None:
    assert _bad(project_root) != _good(project_root)
    assert "in_favor: 3}" in _bad(project_root) and "peroid:" in _bad(project_root)


def test_hook_manifest_declares_dvk_check(project_root: Path) -> None:
    hooks = yaml.safe_load((project_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "dvk-check")
    assert hook["entry"] == "dvk check" and hook["language"] == "python"
    assert hook["files"] == r"^content/models/.*\.md$"


def test_manifest_and_config_are_valid_for_pre_commit(project_root: Path, tmp_path: Path) -> None:
    exe = shutil.which("pre-commit")
    assert exe
    for sub, name in (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")):
        proc = subprocess.run([exe, sub, name], cwd=project_root, capture_output=True, text=True, timeout=120,
                              env=_env(tmp_path / "home"), stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_own_config_passes_good_fails_bad_and_skips_other_files(unit_repo: Path, project_root: Path, tmp_path: Path) -> None:
    shutil.copy(project_root / ".pre-commit-config.yaml", unit_repo / ".pre-commit-config.yaml")
    _git(unit_repo, "add", ".pre-commit-config.yaml")  # pre-commit refuses an unstaged config
    home = tmp_path / "home"

    ok = _pre_commit(unit_repo, home, "run", "dvk-check", "--all-files")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout

    skipped = _pre_commit(unit_repo, home, "run", "dvk-check", "--files", "README.md")
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout

    _add_bad(unit_repo, project_root)
    failed = _pre_commit(unit_repo, home, "run", "dvk-check", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "content/models/sai.md" in failed.stdout and "DVK315" in failed.stdout and "DVK101" in failed.stdout
    assert "content/models/tot.md:" not in failed.stdout  # the good dossier stays clean


def _head(root: Path) -> str | None:
    proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=60)
    return proc.stdout.strip() if proc.returncode == 0 else None


def test_published_hook_through_try_repo(unit_repo: Path, project_root: Path, tmp_path: Path) -> None:
    """What a unit gets: pre-commit installs dvk (`language: python`) from this repository and runs it."""
    head = _head(project_root)
    if head is None:
        pytest.skip("the project is not a git checkout")
    home = tmp_path / "home"
    # --ref HEAD: the committed hook, as a unit pinning a tag would get it; one environment for both runs.
    args = ("try-repo", str(project_root), "dvk-check", "--ref", head, "--all-files")

    ok = _pre_commit(unit_repo, home, *args)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    _add_bad(unit_repo, project_root)
    failed = _pre_commit(unit_repo, home, *args)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "content/models/sai.md" in failed.stdout and "DVK315" in failed.stdout
