"""`dvk check FILE` (the pre-commit case) runs the rules across dossiers against the rest of the folder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import SHIPPED_DOSSIER
from dvk_build.validate.engine import check_paths
from dvk_build.validate.neighbours import neighbours

SHIPPED = SHIPPED_DOSSIER.read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 1)


def _derived(text: str, parent: str | None) -> str:
    """The shipped dossier learning from `parent` (replication.derived_from), or from no one."""
    text = re.sub(r"(?m)^  derived_from:.*\n", "", text)
    if parent is None:
        return text
    return re.sub(r"(?m)^replication:\n", f"replication:\n  derived_from: {parent}\n", text, count=1)


def _folder(tmp: Path, lineage: dict[str, str | None]) -> Path:
    for slug, parent in lineage.items():
        (tmp / f"{slug}.md").write_text(_derived(SHIPPED, parent), encoding="utf-8")
    return tmp


def _codes(tmp: Path, *names: str) -> list[str]:
    report = check_paths([tmp / n for n in names], today=TODAY, root=tmp)
    return sorted(p.code for p in report.problems if p.code.startswith("DVK6"))


def test_a_parent_outside_the_checked_files_is_known(tmp_path: Path) -> None:
    _folder(tmp_path, {"goc": None, "hoc-tap": "goc"})
    assert _codes(tmp_path, "hoc-tap.md") == []  # before: DVK602, `goc` unknown to a one-file check


def test_a_missing_parent_is_still_reported(tmp_path: Path) -> None:
    _folder(tmp_path, {"goc": None, "hoc-tap": "khong-co"})
    assert _codes(tmp_path, "hoc-tap.md") == ["DVK602"]


def test_a_circle_through_the_other_files_is_found(tmp_path: Path) -> None:
    _folder(tmp_path, {"a": "b", "b": "c", "c": "a"})
    assert _codes(tmp_path, "a.md") == ["DVK603"]


def test_a_slug_taken_by_a_bundle_is_found(tmp_path: Path) -> None:
    _folder(tmp_path, {"mo-hinh": None})
    (tmp_path / "mo-hinh-2").mkdir()
    (tmp_path / "mo-hinh-2" / "index.md").write_text(_derived(SHIPPED, None), encoding="utf-8")
    (tmp_path / "mo-hinh-2").rename(tmp_path / "mo-hinh-x")
    (tmp_path / "mo-hinh.md").rename(tmp_path / "mo-hinh-x.md")
    assert _codes(tmp_path, "mo-hinh-x.md") == ["DVK601"]


def test_neighbours_read_derived_from_in_both_yaml_styles(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\nreplication:\n  derived_from: 'goc-1'  # ghi chú\n---\nx", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nreplication: {plan: x, derived_from: goc-2}\n---\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\nreplication:\n  derived_from: null\n---\nderived_from: khong\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("---\ntitle: D\n---\n", encoding="utf-8")
    found = {n.slug: n.derived_from for n in neighbours([tmp_path / "d.md"])}
    assert found == {"a": "goc-1", "b": "goc-2", "c": None}
