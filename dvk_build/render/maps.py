"""Maps of the models drawn at build time as SVG from the register's commune coordinates (no tiles, no CDN).

Every commune of the country (3,321 since 1 July 2025) is a point: together they outline the
country and, drawn with a wide stroke per province, its provinces. Communes with models are
coloured and sized by count. Hoàng Sa and Trường Sa are the register's special zones, labelled
as the official maps label them. Output is deterministic (ordered by official code, integer
coordinates), so two builds write the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Iterable

from markupsafe import Markup

from .. import register
from ..model import Model
from ..register import Unit
from .. import vietnamese as text

# The national map: an equirectangular projection true to scale at 16°N, K units a degree.
LAT0 = 16.0
K = 40
WEST, EAST, NORTH, SOUTH = 101.9, 117.4, 23.6, 8.2
COS = math.cos(math.radians(LAT0))
WIDTH = round((EAST - WEST) * COS * K)
HEIGHT = round((NORTH - SOUTH) * K)
# Size classes of communes with models: (fewest models, diameter in national map units)
CLASSES = ((1, 3.5), (2, 5.0), (4, 6.5), (10, 8.5), (30, 11.0))
ISLANDS = {  # special zone code → label, as on the official maps
    "20333": ("Quần đảo Hoàng Sa", "(Thành phố Đà Nẵng)"),
    "22736": ("Quần đảo Trường Sa", "(Tỉnh Khánh Hòa)"),
}


@dataclass(frozen=True)
class Point:
    x: int
    y: int


def _project(lat: float, lon: float) -> Point:
    return Point(round((lon - WEST) * COS * K), round((NORTH - lat) * K))


@lru_cache(maxsize=1)
def _communes() -> tuple[tuple[Unit, Point], ...]:
    """Every current commune with its point on the national map, by code."""
    return tuple((u, _project(u.lat, u.lon)) for u in register.communes(register.CURRENT)
                 if u.lat is not None and u.lon is not None)


@lru_cache(maxsize=1)
def _province_points() -> dict[str, list[tuple[int, int]]]:
    """Each province's communes as points of the national map, by province code."""
    points: dict[str, list[tuple[int, int]]] = {}
    for u, pt in _communes():
        points.setdefault(u.province_code, []).append((pt.x, pt.y))
    return points


def dots_path(points: Iterable[tuple[int, int]]) -> str:
    """Points as one path of zero-length segments (round caps draw them as dots), relative moves."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for x, y in dict.fromkeys(points):  # two communes on one point of the map: one dot
        if last is None:
            out.append(f"M{x} {y}h0")
        else:
            dx, dy = x - last[0], y - last[1]
            out.append(f"m{dx}{'' if dy < 0 else ' '}{dy}h0")
        last = (x, y)
    return "".join(out)


def counts_by_commune(models: Iterable[Model]) -> Counter[str]:
    """Number of models per current commune code."""
    return Counter(m.unit_today.commune_code for m in models if m.unit_today and m.unit_today.commune_code)


def _size_class(n: int) -> int:
    return max(i for i, (least, _) in enumerate(CLASSES) if n >= least)


def _models_word(n: int) -> str:
    return f"{text.number(n)} mô hình"


def national_map(models: list[Model], link_prefix: str, map_id: str = "vn") -> str:
    """The whole country: provinces with models link to `link_prefix + <province slug>/`."""
    by_province = Counter(m.unit_today.province_code for m in models if m.unit_today)
    per_commune = counts_by_commune(models)
    provinces = {p.province_code: p for p in register.provinces(register.CURRENT)}
    points = _province_points()
    title = "Bản đồ mô hình “Dân vận khéo” theo tỉnh, thành phố"
    desc = (f"{_models_word(len(models))} ở {text.number(len(per_commune))} xã, phường, đặc khu của "
            f"{text.number(len(by_province))} tỉnh, thành phố. Mỗi chấm nhạt là một xã, phường, đặc khu; chấm đỏ là "
            "nơi có mô hình, càng lớn càng nhiều mô hình. Chọn một tỉnh, thành phố để xem các mô hình của tỉnh đó. "
            "Số liệu của bản đồ có trong bảng ngay sau bản đồ.")
    parts = [f'<svg class="dvk-map dvk-map--country" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
             f'aria-labelledby="{map_id}-t {map_id}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{map_id}-t">{escape(title)}</title><desc id="{map_id}-d">{escape(desc)}</desc>',
             f'<text class="dvk-map-sea" x="{_project(13.5, 112.2).x}" y="{_project(13.5, 112.2).y}">Biển Đông</text>',
             '<g class="dvk-map-provinces">']
    for code, prov in sorted(provinces.items()):
        d = dots_path(points.get(code, []))
        n = by_province.get(code, 0)
        if n:
            label = f"{prov.province}: {_models_word(n)}"
            parts.append(f'<a class="dvk-map-on" href="{link_prefix}{text.province_slug(prov.province)}/" '
                         f'aria-label="{escape(label)}"><title>{escape(label)}</title><path id="{map_id}-p{code}" d="{d}"/></a>')
        else:  # styles are inherited, never set on the path: the dots below reuse it (<use>) with their own
            parts.append(f'<g class="dvk-map-off"><path id="{map_id}-p{code}" d="{d}"/></g>')
    parts.append('</g><g class="dvk-map-dots" aria-hidden="true">')
    parts.extend(f'<use href="#{map_id}-p{code}"/>' for code in sorted(provinces))
    parts += ["</g>", _commune_classes(per_commune), _island_labels(), _legend(), "</svg>"]
    return "".join(parts)


def _commune_classes(per_commune: Counter[str]) -> str:
    """Communes with models, one path per size class (not links: the national map links provinces)."""
    where = {u.commune_code: pt for u, pt in _communes()}
    classes: dict[int, list[tuple[int, int]]] = {}
    for code in sorted(per_commune):
        pt = where.get(code)
        if pt is not None:
            classes.setdefault(_size_class(per_commune[code]), []).append((pt.x, pt.y))
    paths = "".join(f'<path class="dvk-map-c{i}" stroke-width="{CLASSES[i][1]:g}" d="{dots_path(classes[i])}"/>'
                    for i in sorted(classes))
    return f'<g class="dvk-map-models" aria-hidden="true">{paths}</g>'


def _islands() -> list[tuple[str, str, Point]]:
    """The special zones' labels (name, owner) with their points, in the order of ISLANDS."""
    where = {u.commune_code: pt for u, pt in _communes()}
    return [(name, owner, where[code]) for code, (name, owner) in ISLANDS.items() if code in where]


def _island_labels() -> str:
    """Each name centred under its island and its owner on the next line (em: the gap follows the font size)."""
    out = ['<g class="dvk-map-islands">']
    for name, owner, pt in _islands():
        x = min(pt.x, WIDTH - 120)  # Trường Sa lies near the edge: its widest line (~230 units on a phone) inside
        out.append(f'<text text-anchor="middle" x="{x}" y="{pt.y + 24}">{escape(name)} '
                   f'<tspan class="dvk-map-owner" x="{x}" dy="1.2em">{escape(owner)}</tspan></text>')
    return "".join(out) + "</g>"


def _legend() -> str:
    """Top right, outside the country (the map draws no neighbours), spaced for the phone's larger text."""
    # 30 units a row: a 21px phone label in Noto Sans has a 28.6-unit line box (26 let boxes overlap).
    x, y, step = round(WIDTH * 0.55), 34, 30
    labels = ("1 mô hình", "2-3", "4-9", "10-29", "30 trở lên")
    out = [f'<g class="dvk-map-legend" aria-hidden="true"><text x="{x}" y="{y}">Số mô hình '
           f'<tspan x="{x}" dy="1.2em">ở một xã, phường:</tspan></text>']
    for i, (label, (_, size)) in enumerate(zip(labels, CLASSES)):
        cy = y + 2 * step + i * step
        out.append(f'<path class="dvk-map-c{i}" stroke-width="{size:g}" d="M{x + 6} {cy - 6}h0"/>'
                   f'<text x="{x + 20}" y="{cy}">{label}</text>')
    return "".join(out) + "</g>"


def province_table(models: list[Model], link_prefix: str) -> str:
    """The national map's numbers as a table: provinces with their models and communes with models."""
    by_province: dict[str, list[Model]] = {}
    for m in models:
        if m.unit_today:
            by_province.setdefault(m.unit_today.province, []).append(m)
    rows = []
    for name in sorted(by_province, key=text.province_order):
        ms = by_province[name]
        rows.append(f'<tr><th scope="row"><a href="{link_prefix}{text.province_slug(name)}/">{escape(name)}</a></th>'
                    f'<td>{text.number(len(ms))}</td><td>{text.number(len(counts_by_commune(ms)))}</td></tr>')
    return ('<table class="dvk-map-table"><caption>Số liệu của bản đồ: số mô hình theo tỉnh, thành phố hiện nay</caption>'
            '<thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">Số mô hình</th>'
            '<th scope="col">Số xã, phường có mô hình</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def country_figure(models: list[Model], link_prefix: str, map_id: str = "vn") -> str:
    """The national map with its table alternative (folded under the map)."""
    return (f'<figure class="dvk-map-figure">{national_map(models, link_prefix, map_id)}'
            '<figcaption>Chọn một tỉnh, thành phố trên bản đồ để xem các mô hình của tỉnh đó. Bản đồ vẽ từ tọa độ '
            'các xã, phường, đặc khu trong danh mục đơn vị hành chính; quần đảo Hoàng Sa và quần đảo Trường Sa là '
            'lãnh thổ Việt Nam.</figcaption></figure>'
            f'<details class="dvk-map-details"><summary>Bảng số liệu của bản đồ</summary>{province_table(models, link_prefix)}</details>')


# --- a province ----------------------------------------------------------------------------------
PROVINCE_WIDTH = 600


def province_map(province_code: str, models: list[Model], catalogue_url: str, map_id: str = "pv") -> str:
    """One province zoomed to its communes: communes with models link to the catalogue filtered by commune."""
    prov = register.by_code(province_code, register.CURRENT)
    own = [u for u in register.communes(register.CURRENT, province_code) if u.lat is not None]
    if prov is None or not own:
        return ""
    # leave the far-out special zones (Hoàng Sa, Trường Sa) out of the frame: they would shrink the province
    main = [u for u in own if u.commune_code not in ISLANDS] or own
    lat_lo, lat_hi = min(u.lat for u in main), max(u.lat for u in main)
    lon_lo, lon_hi = min(u.lon for u in main), max(u.lon for u in main)
    pad = max(lat_hi - lat_lo, (lon_hi - lon_lo) * COS) * 0.08 + 0.03
    lat_lo, lat_hi, lon_lo, lon_hi = lat_lo - pad, lat_hi + pad, lon_lo - pad / COS, lon_hi + pad / COS
    scale = PROVINCE_WIDTH / ((lon_hi - lon_lo) * COS)
    height = max(200, round((lat_hi - lat_lo) * scale))
    if height > 760:  # a tall province: fit the height instead
        scale = 760 / (lat_hi - lat_lo)
        height = 760
    width = round((lon_hi - lon_lo) * COS * scale)

    def at(u: Unit) -> tuple[int, int]:
        return round((u.lon - lon_lo) * COS * scale), round((lat_hi - u.lat) * scale)

    inside = lambda u: lat_lo <= u.lat <= lat_hi and lon_lo <= u.lon <= lon_hi  # noqa: E731
    others = [at(u) for u, _ in _communes() if u.province_code != province_code and inside(u)]
    per_commune = counts_by_commune(models)
    blob = max(6, round(0.06 * scale))
    title = f"Bản đồ mô hình “Dân vận khéo” của {prov.province}"
    desc = (f"{_models_word(len(models))} ở {text.number(len(per_commune))} trong {text.number(len(own))} xã, phường, "
            f"đặc khu của {prov.province}. Chấm đỏ là nơi có mô hình, càng lớn càng nhiều; chọn một chấm để xem các "
            "mô hình của xã, phường đó trong danh mục. Số liệu có trong bảng ngay sau bản đồ.")
    parts = [f'<svg class="dvk-map dvk-map--province" viewBox="0 0 {width} {height}" role="group" '
             f'aria-labelledby="{map_id}-t {map_id}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{map_id}-t">{escape(title)}</title><desc id="{map_id}-d">{escape(desc)}</desc>',
             f'<path class="dvk-map-near" stroke-width="{blob}" d="{dots_path(sorted(others))}"/>',
             f'<path class="dvk-map-self" stroke-width="{blob}" d="{dots_path(at(u) for u in own if inside(u))}"/>',
             f'<path class="dvk-map-dot" d="{dots_path(at(u) for u in own if inside(u))}"/>',
             '<g class="dvk-map-links">']
    for u in own:
        n = per_commune.get(u.commune_code, 0)
        if not n or not inside(u):
            continue
        x, y = at(u)
        r = min(4 + 2.2 * math.sqrt(n), 16)
        label = f"{u.commune}: {_models_word(n)}"
        parts.append(f'<a href="{catalogue_url}?xa={u.commune_code}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
                     f'<circle class="dvk-map-commune" cx="{x}" cy="{y}" r="{r:.1f}"/></a>')
    parts.append("</g></svg>")
    return "".join(parts)


def commune_table(province_code: str, models: list[Model], catalogue_url: str) -> str:
    """The province map's numbers: communes with models and their counts, linking to the catalogue."""
    per_commune = counts_by_commune(models)
    rows = [f'<tr><th scope="row"><a href="{catalogue_url}?xa={u.commune_code}">{escape(u.commune)}</a></th>'
            f"<td>{text.number(per_commune[u.commune_code])}</td></tr>"
            for u in register.communes(register.CURRENT, province_code) if per_commune[u.commune_code]]
    return ('<table class="dvk-map-table"><caption>Số liệu của bản đồ: số mô hình theo xã, phường, đặc khu hiện nay</caption>'
            '<thead><tr><th scope="col">Xã, phường, đặc khu</th><th scope="col">Số mô hình</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def province_figure(province_code: str, models: list[Model], catalogue_url: str) -> str:
    svg = province_map(province_code, models, catalogue_url)
    if not svg:
        return ""
    return (f'<figure class="dvk-map-figure">{svg}<figcaption>Chọn một xã, phường trên bản đồ để xem các mô hình '
            'của xã, phường đó trong danh mục.</figcaption></figure>'
            f'<details class="dvk-map-details"><summary>Bảng số liệu của bản đồ</summary>'
            f"{commune_table(province_code, models, catalogue_url)}</details>")


# --- a model's locator ---------------------------------------------------------------------------
BASE_FILE = "assets/ban-do-viet-nam.svg"


@lru_cache(maxsize=1)
def base_map() -> str:
    """The country's communes as faint dots, provinces as light areas: the locator maps' background (one file)."""
    paths = "".join(f'<path d="{dots_path(p)}"/>' for _, p in sorted(_province_points().items()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f'<g fill="none" stroke="#e3e7ea" stroke-width="8" stroke-linecap="round">{paths}</g>'
            f'<g fill="none" stroke="#b4bec5" stroke-width="1.6" stroke-linecap="round">{paths}</g>'
            "</svg>\n")


@lru_cache(maxsize=1)
def _locator_labels() -> str:
    """The islands' names as HTML over the locator: text drawn in a map a third of its size would be 4 px.

    Placed in % of the map, so they follow its dots at any width; the lower one sits above its
    island, the other below.
    """
    out = []
    for name, _, pt in _islands():
        side = "above" if pt.y > HEIGHT * 0.75 else "below"
        x = min(pt.x, WIDTH - 70)  # two short lines, ~70 units each side of their centre
        where = f"left:{100 * x / WIDTH:.1f}%;top:{100 * pt.y / HEIGHT:.1f}%"
        words = name.split(" ")  # "Quần đảo" over the island's name
        out.append(f'<span class="dvk-locator-label dvk-locator-label--{side}" style="{where}" aria-hidden="true">'
                   f'{escape(" ".join(words[:2]))} <br>{escape(" ".join(words[2:]))}</span>')
    return "".join(out)


def locator(m: Model, root: str) -> Markup:
    """A small map of the country with the model's commune (or province) marked, over the shared base file."""
    unit = m.unit_today
    if unit is None:
        return Markup("")
    target = unit if unit.lat is not None else register.by_code(unit.province_code, register.CURRENT)
    if target is None or target.lat is None:
        return Markup("")
    pt = _project(target.lat, target.lon)
    name = unit.name
    return Markup(f'<figure class="dvk-locator"><div class="dvk-locator-box"><img src="{root}{BASE_FILE}" alt="" width="{WIDTH}" height="{HEIGHT}">'
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Vị trí: {escape(name)}" xmlns="http://www.w3.org/2000/svg">'
            f'<circle class="dvk-locator-halo" cx="{pt.x}" cy="{pt.y}" r="22"/>'
            f'<circle class="dvk-locator-dot" cx="{pt.x}" cy="{pt.y}" r="9"/></svg>{_locator_labels()}</div>'
            f"<figcaption>{escape(name)}</figcaption></figure>")  # a template inserts it as HTML
