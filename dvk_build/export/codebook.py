"""The codebook: each exported column with its Vietnamese meaning, type and allowed values.

Built from `records.columns`, which reads the dossier schema and config.yaml: the codebook cannot
describe a column the files do not have, nor miss one they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from .records import (BOOLEAN, CODE, CODES, DATE, INTEGER, INTEGERS, JSON, LIST_SEP, NUMBER, RECORDS, TABLE, TEXT,
                      TEXTS, URL, columns)

KIND_LABELS: dict[str, str] = {
    TEXT: "văn bản",
    DATE: "ngày (NĂM-THÁNG-NGÀY)",
    INTEGER: "số nguyên",
    NUMBER: "số",
    BOOLEAN: "đúng/sai (true/false)",
    CODE: "mã",
    CODES: "danh sách mã",
    TEXTS: "danh sách văn bản",
    INTEGERS: "danh sách số nguyên",
    RECORDS: "danh sách bản ghi",
    URL: "địa chỉ web",
}


@dataclass(frozen=True)
class Entry:
    """One row of the codebook."""

    name: str
    meaning: str
    type: str
    values: tuple[tuple[str, str], ...]
    formats: tuple[str, ...]  # "JSON", "CSV", "Excel"
    note: str = ""

    @property
    def values_text(self) -> str:
        """Allowed codes with their labels, `; `-separated."""
        return LIST_SEP.join(f"{code} ({label})" if label else code for code, label in self.values)

    @property
    def formats_text(self) -> str:
        """The files the column is in."""
        return ", ".join(self.formats)


def entries(config: Config) -> list[Entry]:
    """Every column of the JSON, CSV and Excel files, in the files' order."""
    out = []
    for c in columns(config):
        formats = (("JSON",) if JSON in c.formats else ()) + (("CSV", "Excel") if TABLE in c.formats else ())
        kind = KIND_LABELS[c.kind]
        if c.kind in (CODES, TEXTS, INTEGERS):
            kind += " (CSV, Excel: cách nhau bởi “; ”)"
        out.append(Entry(c.name, c.label, kind, c.values, formats, c.note))
    return out


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def markdown_table(config: Config) -> str:
    """The codebook as a Markdown table for the page `du-lieu/`."""
    lines = ["| Cột | Ý nghĩa | Kiểu | Giá trị cho phép | Có trong |", "|---|---|---|---|---|"]
    for e in entries(config):
        meaning = _cell(e.meaning) + (f"<br><small>{_cell(e.note)}</small>" if e.note else "")
        lines.append(f"| `{e.name}` | {meaning} | {_cell(e.type)} | {_cell(e.values_text) or '—'} | {e.formats_text} |")
    return "\n".join(lines) + "\n"
