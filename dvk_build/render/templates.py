"""dvk's own Jinja environment: autoescaped, with the configuration, Vietnamese formats and the step sections."""

from __future__ import annotations

from pathlib import Path

import jinja2
from markdown.extensions.toc import slugify

from .. import vietnamese as text
from ..config import Config
from ..fields import value_at
from ..validate.context import parse_date
from . import maps, sections

TEMPLATES = Path(__file__).parent.parent / "templates"


def environment(config: Config) -> jinja2.Environment:
    """The Jinja environment of dvk's own templates: autoescaped, with the configuration and the step sections."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        auto_reload=False,  # a template is read once per build: not stat'ed again at each include of each page
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(vi_date=text.vi_date, vi_date_str=lambda s: text.vi_date(parse_date(s)),
                       vnd=text.vnd, num=text.number, toc_id=lambda heading: slugify(str(heading), "-") or "_1")  # ("_1": Markdown's id for a heading without one)
    env.globals.update(c=config, label=config.label, at=value_at, specs=config.dossier, locator=maps.locator,
                       code_label=lambda spec, code: sections.code_label(config, spec, code))
    # the step sections and the box's facts, written once from the declarations as templates model.html.j2 includes
    fields_module = env.get_template("_fields.j2").module
    layout = sections.page_sections(config, set(dir(fields_module)))
    source = sections.template_source(config, layout, set(fields_module.from_model))  # type: ignore[attr-defined]
    generated = {"_sections.j2": source, "_replicate.j2": sections.replicate_source(config)}
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(generated), env.loader])  # type: ignore[list-item]
    return env
