"""The traceability table: every clause mapped (or explained), every code and field real, quotes verbatim."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
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


# --- sources (issue 13) -----------------------------------------------------------------------

from dvk_build.validate.rules_reference import render_markdown as rules_markdown  # noqa: E402
from dvk_build.validate.rule import Source  # noqa: E402
from dvk_build.validate.traceability import describe_source  # noqa: E402


def test_a_rule_of_dvks_own_reading_is_only_a_warning() -> None:
    for rule in RULES.values():
        if rule.source is Source.READING:
            assert rule.severity.value == "warning", f"{rule.code} is dvk's reading but blocks publication"
            assert len(rule.cite) > 30, f"{rule.code}: say what dvk reads into the guideline"


def test_every_rule_names_its_source() -> None:
    for rule in RULES.values():
        assert isinstance(rule.source, Source), rule.code
        clause = BY_ID[rule.clause]
        if rule.source is Source.GUIDELINE:
            assert clause.kind is Source.GUIDELINE and clause.line > 0, f"{rule.code}: a guideline rule names a clause with its line"
        if rule.source in (Source.FORMAT, Source.CITED, Source.REFORM):
            assert clause.kind is not Source.GUIDELINE, f"{rule.code}: filed under a guideline clause but sourced elsewhere"
        if rule.source is Source.CITED:
            assert re.search(r"(Điều \d+|NĐ-CP|QĐ/TW|QĐ-TTg)", rule.cite), f"{rule.code}: a cited document needs its name and article"
        assert len(describe_source(rule)) > 20


# A legal document's number: 13/2023/NĐ-CP, 91/2025/QH15, 124/2004/QĐ-TTg, 66-QĐ/TW, 36-HD/VPTW.
DOCUMENT_NUMBER = re.compile(r"\b\d+/\d{4}/[A-ZĐ][A-Za-zĐ0-9]*(?:-[A-Za-zĐ0-9]+)*|\b\d+-[A-ZĐ]+/[A-ZĐ]+")


def test_documents_a_rule_cites_are_named_on_its_traceability_row() -> None:
    """The traceability page and the rules page name the same documents (one edited without the other fails)."""
    for rule in RULES.values():
        if rule.source is not Source.CITED:
            continue
        clause = BY_ID[rule.clause]
        row = f"{clause.text} {clause.source} {clause.note}"  # what the row shows (render_markdown)
        cited = set(DOCUMENT_NUMBER.findall(rule.cite))
        assert cited <= set(DOCUMENT_NUMBER.findall(row)), f"{rule.code}: {sorted(cited)} not all on row {clause.id}"
    assert DOCUMENT_NUMBER.findall("Nghị định 356/2025/NĐ-CP, Luật số 91/2025/QH15, Quy định 66-QĐ/TW; 124/2004/QĐ-TTg") == [
        "356/2025/NĐ-CP", "91/2025/QH15", "66-QĐ/TW", "124/2004/QĐ-TTg"]

def test_rules_page_shows_each_source() -> None:
    md = rules_markdown()
    for rule in RULES.values():
        section = md.split(f"### {rule.code} ")[1].split("\n### ")[0]
        assert f"**Căn cứ:** {describe_source(rule)}" in section, rule.code
    assert "cách đọc của dvk" in md


@pytest.mark.skipif(not GUIDELINE_TEXT.exists(), reason="guideline text not available")
def test_each_guideline_clause_starts_on_its_line() -> None:
    lines = GUIDELINE_TEXT.read_text(encoding="utf-8").splitlines()
    for c in CLAUSES:
        if c.kind is not Source.GUIDELINE:
            continue
        assert c.line > 0, f"{c.id}: no line"
        first = re.sub(r"\[[^\]]*\]", "…", c.text).split("…")
        piece = next(_normalize(p).strip(" .,;:()") for p in first if len(_normalize(p).strip(" .,;:()")) > 3)
        assert piece[:25] in _normalize(lines[c.line - 1]), f"{c.id}: not on line {c.line}: {piece[:25]!r}"


def _page_text(site: Path, page: str) -> list[str]:
    import html as html_lib

    if page.endswith("*"):
        files = sorted((site / page[:-1]).glob("*/index.html"))
    else:
        target = site / page
        files = [target / "index.html" if page.endswith("/") else target]
    return [re.sub(r"\s+", " ", html_lib.unescape(f.read_text(encoding="utf-8"))) for f in files if f.is_file()]


def test_every_row_says_what_the_site_shows() -> None:
    for c in CLAUSES:
        assert c.shows, f"{c.id}: no (page, text) the built site is checked for"


def test_the_built_site_shows_what_each_row_claims(built_site: Path) -> None:
    """A row that claims a page shows something it does not fails here (issue 13, item 6)."""
    missing = []
    for c in CLAUSES:
        for page, needle in c.shows:
            texts = _page_text(built_site, page)
            if not any(needle in t for t in texts):
                missing.append(f"{c.id}: {page} does not show {needle!r}")
    assert not missing, "\n".join(missing)


def test_the_page_check_catches_a_false_claim(built_site: Path) -> None:
    assert not any("Không xả rác nhựa" in t for t in _page_text(built_site, "linh-vuc/kinh-te/"))
    assert not any("Bước 7: Không có bước này" in t for t in _page_text(built_site, "mo-hinh/*"))
