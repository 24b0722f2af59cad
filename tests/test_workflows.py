"""GitHub Actions workflows: they parse, trigger and permit what they should, and run commands that exist.

actionlint cannot be installed here (its PyPI package downloads a binary at
build time), so these checks stand in for it: the official workflow JSON
Schema (vendored by check-jsonschema, offline) plus our own rules.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from dvk_build.cli import build_parser

WORKFLOWS = Path(".github") / "workflows"
ALLOWED_COMMANDS = {"dvk", "mkdocs", "pip", "python"}
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@v\d+(\.\d+){0,2}$")


def load(root: Path, name: str) -> dict[str, Any]:
    data = yaml.safe_load((root / WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def commands(run: str) -> Iterator[list[str]]:
    """Each shell command of a `run:` block, as words (continuations joined, comments dropped)."""
    joined = re.sub(r"\\\n", " ", run)
    for line in joined.splitlines():
        for part in re.split(r"&&|\|\||;|\|", line):
            words = shlex.split(part, comments=True)
            if words:
                yield words


@pytest.fixture(scope="module")
def check_wf(project_root: Path) -> dict[str, Any]:
    return load(project_root, "check.yml")


@pytest.fixture(scope="module")
def deploy_wf(project_root: Path) -> dict[str, Any]:
    return load(project_root, "deploy.yml")


def test_workflows_match_the_official_workflow_schema(project_root: Path) -> None:
    exe = shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is a test dependency"
    files = sorted(str(p) for p in (project_root / WORKFLOWS).glob("*.yml"))
    assert len(files) == 2
    proc = subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", *files], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_runs_on_pull_requests_read_only(check_wf: dict[str, Any]) -> None:
    assert "pull_request" in check_wf["on"]
    assert "push" not in check_wf["on"]
    assert check_wf["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in check_wf["jobs"].values())


def test_check_annotates_builds_strictly_and_uploads_the_preview(check_wf: dict[str, Any]) -> None:
    runs = [s["run"].strip() for s in steps(check_wf) if "run" in s]
    assert runs == ["pip install -e .", "dvk check --format github", "mkdocs build --strict"]
    upload = [s for s in steps(check_wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "site"


def test_deploy_runs_on_push_to_main_with_least_privilege(deploy_wf: dict[str, Any]) -> None:
    assert deploy_wf["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in deploy_wf["on"]
    assert deploy_wf["permissions"] == {"contents": "read"}
    build, deploy = deploy_wf["jobs"]["build"], deploy_wf["jobs"]["deploy"]
    assert "write" not in build["permissions"].values()  # the job that runs project code cannot publish
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_deploy_builds_like_the_check(check_wf: dict[str, Any], deploy_wf: dict[str, Any]) -> None:
    # A pull request that passes must also publish: the same commands, in the same order.
    def runs(wf: dict[str, Any]) -> list[str]:
        return [s["run"].strip() for s in steps(wf) if "run" in s]

    assert runs(check_wf) == runs(deploy_wf)
    used = [s.get("uses", "").split("@")[0] for s in steps(deploy_wf)]
    assert used.index("actions/configure-pages") < used.index("actions/upload-pages-artifact")
    upload = next(s for s in steps(deploy_wf) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_uploaded_folder_is_the_site_dir(project_root: Path) -> None:
    config = (project_root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_dir:\s*(\S+)", config, re.M)
    assert (match.group(1) if match else "site").rstrip("/") == "site"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_version(project_root: Path, name: str) -> None:
    workflow = load(project_root, name)
    uses = [s["uses"] for s in steps(workflow) if "uses" in s]
    assert uses
    for ref in uses:
        assert PINNED.match(ref), f"{name}: `{ref}` is not pinned to a version tag"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_run_command_exists_here(project_root: Path, name: str) -> None:
    workflow = load(project_root, name)
    found = 0
    for step in steps(workflow):
        if "run" not in step:
            continue
        for words in commands(step["run"]):
            found += 1
            assert words[0] in ALLOWED_COMMANDS, f"{name}: unexpected command `{' '.join(words)}`"
            assert shutil.which(words[0]), f"{name}: `{words[0]}` is not installed here"
            _check_arguments(words, project_root)
    assert found >= 3


def _check_arguments(words: list[str], root: Path) -> None:
    """The command line parses with the real program's own argument parser."""
    program, args = words[0], words[1:]
    if program == "dvk":
        build_parser().parse_args(args)  # exits 2 (SystemExit) on an unknown subcommand or option
    elif program == "mkdocs":
        from mkdocs.__main__ import cli

        command = cli.get_command(cli.make_context("mkdocs", list(args), resilient_parsing=True), args[0])
        assert command is not None, f"mkdocs has no command `{args[0]}`"
        command.make_context(args[0], list(args[1:]))  # raises click.UsageError on a wrong option
    elif program == "pip":
        assert args[:1] == ["install"]
        assert (root / "pyproject.toml").is_file()
    elif program == "python":
        assert args[:1] == ["-m"], "call tools as `python -m <module>`"
        import importlib.util

        assert importlib.util.find_spec(args[1]) is not None, f"no module `{args[1]}`"


def test_command_splitter() -> None:
    run = "pip install -e . \\\n  --quiet  # why\ndvk check && mkdocs build --strict\n"
    assert list(commands(run)) == [["pip", "install", "-e", ".", "--quiet"], ["dvk", "check"], ["mkdocs", "build", "--strict"]]


def test_argument_check_catches_a_wrong_option(project_root: Path) -> None:
    import click

    with pytest.raises(SystemExit):
        _check_arguments(["dvk", "check", "--formatt", "github"], project_root)
    with pytest.raises(click.UsageError):
        _check_arguments(["mkdocs", "build", "--strictt"], project_root)


def test_issue_forms_match_github_schemas(project_root: Path) -> None:
    exe = shutil.which("check-jsonschema")
    assert exe
    folder = project_root / ".github" / "ISSUE_TEMPLATE"
    forms = sorted(str(p) for p in folder.glob("*.yml") if p.name != "config.yml")
    assert forms
    for schema, files in (("vendor.github-issue-forms", forms), ("vendor.github-issue-config", [str(folder / "config.yml")])):
        proc = subprocess.run([exe, "--builtin-schema", schema, *files], capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pull_request_template_carries_the_guideline_checklist(project_root: Path) -> None:
    text = (project_root / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in ("Bước 1", "Bước 2", "Bước 3", "Bước 4", "Bước 5", "Bước 6", "5.2.a", "5.2.b",
                   "Mẫu 2a", "hơn một nửa", "Mẫu 2b", "thẻ Căn cước"):
        assert needle in text, needle
    assert text.count("- [ ]") >= 20
