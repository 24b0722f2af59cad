"""The page `quy-tac/`: every validator rule and the guideline-to-rule table, generated from the registry."""

from __future__ import annotations

from ..docs.rules_reference import render_markdown as rules_markdown
from ..validate.traceability import render_markdown as traceability_markdown
from .site import Output, Page, SiteRenderer, _meta

PAGE = "quy-tac/index.md"


def make(renderer: SiteRenderer, output: Output) -> None:
    """Add `quy-tac/index.md`: generated, so the page never drifts from the rules `dvk check` runs."""
    body = rules_markdown()
    title, _, rest = body.partition("\n")  # the reference opens with its own level-1 heading
    meta = _meta(title.lstrip("# ").strip(),
                 "Các quy tắc dvk dùng để kiểm tra hồ sơ mô hình “Dân vận khéo” và tiêu chí của hướng dẫn mà mỗi quy tắc thực hiện.")
    trace = traceability_markdown(rules_url="")  # codes link to their entries on this same page
    output.pages.append(Page(PAGE, f"---\n{meta}\n---\n\n{title}\n{rest}\n{trace}"))
