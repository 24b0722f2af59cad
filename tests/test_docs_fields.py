"""The field table of docs/DOSSIER-FORMAT.md is the field declarations of config.yaml, so they cannot disagree."""

from __future__ import annotations

import os
import re
from pathlib import Path

from dvk_build.config import default_config
from dvk_build.fields import markdown_table

DOC = Path("docs") / "DOSSIER-FORMAT.md"
SECTION = re.compile(r"(<!-- fields:start[^\n]*-->\n)(.*?)(<!-- fields:end -->)", re.S)


def test_docs_field_table_is_the_declarations(project_root: Path) -> None:
    """Regenerate with `DVK_REGENERATE_DOCS=1 python3 -m pytest tests/test_docs_fields.py`."""
    path = project_root / DOC
    text = path.read_text(encoding="utf-8")
    match = SECTION.search(text)
    assert match, "docs/DOSSIER-FORMAT.md lost its fields:start/fields:end markers"
    table = markdown_table(default_config().dossier)
    if os.environ.get("DVK_REGENERATE_DOCS") == "1":
        path.write_text(text[:match.start(2)] + table + text[match.end(2):], encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        match = SECTION.search(text)
        assert match
    assert match.group(2) == table, "stale: run DVK_REGENERATE_DOCS=1 python3 -m pytest tests/test_docs_fields.py"


def test_the_table_names_every_field_once(project_root: Path) -> None:
    """Each declared path is one row, so a field missing from the docs is a visible diff, not a silent gap."""
    specs = default_config().dossier
    rows = re.findall(r"^\| `([^`]+)` \|", markdown_table(specs), re.M)
    assert rows == list(specs)
