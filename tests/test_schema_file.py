"""The committed schema/dossier.schema.json is exactly `dvk schema` output, so it cannot drift."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema

from dvk_build.load.source import decode, split
from dvk_build.load.yamltree import parse

SCHEMA_FILE = Path("schema") / "dossier.schema.json"
REGENERATE = "dvk schema -o schema/dossier.schema.json"


def test_committed_schema_equals_dvk_schema_output(project_root: Path) -> None:
    proc = subprocess.run([shutil.which("dvk") or "dvk", "schema"], cwd=project_root, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    committed = (project_root / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == proc.stdout, f"schema/dossier.schema.json is stale: run `{REGENERATE}` and commit it"


def test_committed_schema_is_a_valid_draft_2020_12_schema(project_root: Path) -> None:
    schema = json.loads((project_root / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # The site publishes it at du-lieu/dossier.schema.json; its $id says where.
    assert schema["$id"].endswith("/du-lieu/dossier.schema.json")


def test_example_dossier_and_scaffold_validate_against_the_committed_file(project_root: Path, tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads((project_root / SCHEMA_FILE).read_text(encoding="utf-8")))
    example = project_root / "content/models/tuyen-duong-tu-quan-ap-phu-hoa.md"
    subprocess.run([shutil.which("dvk") or "dvk", "new", "nhap", "--field", "kinh-te"], cwd=tmp_path, check=True,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    for path in (example, tmp_path / "content/models/nhap.md"):
        # The project's own loader: dates stay strings, exactly as the validator sees them.
        source = split(decode(path.read_bytes()))
        data = parse(source.front_matter, source.fm_first_line).data
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (path.name, errors)


def test_vscode_maps_the_schema_to_standalone_drafts(project_root: Path, tmp_path: Path) -> None:
    """The route CONTRIBUTING gives for live checking in VS Code: a `<name>.dossier.yaml` draft."""
    settings = json.loads((project_root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"]["./schema/dossier.schema.json"]
    assert "*.dossier.yaml" in globs
    recommended = json.loads((project_root / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]

    # An independent validator with the committed schema: a clean draft passes, typos fail.
    text = (project_root / "content/models/tuyen-duong-tu-quan-ap-phu-hoa.md").read_text(encoding="utf-8")
    front = split(decode(text.encode("utf-8"))).front_matter
    good, bad = tmp_path / "tot.dossier.yaml", tmp_path / "sai.dossier.yaml"
    good.write_text(front, encoding="utf-8")
    bad.write_text(front.replace("self_assessment: vuot", "self_assessment: vuott"), encoding="utf-8")
    exe = shutil.which("check-jsonschema")
    assert exe
    for path, expected in ((good, 0), (bad, 1)):
        proc = subprocess.run([exe, "--schemafile", str(project_root / SCHEMA_FILE), str(path)], capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert proc.returncode == expected, proc.stdout + proc.stderr
