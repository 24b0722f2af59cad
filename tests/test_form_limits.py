"""DVK105 on a list whose items together would not fit one CSV or Excel cell, at the list's own line."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from dvk_build.validate.engine import check_paths
from dvk_build.validate.limits import LIST_TEXT_MAX

EXAMPLE = ROOT / "tests" / "example-files" / "positive" / "hien-dat-mo-duong-xa-long-thanh.md"


def test_a_long_nested_list_is_reported_where_it_starts(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "activities:")  # rollout.plan.activities
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()) + 2)
    end = at + 1
    while lines[end].startswith(indent + "-"):
        end += 1
    lines[at + 1:end] = [f"{indent}- Hoạt động số {k} " + "tuyên truyền, vận động " * 40 for k in range(30)]
    target = tmp_path / "dai.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    found = [p for p in check_paths([target]).problems if p.code == "DVK105"]
    assert [(p.line, p.col) for p in found] == [(at + 2, len(indent) + 1)]
    assert "rollout.plan.activities" in found[0].message and f"{LIST_TEXT_MAX:,}".replace(",", ".") in found[0].message
