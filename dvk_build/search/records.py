"""What Pagefind learns about a model page (filters, metadata, sort keys, folded words) and the facets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..config import Config
from ..model import Catalogue, Model
from ..render import text
from .fold import d_words, sort_key

# Pagefind filter names; the same keys name the filters in a shared URL (`?cap=tinh&nam=2024`).
TIER, FIELD, PROVINCE, YEAR, KIND, ASSESSMENT = "cap", "linh-vuc", "tinh", "nam", "chu-the", "tu-danh-gia"
FOLDED_WEIGHT = 0.5  # below ordinary text (1) and headings (up to 7): a match typed with đ ranks first
FOLD_MARK = "⁂"  # brackets the folded words, so the search page can cut them out of an excerpt
# A word on every model page and nowhere else (no Vietnamese word starts with "zz"): the catalogue
# searches it to list pages by filters alone, as Pagefind's own filter-only search (a null query)
# loads every chunk of the index.
ALL_WORD = "zzdvk"


@dataclass(frozen=True)
class SearchRecord:
    """Everything a model page tells Pagefind besides its visible text."""

    filters: list[tuple[str, str]]
    meta: list[tuple[str, str]]
    sorts: list[tuple[str, str]]
    folded: str  # ALL_WORD, then the words spelled with đ, typed without it
    weight: float = FOLDED_WEIGHT
    mark: str = FOLD_MARK


def place_of(m: Model) -> str:
    """Commune, district, province as recognized, and the province today when it changed."""
    loc = m.locality
    place = ", ".join(str(loc[k]) for k in ("commune", "district", "province") if loc.get(k))
    if m.province and m.province != m.province_at_recognition:
        place += f" (nay thuộc {m.province})"
    return place


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a dossier's data, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def filters_of(m: Model) -> list[tuple[str, str]]:
    """The facet values of one model (both search engines)."""
    filters = [(TIER, t) for t in dict.fromkeys(m.tiers)]  # every tier reached, not only the highest
    filters += [(FIELD, f) for f in m.fields]
    filters.append((PROVINCE, text.province_slug(m.province)))
    if m.year:
        filters.append((YEAR, str(m.year)))
    if m.holder_kind:
        filters.append((KIND, m.holder_kind))
    if m.self_assessment:
        filters.append((ASSESSMENT, m.self_assessment))
    return filters


def holder_of(m: Model) -> str:
    """The holder's name, with the person's title if any."""
    holder = m.holder.get("name") or ""
    if m.holder.get("title"):
        holder += f", {m.holder['title']}"
    return holder


def meta_of(m: Model) -> list[tuple[str, str]]:
    """What a search result shows of one model (both search engines), empty values left out."""
    c = m.config
    meta = [("title", m.title), ("summary", m.summary), ("holder", holder_of(m)), ("place", place_of(m)),
            ("tier", c.tiers[m.tier].label if m.tier else ""), ("date", text.vi_date(m.recognized_on))]
    return [(k, v) for k, v in meta if v]


def record(m: Model) -> SearchRecord:
    """The search record of one published model."""
    sorts = [("title", sort_key(m.title))]
    if m.recognized_on:
        sorts.append(("date", m.recognized_on.isoformat()))
    # Key text first, so the folded copy keeps its order of importance; then the rest of the dossier.
    key_text = [m.title, m.summary, holder_of(m), place_of(m)]
    folded = " ".join([ALL_WORD, *d_words([*key_text, *_strings(m.data), m.body])])
    return SearchRecord(filters_of(m), meta_of(m), sorts, folded)


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
            {"key": YEAR, "label": "Năm công nhận", "values": values([(str(y), str(y)) for y in catalogue.years()])},
            {"key": KIND, "label": "Chủ thể", "values": values([(k, label) for k, label in c.holder_kinds.items() if k in kinds])},
            {"key": ASSESSMENT, "label": "Tự đánh giá",
             "values": values([(k, v["long"]) for k, v in c.self_assessment.items() if k in assessed])},
        ],
        "models": len(models),
        "fold_mark": FOLD_MARK,
        "all_word": ALL_WORD,
    }
