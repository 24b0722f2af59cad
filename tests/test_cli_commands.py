"""The command table: every command listed and runnable, each module imported only when its command runs."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from dvk_build import cli

# Written out here, not read from cli.COMMANDS: a command dropped from the table must fail this test.
EXPECTED = ["check", "schema", "new", "export", "rules", "build", "import", "forms"]
DOSSIER = ROOT / "tests" / "example-files" / "positive" / "hien-dat-mo-duong-xa-long-thanh.md"


def run(*code: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_dvk_help_lists_every_command() -> None:
    proc = run("-m", "dvk_build", "--help")
    assert proc.returncode == 0, proc.stderr
    listed = [line.split()[0] for line in proc.stdout.split("Lệnh:")[1].splitlines()[2:] if line.startswith("    ") and
              not line.startswith("      ")]
    assert listed == EXPECTED


def test_every_command_module_is_in_the_table() -> None:
    """A `cli_*.py` module that defines arguments is a command: it must be listed (else it is unreachable)."""
    modules = {p.stem for p in (ROOT / "dvk_build").glob("cli_*.py")
               if "def arguments(" in p.read_text(encoding="utf-8")}
    assert modules == {c.module for c in cli.COMMANDS.values()}


@pytest.mark.parametrize("name", EXPECTED)
def test_every_command_imports_and_has_its_arguments(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = cli.build_parser([name])
    with pytest.raises(SystemExit) as stop:
        parser.parse_args([name, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Cách dùng: dvk {name} ") and "-h, --help" in out


def test_the_full_parser_imports_every_command() -> None:
    parser = cli.build_parser()
    for name in EXPECTED:
        assert callable(parser.parse_known_args([name, "x"] if name in ("forms", "import") else [name])[0].handler)


def test_dvk_check_imports_no_other_command() -> None:
    code = ("import json, sys\nfrom dvk_build import cli\nrc = cli.main(['check', '--format', 'json', sys.argv[1]])\n"
            "print(json.dumps([rc, sorted(sys.modules)]))")
    proc = run("-c", code, str(DOSSIER))
    assert proc.returncode == 0, proc.stderr
    rc, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert rc == 0
    others = {f"dvk_build.{c.module}" for n, c in cli.COMMANDS.items() if n != "check"}
    assert sorted(others & set(modules)) == []
    assert [m for m in modules if m.split(".")[0] in ("jinja2", "openpyxl", "docx", "mkdocs", "markdown")] == []


def test_a_command_that_cannot_import_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The old trap: a command whose module failed to import vanished from the command line in silence."""
    real = importlib.import_module

    def broken(name: str, package: str | None = None):  # type: ignore[no-untyped-def]
        if name == "dvk_build.cli_forms":
            raise ModuleNotFoundError("No module named 'docx'", name="docx")
        return real(name, package)

    monkeypatch.setattr(cli.importlib, "import_module", broken)
    assert cli.main(["forms", "mot-mo-hinh"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "lệnh `forms` không chạy được" in err and "`docx`" in err and "pip install" in err
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "    forms " in capsys.readouterr().out  # still listed
    assert cli.main(["check", "--format", "json", str(DOSSIER)]) == 0  # the other commands still run
    with pytest.raises(cli.CommandUnavailable):
        cli.build_parser()  # the full parser (docs, tests) refuses too: nothing is skipped
