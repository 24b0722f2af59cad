"""Which template each form uses (the province's, else dvk's default) and the filled files of one model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, default_config
from ..model import Model
from .facts import FORMS, for_forms, placeholders
from .word import FormTemplate, TemplateProblem, default_template

def filename(m: Model, form: str) -> str:
    """`<slug>-mau-2a.docx`: the model's name stays on the file once downloaded beside others."""
    return f"{m.slug}-mau-{form}.docx"


def forms_of(m: Model) -> tuple[str, ...]:
    """The documents the site offers for `m`: a summary record from a province's list has no steps 1-4 to report."""
    return ("2b",) if m.summary_record else FORMS


def site_links(config: Config) -> bool:
    """Whether model pages offer the documents for download (`forms.site_links` in config.yaml)."""
    return bool((config.forms or {}).get("site_links", True))


def known_placeholders() -> set[str]:
    """Every top-level placeholder dvk fills (both forms fill the same names)."""
    empty = Model(slug="", source_path="", data={"title": "", "period": ""}, body="", config=default_config(),
                  recognitions=[], stage=0, computed_assessment=None)
    return set(placeholders(empty, "2a"))


@dataclass
class FormSet:
    """The compiled templates of the chosen forms, reused for every model."""

    templates: dict[str, FormTemplate] = field(default_factory=dict)

    @classmethod
    def load(cls, config: Config, forms: tuple[str, ...] = FORMS, root: Path = Path("."),
             override: Path | None = None) -> "FormSet":
        """`override` (one form only) beats config.yaml, which beats dvk's default; TemplateProblem if unusable."""
        out = cls()
        named = (config.forms or {}).get("templates") or {}  # province templates, relative to the project folder
        for form in forms:
            path = override or (root / str(named[form]) if named.get(form) else None)
            if path is None:
                out.templates[form] = FormTemplate(default_template(form), name=f"mẫu mặc định {form}", check_output=False)
                continue
            if not path.is_file():
                raise TemplateProblem(f"{path}: không có tệp mẫu này"
                                      + (" (forms.templates trong config.yaml)." if override is None else "."))
            template = FormTemplate(path)
            template.check(known_placeholders())
            out.templates[form] = template
        return out

    def fill(self, m: Model, tier: str | None = None, forms: tuple[str, ...] | None = None) -> dict[str, bytes]:
        """File name → .docx bytes, one per form (of `forms`, else every loaded one)."""
        chosen = tuple(f for f in (forms or tuple(self.templates)) if f in self.templates)
        contexts = for_forms(m, chosen, tier)
        return {filename(m, form): self.templates[form].render(contexts[form]) for form in chosen}
