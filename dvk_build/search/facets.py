"""What the search index keeps of a model besides its text (facet values, result metadata) and the facets file."""

from __future__ import annotations

from typing import Any

from ..config import Config
from ..model import Catalogue, Model
from .. import vietnamese as text

# Facet names; the same keys name the filters in a shared URL (`?cap=tinh&nam=2024`).
TIER, FIELD, PROVINCE, YEAR, KIND, ASSESSMENT = "cap", "linh-vuc", "tinh", "nam", "chu-the", "tu-danh-gia"
# The commune today, by official code (`?xa=28810`): the province maps link to the catalogue with it.
COMMUNE = "xa"
COMMUNE_NAMES_FILE = "tim-kiem/xa.json"  # code → name of every commune with models, loaded only when one is chosen


def place_of(m: Model) -> str:
    """Commune, district, province as recognized, and the province today when it changed."""
    loc = m.locality
    place = ", ".join(str(loc[k]) for k in ("commune", "district", "province") if loc.get(k))
    if m.province and m.province != m.province_at_recognition:
        place += f" (nay thuộc {m.province})"
    return place


def filters_of(m: Model) -> list[tuple[str, str]]:
    """The facet values of one model."""
    filters = [(TIER, t) for t in dict.fromkeys(m.tiers)]  # every tier reached, not only the highest
    filters += [(FIELD, f) for f in m.fields]
    filters.append((PROVINCE, text.province_slug(m.province)))
    if m.unit_today is not None and m.unit_today.commune_code:
        filters.append((COMMUNE, m.unit_today.commune_code))
    return filters + [(key, str(v)) for key, v in ((YEAR, m.year), (KIND, m.holder_kind),
                                                   (ASSESSMENT, m.self_assessment)) if v]


def commune_names(catalogue: Catalogue) -> dict[str, str]:
    """Code → full name of every commune today that has models, by code."""
    units = {m.unit_today.commune_code: m.unit_today for m in catalogue.models if m.unit_today and m.unit_today.commune_code}
    return {code: units[code].name for code in sorted(units)}


def holder_of(m: Model) -> str:
    """The holder's name, with the person's title if any."""
    holder = m.holder.get("name") or ""
    if m.holder.get("title"):
        holder += f", {m.holder['title']}"
    return holder


def meta_of(m: Model) -> list[tuple[str, str]]:
    """What a search result shows of one model, empty values left out."""
    c = m.config
    meta = [("title", m.title), ("summary", m.summary), ("holder", holder_of(m)), ("place", place_of(m)),
            ("tier", c.tiers[m.tier].label if m.tier else ""), ("date", text.vi_date(m.recognized_on)),
            ("record", c.record_kinds["tom-tat"]["badge"] if m.summary_record else "")]
    return [(k, v) for k, v in meta if v]


def facets(catalogue: Catalogue, c: Config) -> dict[str, Any]:
    """The facets of the search page and the catalogue, values in reading order (`tim-kiem/bo-loc.json`)."""
    models = catalogue.models
    tiers = {t for m in models for t in m.tiers}
    fields = {f for m in models for f in m.fields}
    kinds = {m.holder_kind for m in models}
    assessed = {m.self_assessment for m in models}

    def values(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"value": v, "label": label} for v, label in pairs]

    return {
        "facets": [
            {"key": TIER, "label": "Cấp công nhận", "hint": "mọi cấp đã đạt",
             "values": values([(t.slug, t.label) for t in reversed(c.tiers_in_order()) if t.slug in tiers])},
            {"key": FIELD, "label": "Lĩnh vực", "values": values([(k, f.label) for k, f in c.fields.items() if k in fields])},
            {"key": PROVINCE, "label": "Tỉnh, thành phố", "hint": "hiện nay",
             "values": values([(text.province_slug(p), p) for p in sorted(catalogue.provinces(), key=text.province_order)])},
            # thousands of values: not listed here; the script names the chosen ones from COMMUNE_NAMES_FILE
            {"key": COMMUNE, "label": "Xã, phường, đặc khu", "hint": "hiện nay", "values": [],
             "names": COMMUNE_NAMES_FILE.split("/")[-1]},
            {"key": YEAR, "label": "Năm công nhận", "values": values([(str(y), str(y)) for y in catalogue.years()])},
            {"key": KIND, "label": "Chủ thể", "values": values([(k, label) for k, label in c.holder_kinds.items() if k in kinds])},
            {"key": ASSESSMENT, "label": "Tự đánh giá",
             "values": values([(k, v["long"]) for k, v in c.self_assessment.items() if k in assessed])},
        ],
        "models": len(models),
    }
