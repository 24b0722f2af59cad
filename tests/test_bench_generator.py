"""bench/generate.py: synthetic dossiers are valid, varied and deterministic."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from contextlib import redirect_stdout
from pathlib import Path

import yaml

from conftest import ROOT
from dvk_build import cli

GENERATOR = ROOT / "bench" / "generate.py"


def generate(n: int, out: Path, *options: str) -> list[Path]:
    proc = subprocess.run([sys.executable, str(GENERATOR), str(n), str(out), *options],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return sorted(out.glob("*.md"))


def test_fifty_generated_dossiers_pass_dvk_check(tmp_path: Path) -> None:
    files = generate(50, tmp_path / "models")
    assert len(files) == 50
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(["check", "--format", "json", "--strict", str(tmp_path / "models")])
    payload = json.loads(out.getvalue())
    assert payload["problems"] == [] and payload["files"] == 50 and rc == 0


def test_generated_dossiers_are_varied(tmp_path: Path) -> None:
    data = [yaml.safe_load(f.read_text(encoding="utf-8").split("---\n")[1]) for f in generate(300, tmp_path)]
    tops = {(d.get("recognitions") or [{"tier": "nhap"}])[-1]["tier"] for d in data}
    assert tops == {"nhap", "co-so", "huyen", "tinh", "xa"}
    drafts = sum(1 for d in data if not d.get("recognitions"))
    assert 15 <= drafts <= 50  # about 10 %
    assert {d["period"] for d in data} == {"2021-2025", "2026-2030"}
    assert {d["holder"]["kind"] for d in data} == {"tap-the", "ca-nhan"}
    assert {f for d in data for f in d["fields"]} == {"kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh",
                                                    "xay-dung-he-thong-chinh-tri", "bon-khong"}
    assert len({d["locality"]["province"] for d in data}) >= 20
    assert {d["evaluation"]["self_assessment"] for d in data if d.get("evaluation")} == {"vuot", "bang", "kem"}
    assert any(d.get("replication", {}).get("derived_from") for d in data)
    assert all(unicodedata.is_normalized("NFC", d["title"]) and d["title"] != d["title"].encode("ascii", "ignore").decode()
               for d in data[:20])


def test_generation_is_deterministic_and_prefix_stable(tmp_path: Path) -> None:
    a = generate(40, tmp_path / "a")
    b = generate(40, tmp_path / "b")
    c = generate(60, tmp_path / "c")
    other = generate(40, tmp_path / "d", "--seed", "7")
    read = lambda files: {f.name: f.read_bytes() for f in files}  # noqa: E731
    assert read(a) == read(b)
    assert read(a).items() <= read(c).items()  # the first 40 of 60 are the 40
    assert read(a) != read(other)
