"""The facts of one row → the text of a summary record (`record: tom-tat`), its slug and identity."""

from __future__ import annotations

import datetime as dt
import html
from functools import cache
from pathlib import Path

import jinja2

from ..cli_new import slugify, template_env
from ..config import SUMMARY_RECORD, Config
from ..vietnamese import vi_date
from .rows import Facts

TEMPLATE_NAME = "summary_record.md.j2"
MAX_SLUG = 80  # a readable address; long titles are cut at a word


def base_slug(facts: Facts) -> str:
    """`tuyen-duong-tu-quan-xa-tan-thach`: the title, then the commune unless the title already names it."""
    title = slugify(facts.title)
    place = slugify(facts.commune or facts.district or facts.holder)
    slug = title if not place or title.endswith(place) else f"{title}-{place}"
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug or "mo-hinh"


def summary_text(facts: Facts, config: Config) -> str:
    """One factual sentence from the list: who, where, which tier, by whom, which notice."""
    place = ", ".join(p for p in (facts.commune, facts.district, facts.province) if p)
    tier = config.tiers[facts.tier].label.lower()
    return (f"Mô hình “Dân vận khéo” {tier} của {facts.holder} ({place}), được {facts.body} công nhận theo "
            f"Thông báo số {facts.notice_number} ngày {vi_date(facts.notice_date)}.")


def render(facts: Facts, config: Config, source: str, schema_ref: str, display_path: str, today: dt.date) -> str:
    return _template().render(
        schema_ref=schema_ref,
        today=today.isoformat(),
        source=Path(source).name,
        row=facts.row,
        display_path=display_path,
        record_label=config.record_kinds.get(SUMMARY_RECORD, {}).get("long", ""),
        title=facts.title,
        period=facts.period.slug,
        fields=facts.fields,
        summary=summary_text(facts, config),
        kind=facts.kind,
        holder=facts.holder,
        party_body=facts.party_body,
        province=facts.province,
        district=facts.district,
        commune=facts.commune,
        tier=facts.tier,
        body=facts.body,
        notice_number=facts.notice_number,
        notice_date=facts.notice_date.isoformat(),
        note=html.escape(facts.note, quote=False),
    )


@cache
def _template() -> jinja2.Template:
    return template_env().get_template(TEMPLATE_NAME)
