"""The traceability table: every clause mapped (or explained), every code and field real, quotes verbatim."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from conftest import ROOT
from dvk_build.schema import build_schema
from dvk_build.validate.registry import RULES
from dvk_build.validate.traceability import BY_ID, CLAUSES, GUIDELINE, render_markdown

GUIDELINE_TEXT = ROOT / "tests" / "data" / "guideline-000_ae6568405bf8c3a2.txt"


def schema_has(schema: dict[str, Any], dotted: str) -> bool:
    """Whether a field path such as `idea.targets[].id` or `fields[]` exists in the JSON Schema."""
    node = schema
    for part in re.findall(r"[^.\[\]]+|\[\]", dotted):
        if part == "[]":
            if "items" not in node:
                return False
            node = node["items"]
        else:
            props = node.get("properties", {})
            if part not in props:
                return False
            node = props[part]
    return True


def test_clause_ids_are_unique() -> None:
    assert len(BY_ID) == len(CLAUSES)


def test_every_clause_id_used_by_a_rule_is_in_the_table() -> None:
    used = {r.clause for r in RULES.values() if r.clause}
    assert used - set(BY_ID) == set(), f"clause ids used by rules but missing from the table: {sorted(used - set(BY_ID))}"


def test_a_rule_is_listed_on_the_row_of_its_own_clause() -> None:
    for rule in RULES.values():
        if rule.clause:
            assert rule.code in BY_ID[rule.clause].rules, f"{rule.code} names clause {rule.clause!r} but is not on its row"


def test_every_rule_is_traced_to_some_clause() -> None:
    traced = {code for c in CLAUSES for code in c.rules}
    assert set(RULES) - traced == set(), sorted(set(RULES) - traced)


def test_rows_name_only_existing_rule_codes() -> None:
    for c in CLAUSES:
        unknown = [code for code in c.rules if code not in RULES]
        assert not unknown, f"{c.id}: unknown rule codes {unknown}"


def test_rows_name_only_existing_field_paths() -> None:
    schema = build_schema()
    for c in CLAUSES:
        unknown = [f for f in c.fields if not schema_has(schema, f)]
        assert not unknown, f"{c.id}: field paths not in the schema {unknown}"


def test_schema_path_check_refuses_made_up_paths() -> None:
    schema = build_schema()
    assert schema_has(schema, "idea.targets[].id") and schema_has(schema, "fields[]")
    assert not schema_has(schema, "idea.target[].id") and not schema_has(schema, "title[]")


def test_a_clause_without_rules_says_why() -> None:
    for c in CLAUSES:
        assert c.rules or len(c.note) > 20, f"{c.id}: no rule and no documented reason"
        assert c.text and c.ref and c.site, c.id


def test_the_guideline_steps_and_criteria_are_all_mapped() -> None:
    """The clauses the guideline has: its parts, the bullets of steps 1-6, 5.1-5.3, each criterion and tier."""
    ids = set(BY_ID)
    for step in range(1, 7):
        assert any(i.startswith(f"b{step}-") or (step == 5 and i.startswith("5.")) for i in ids), f"Bước {step}"
    expected = {"I", "II", "5.1", "5.2", "5.2.a", "5.2.b", "5.3", "5.2.b-co-so", "5.2.b-huyen", "5.2.b-tinh",
                "chu-thich-04-khong"}
    assert expected <= ids
    assert len([i for i in ids if i.startswith("5.2.a-tt-")]) == 6  # the five bullets, leadership/effect split
    assert len([i for i in ids if i.startswith("5.2.a-cn-")]) == 5
    bullets = {"b1": 5, "b2": 4, "b3": 4, "b4": 7, "b6": 5}  # bullets (and sub-bullets of step 4) that matter
    for prefix, n in bullets.items():
        assert len([i for i in ids if i.startswith(prefix + "-")]) >= n, prefix


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("*", "")
    return re.sub(r"\s+", " ", text).lower()


@pytest.mark.skipif(not GUIDELINE_TEXT.exists(), reason="guideline text not available")
def test_quotes_are_verbatim() -> None:
    """Every quoted piece (split at `…`, editorial `[...]` removed) appears in the guideline as written."""
    source = _normalize(GUIDELINE_TEXT.read_text(encoding="utf-8"))
    for c in CLAUSES:
        if c.source != GUIDELINE:
            continue
        for piece in re.sub(r"\[[^\]]*\]", "…", c.text).split("…"):
            piece = _normalize(piece).strip(" .,;:()")
            if len(piece) > 3:
                assert piece in source, f"{c.id}: not in the guideline: {piece!r}"


def test_render_lists_every_clause() -> None:
    md = render_markdown()
    assert md.startswith("## Đối chiếu hướng dẫn")
    rows = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith("| Điều khoản")]
    assert len(rows) == len(CLAUSES)
    assert all(line.count(" | ") == 4 for line in rows), "a `|` inside a cell broke the table"
    assert unicodedata.is_normalized("NFC", md)
    assert "[DVK202](../quy-tac/#dvk202)" in render_markdown("../quy-tac/")
