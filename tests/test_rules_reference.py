"""The rules reference generated from the rule modules, and `dvk rules` that prints it."""

from __future__ import annotations

import io
import re
import unicodedata
from contextlib import redirect_stdout
from pathlib import Path

import markdown

from dvk_build import cli
from dvk_build.validate.rules_reference import render_markdown
from dvk_build.validate import traceability
from dvk_build.validate.registry import RULES

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "fenced_code"]  # as mkdocs.yml, plus code fences


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(list(argv))
    return rc, out.getvalue()


def test_every_rule_has_its_documentation() -> None:
    for code, rule in RULES.items():
        assert re.fullmatch(r"DVK\d{3}", code) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), code
        assert rule.title.strip() and rule.why.strip() and rule.good.strip(), f"{code}: title, why and good example"
        assert rule.bad.strip() or code == "DVK002", f"{code}: a failing example"
        for text in (rule.title, rule.why, rule.bad, rule.good):
            assert unicodedata.is_normalized("NFC", text), code


def test_page_has_one_section_per_rule_with_examples() -> None:
    md = render_markdown()
    assert md.startswith("# Quy tắc kiểm tra hồ sơ\n")
    for code, rule in RULES.items():
        section = md.split(f"### {code} `{rule.name}` {{ #{code.lower()} }}", 1)
        assert len(section) == 2, f"{code} has no section"
        body = section[1].split("\n### ", 1)[0]
        assert f"**Mức:** {rule.severity.label}" in body
        assert rule.title in body and rule.why in body
        assert "**Sai:**" in body and "**Đúng:**" in body
        assert rule.good.rstrip("\n") in body
        assert f"| [{code}](#{code.lower()}) | `{rule.name}` | {rule.severity.label} |" in md


def test_page_renders_with_stable_anchors() -> None:
    html = markdown.markdown(render_markdown(), extensions=EXTENSIONS)
    ids = set(re.findall(r'<h3 id="(dvk\d{3})"', html))
    assert ids == {code.lower() for code in RULES}
    assert "{ #" not in html  # attr_list consumed every anchor
    assert "<script>" not in html  # unsafe examples stay inside code blocks
    assert html.count("<pre><code") == 2 * len(RULES) - 1  # DVK002's failing example is an empty file


def test_dvk_rules_prints_the_reference() -> None:
    rc, out = run("rules")
    assert rc == 0 and out == render_markdown()


def test_dvk_rules_traceability_prints_the_table(tmp_path: Path) -> None:
    rc, out = run("rules", "--traceability")
    assert rc == 0 and out == traceability.render_markdown()
    rc, _ = run("rules", "--traceability", "-o", str(tmp_path / "bang.md"))
    assert rc == 0 and (tmp_path / "bang.md").read_text(encoding="utf-8") == out


def test_readme_counts_the_registered_rules() -> None:
    import re

    from conftest import ROOT
    from dvk_build.validate.registry import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r"\b(\d+) rules\b", readme)]
    assert counts and all(n == len(RULES) for n in counts), (counts, len(RULES))


def test_one_term_for_pull_request_on_every_page() -> None:
    from conftest import ROOT

    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "content" / "pages").glob("*.md")]
    texts += [(ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), render_markdown()]
    for text in texts:
        assert "yêu cầu gộp" not in text and "yêu cầu kéo" not in text
    assert any("đề nghị hợp nhất (pull request)" in t for t in texts)
