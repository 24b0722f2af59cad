"""Traceability: each clause of the guideline (guideline.yaml) → dossier fields, rule codes, and where the site shows it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import yaml

from ..vietnamese import lower_first
from .rule import RULES, Rule, Source

GUIDELINE = "Hướng dẫn bổ sung các bước xây dựng mô hình “Dân vận khéo”, giai đoạn 2021-2025 (Ban Dân vận Tỉnh ủy)"
GUIDELINE_SHORT = "Hướng dẫn bổ sung các bước xây dựng mô hình"
FORMAT = "Định dạng hồ sơ của dự án (DOSSIER-FORMAT.md)"
REFORM = "Sắp xếp chính quyền địa phương năm 2025 (chính quyền địa phương hai cấp từ ngày 1/7/2025)"
SOURCE_LABELS = {
    Source.GUIDELINE: "hướng dẫn",
    Source.FORMAT: "định dạng hồ sơ",
    Source.CITED: "văn bản khác",
    Source.REFORM: "sắp xếp năm 2025",
    Source.READING: "cách đọc của dvk",
}


@dataclass(frozen=True)
class Clause:
    """One clause of the guideline (or of the format) and how the project carries it out.

    `rules` may be empty only when `note` says why the clause is documentary; otherwise `note`
    adds what the rules do not cover.
    """

    id: str  # stable; rules name it in `Rule.clause`
    ref: str  # where it sits: "Bước 1", "Mục 5.2.a, tập thể"
    text: str  # the guideline's words as written; `…` marks a cut, `[...]` an editorial addition
    fields: tuple[str, ...]  # dossier field paths, dotted, `[]` for list items
    rules: tuple[str, ...]  # rule codes that check it
    site: str  # where the published site shows it
    note: str = ""
    source: str = GUIDELINE
    kind: Source = Source.GUIDELINE
    line: int = 0  # line of the guideline text (shared/seed) where the clause starts; 0 outside it
    # What the site really shows: (page, text) pairs a test looks for in the built site; a page ending
    # in `*` means "at least one page under that folder" (the shipped models' pages).
    shows: tuple[tuple[str, str], ...] = ()


def _load() -> tuple[tuple[Clause, ...], tuple[tuple[str, int, str, str], ...]]:
    data = yaml.load(files(__package__).joinpath("guideline.yaml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    documents = {"format": FORMAT, "reform": REFORM}  # the requirements outside the guideline
    clauses = tuple(Clause(**{
        **entry, "fields": tuple(entry["fields"]), "rules": tuple(entry["rules"]),
        "source": documents.get(entry.get("source", ""), entry.get("source", GUIDELINE)),
        "kind": Source(entry.get("kind", "guideline")), "shows": tuple(tuple(pair) for pair in entry.get("shows", ())),
    }) for entry in data["clauses"])
    left_out = tuple((e["ref"], e["line"], e["text"], e["why"]) for e in data["left_out"])
    return clauses, left_out


# The guideline's clauses, and its sub-items that no clause carries with why (shown under the table)
CLAUSES, LEFT_OUT = _load()
BY_ID: dict[str, Clause] = {c.id: c for c in CLAUSES}


def describe_source(rule: Rule) -> str:
    """The rule's source in Vietnamese, as `dvk rules` and the page `quy-tac/` show it."""
    clause = BY_ID.get(rule.clause)
    if rule.source is Source.GUIDELINE and clause is not None:
        return f"{GUIDELINE_SHORT}, {lower_first(clause.ref)} (dòng {clause.line} của văn bản)"
    if rule.source is Source.READING:
        where = f", {lower_first(clause.ref)} (dòng {clause.line})" if clause is not None and clause.line else ""
        return f"Cách đọc của dvk, không phải yêu cầu của hướng dẫn{where}: {rule.cite}"
    if rule.source is Source.CITED:
        return rule.cite
    if rule.source is Source.REFORM:
        return f"{REFORM}. {rule.cite}".strip()
    return f"{FORMAT}" + (f"; {rule.cite}" if rule.cite else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rules_url: str | None = None) -> str:
    """The table as a Vietnamese Markdown section (level-2 heading), for the rules page.

    `rules_url` (e.g. "../quy-tac/") links each rule code to its entry in the rules reference.
    """
    def code(c: str) -> str:
        rule = RULES[c]
        link = f"[{c}]({rules_url}#{c.lower()})" if rules_url is not None else f"`{c}`"
        level = rule.severity.label
        tags = level if rule.source is Source.GUIDELINE else f"{SOURCE_LABELS[rule.source]}, {level}"
        return f"{link} {rule.name} ({tags})"

    lines = [
        "## Đối chiếu hướng dẫn với hồ sơ và quy tắc kiểm tra { #doi-chieu-huong-dan }",
        "",
        f"Mỗi dòng là một điều khoản của {GUIDELINE} (số dòng là dòng của văn bản), hoặc một yêu cầu không thuộc "
        "hướng dẫn (định dạng hồ sơ, văn bản khác, sắp xếp chính quyền năm 2025: có ghi rõ): trường nào trong hồ sơ "
        "ghi lại, quy tắc nào của lệnh `dvk check` kiểm tra, và trang web hiển thị ở đâu. Điều khoản không có quy tắc "
        "thì có ghi lý do. Quy tắc ghi “cách đọc của dvk” là cách hiểu của phần mềm, không phải yêu cầu của hướng "
        "dẫn, nên chỉ cảnh báo.",
        "",
        "| Điều khoản | Nội dung | Trường trong hồ sơ | Quy tắc | Trên trang web |",
        "|---|---|---|---|---|",
    ]
    for c in CLAUSES:
        fields = ", ".join(f"`{f}`" for f in c.fields) or "—"
        rules = ", ".join(code(r) for r in c.rules) or "không có"
        ref = f"{c.ref} (dòng {c.line})" if c.line else f"{c.ref} *({SOURCE_LABELS[c.kind]})*"
        content = c.text if c.source == GUIDELINE else f"{c.text} *({c.source})*"
        if c.note:
            content += f"<br>*Ghi chú:* {c.note}"
        lines.append(f"| {_cell(ref)} | {_cell(content)} | {_cell(fields)} | {_cell(rules)} | {_cell(c.site)} |")
    lines += ["", "Phần của văn bản không thành dòng nào trong bảng:", ""]
    lines += [f"- {ref} (dòng {line}): “{text}” — {why}" for ref, line, text, why in LEFT_OUT]
    return "\n".join(lines) + "\n"
