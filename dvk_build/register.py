"""The official register of administrative units (63 provinces before, 34 after 1 July 2025).

Data: the `vietnamadminunits` package (MIT), read straight from its SQLite file and conversion
table so the build does not import its address parser (shapely, geopy). Two registers:

- `legacy`: 63 provinces, their districts and 10,040 communes as they stood on 30 June 2025,
  with General Statistics Office codes and coordinates (island districts have no communes);
- `2025`: 34 provinces and 3,321 communes, wards and special zones from 1 July 2025.

`lookup()` matches a dossier's names (with or without the Xã/Huyện/Tỉnh prefix, any case, NFC or
NFD, either tone-mark placement: Hòa/Hoà) and gives the unit, its codes and the unit today;
`suggest()` gives the closest real units for a name that is not in the register.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import default_config

LEGACY = "legacy"  # 63-province register, in force until 30 June 2025
CURRENT = "2025"  # 34-province register, from 1 July 2025
PACKAGE = "vietnamadminunits"

# Prefixes a name may carry, longest first so "Thành phố" is not read as "Thành".
_PREFIXES = {
    "province": ("Thành phố", "Tỉnh", "TP."),
    "district": ("Thành phố", "Thị xã", "Huyện", "Quận", "TP."),
    "commune": ("Thị trấn", "Đặc khu", "Phường", "Xã"),
}
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@dataclass(frozen=True)
class Unit:
    """One unit of a register, down to the level named (district and commune may be empty)."""

    register: str
    province: str
    province_code: str
    district: str = ""
    district_code: str = ""
    commune: str = ""
    commune_code: str = ""
    lat: float | None = None
    lon: float | None = None

    @property
    def code(self) -> str:
        """Code of the lowest level named."""
        return self.commune_code or self.district_code or self.province_code

    @property
    def name(self) -> str:
        """Full name, lowest level first: "Xã Tân Thạch, Huyện Châu Thành, Tỉnh Bến Tre"."""
        return ", ".join(p for p in (self.commune, self.district, self.province) if p)


@dataclass(frozen=True)
class Match:
    """What the register says about a dossier's locality.

    `unit` is None when a level is not in the register: `failed` names that level ("province",
    "district" or "commune"), `reason` says why ("unknown", "ambiguous", "other-district" when
    the commune exists under another district, "newer-register" when the name is a 2025 unit
    in a legacy dossier) and `suggestions` are the closest real units.
    `current` is the unit today (the unit itself in the 2025 register); a legacy commune split
    between several new ones has them all in `current_options`, the register's default first.
    """

    unit: Unit | None
    failed: str = ""
    reason: str = ""
    suggestions: tuple[Unit, ...] = ()
    current_options: tuple[Unit, ...] = ()
    former_name: bool = False  # the commune was named by a name it had before a merger (2021-2025)

    @property
    def ok(self) -> bool:
        return self.unit is not None

    @property
    def current(self) -> Unit | None:
        return self.current_options[0] if self.current_options else None


def fold_tones(text: str) -> str:
    """Case-folded NFC with each syllable's tone mark moved to its end (Hòa = Hoà)."""
    words = unicodedata.normalize("NFD", text.casefold()).split()
    # a stable sort: the tone marks go last, every other character keeps its place
    return unicodedata.normalize("NFC", " ".join("".join(sorted(w, key=lambda c: c in _TONES)) for w in words))


def ascii_key(text: str) -> str:
    """Letters and digits without diacritics: the key typos and missing accents are found by."""
    plain = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def strip_prefix(name: str, level: str) -> str:
    """The proper name without its administrative prefix ("Xã Tân Thạch" → "Tân Thạch")."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    for prefix in _PREFIXES[level]:
        if text.casefold().startswith(prefix.casefold() + " ") or (prefix.endswith(".") and text.casefold().startswith(prefix.casefold())):
            rest = text[len(prefix):].strip()
            if rest:
                return rest
    return text


def _prefix_of(name: str, level: str) -> str:
    text = " ".join(unicodedata.normalize("NFC", name).split()).casefold()
    for prefix in _PREFIXES[level]:
        if text.startswith(prefix.casefold() + " "):
            return "Thành phố" if prefix == "TP." else prefix
    return ""


@lru_cache(maxsize=65536)  # the same province and district names come back in dossier after dossier
def key(name: str, level: str) -> str:
    """Exact-match key: the proper name with its diacritics, case and tone placement folded."""
    return fold_tones(strip_prefix(name, level))


def data_dir() -> Path:
    """The package's data folder, found without importing the package (its parser is heavy)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"Thiếu gói `{PACKAGE}` (danh mục đơn vị hành chính): pip install {PACKAGE}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass
class _Register:
    provinces: dict[str, Unit] = field(default_factory=dict)  # province code → unit
    districts: dict[str, list[Unit]] = field(default_factory=dict)  # province code → its districts
    communes: dict[str, list[Unit]] = field(default_factory=dict)  # province code → its communes
    by_code: dict[str, Unit] = field(default_factory=dict)  # commune code → unit
    index: dict[tuple[str, str], dict[str, list[Unit]]] = field(default_factory=dict)  # (level, province) → key → units
    # province code → ASCII key of a former commune name → the unit it was merged into (legacy only)
    former: dict[str, dict[str, list[Unit]]] = field(default_factory=dict)


@dataclass
class _Data:
    registers: dict[str, _Register]
    # legacy commune code (or "D" + district code for island districts without communes) →
    # current commune codes, default first
    to_current: dict[str, tuple[str, ...]]
    province_to_current: dict[str, str]  # legacy province code → current province code


@lru_cache(maxsize=1)
def _data() -> _Data:
    folder = data_dir()
    con = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = _Register()
        keys: dict[str, str] = {}  # converter key "province_district_ward" → legacy commune/district code
        rows = con.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, district, districtCode, districtLat, districtLon,"
            " ward, wardCode, wardLat, wardLon, provinceKey, districtKey, wardKey, wardAlias"
            " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
        for (prov, pcode, plat, plon, dist, dcode, dlat, dlon, ward, wcode, wlat, wlon, pkey, dkey, wkey, alias) in rows:
            if pcode not in legacy.provinces:
                legacy.provinces[pcode] = Unit(LEGACY, prov, pcode, lat=plat, lon=plon)
                legacy.districts[pcode], legacy.communes[pcode] = [], []
            if not legacy.districts[pcode] or legacy.districts[pcode][-1].district_code != dcode:
                legacy.districts[pcode].append(Unit(LEGACY, prov, pcode, dist, dcode, lat=dlat, lon=dlon))
            if ward:
                unit = Unit(LEGACY, prov, pcode, dist, dcode, ward, wcode, wlat, wlon)
                legacy.communes[pcode].append(unit)
                legacy.by_code[wcode] = unit
                keys[f"{pkey}_{dkey}_{wkey}"] = wcode
                # names of communes merged into this one between 2021 and 2025 (ASCII keys, with
                # and without prefix); "p4"-style abbreviations are left out
                for old in json.loads(alias) if alias else ():
                    if len(old) > 3:
                        legacy.former.setdefault(pcode, {}).setdefault(old, []).append(unit)
            else:
                keys[f"{pkey}_{dkey}_"] = "D" + dcode
        current = _Register()
        new_keys: dict[tuple[str, str], str] = {}
        province_keys: dict[str, str] = {}
        for (prov, pcode, plat, plon, ward, wcode, wlat, wlon, pkey, wkey) in con.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, ward, wardCode, wardLat, wardLon, provinceKey, wardKey"
            " FROM admin_units ORDER BY provinceCode, wardCode"
        ):
            if pcode not in current.provinces:
                current.provinces[pcode] = Unit(CURRENT, prov, pcode, lat=plat, lon=plon)
                current.communes[pcode] = []
                province_keys[pkey] = pcode
            unit = Unit(CURRENT, prov, pcode, commune=ward, commune_code=wcode, lat=wlat, lon=wlon)
            current.communes[pcode].append(unit)
            current.by_code[wcode] = unit
            new_keys[(pkey, wkey)] = wcode
        legacy_pkeys = {k: code for k, code in con.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy")}
    finally:
        con.close()
    conv = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    province_to_current = {legacy_pkeys[old]: province_keys[new] for new, olds in conv["DICT_PROVINCE"].items() for old in olds}
    to_current: dict[str, tuple[str, ...]] = {}
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, olds in wards.items():
            for old in olds:
                to_current[keys[old]] = (new_keys[(new_pkey, new_wkey)],)
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, options in olds.items():
            ordered = sorted(options, key=lambda o: not o["isDefaultNewWard"])  # stable: register order otherwise
            to_current[keys[old]] = tuple(new_keys[(new_pkey, o["newWardKey"])] for o in ordered)
    return _Data({LEGACY: legacy, CURRENT: current}, to_current, province_to_current)


def register_of(period: str) -> str:
    """The register a dossier period uses: a register name, or a period slug of config.yaml."""
    if period in (LEGACY, CURRENT):
        return period
    found = default_config().periods.get(period)
    if found is None:
        raise ValueError(f"unknown period or register {period!r}")
    return found.register


def provinces(register: str = CURRENT) -> list[Unit]:
    """Every province of a register, by code."""
    return list(_data().registers[register_of(register)].provinces.values())


def communes(register: str = CURRENT, province_code: str | None = None) -> list[Unit]:
    """Every commune of a register (or of one province), by code."""
    reg = _data().registers[register_of(register)]
    if province_code is not None:
        return list(reg.communes.get(province_code, []))
    return [u for units in reg.communes.values() for u in units]


def by_code(code: str, register: str = CURRENT) -> Unit | None:
    """A commune (or a province, for a two-digit code) by its official code."""
    reg = _data().registers[register_of(register)]
    return reg.provinces.get(code) if len(code) <= 2 else reg.by_code.get(code)


def current_of(unit: Unit) -> tuple[Unit, ...]:
    """The unit(s) today of a legacy unit, the register's default first (the unit itself if current)."""
    if unit.register == CURRENT:
        return (unit,)
    data = _data()
    new_province = data.registers[CURRENT].provinces[data.province_to_current[unit.province_code]]
    if unit.commune:
        codes = data.to_current[unit.commune_code]
    else:  # an island district without communes (Côn Đảo, Lý Sơn...) became a special zone; others, the province
        codes = data.to_current.get("D" + unit.district_code, ()) if unit.district else ()
    return tuple(data.registers[CURRENT].by_code[c] for c in codes) or (new_province,)


def _find(reg: _Register, level: str, province_code: str, name: str, district_code: str = "") -> list[Unit]:
    """Units of `reg` whose name at `level` matches (same proper name; same prefix when one is
    given and several match), among the provinces, or the districts or communes of a province."""
    index = reg.index.get((level, province_code))
    if index is None:
        units = (list(reg.provinces.values()) if level == "province" else
                 reg.districts.get(province_code, []) if level == "district" else reg.communes.get(province_code, []))
        index = reg.index[(level, province_code)] = {}
        for u in units:
            index.setdefault(key(getattr(u, level), level), []).append(u)
    found = [u for u in index.get(key(name, level), []) if not district_code or u.district_code == district_code]
    prefix = _prefix_of(name, level)
    if prefix and len(found) > 1:
        typed = [u for u in found if _prefix_of(getattr(u, level), level) == prefix]
        found = typed or found
    return found


def lookup(province: str, district: str | None = None, commune: str | None = None, period: str = LEGACY) -> Match:
    """Match a locality against the register of `period` (a config period slug or a register name).

    Names may carry their prefix or not, in any case, NFC or NFD. In the 2025 register the
    district is ignored (there is none; DVK308 reports it). A commune left out is fine: the
    unit is then the district or the province.
    """
    register = register_of(period)
    data = _data()
    reg = data.registers[register]
    found_p = _find(reg, "province", "", province)
    if len(found_p) > 1:
        return Match(None, "province", "ambiguous", tuple(found_p))
    if not found_p:
        return Match(None, "province", "unknown", tuple(suggest(province, district, commune, register)))
    prov = found_p[0]
    district = district if register == LEGACY else None
    dist = None
    if district:
        found_d = _find(reg, "district", prov.province_code, district)
        if len(found_d) > 1:  # Huyện and Thị xã Kỳ Anh: the prefix decides
            return Match(None, "district", "ambiguous", tuple(found_d))
        if not found_d:
            return Match(None, "district", "unknown", tuple(suggest(province, district, commune, register)))
        dist = found_d[0]
    if not commune:
        unit = dist or prov
        return Match(unit, current_options=current_of(unit))
    found_c = _find(reg, "commune", prov.province_code, commune, dist.district_code if dist else "")
    if len(found_c) == 1:
        return Match(found_c[0], current_options=current_of(found_c[0]))
    if not found_c and register == LEGACY:  # a commune merged into another before 1 July 2025
        olds = [u for u in reg.former.get(prov.province_code, {}).get(ascii_key(commune), [])
                if not dist or u.district_code == dist.district_code]
        if len({u.code for u in olds}) == 1:
            return Match(olds[0], current_options=current_of(olds[0]), former_name=True)
    if len(found_c) > 1:  # same name in several districts of the province: the district decides
        return Match(None, "commune", "ambiguous", tuple(found_c))
    reason = "unknown"
    if dist and _find(reg, "commune", prov.province_code, commune):
        reason = "other-district"
    elif register == LEGACY:
        today = data.registers[CURRENT].provinces[data.province_to_current[prov.province_code]]
        newer = _find(data.registers[CURRENT], "commune", today.province_code, commune)
        if newer:  # suggest the old communes it was made of, those of the district written first
            codes = {u.commune_code for u in newer}
            sources = [u for u in reg.communes[prov.province_code] if data.to_current.get(u.commune_code, ("",))[0] in codes]
            sources.sort(key=lambda u: (not dist or u.district_code != dist.district_code, u.code))
            return Match(None, "commune", "newer-register", tuple(sources[:3]))
    return Match(None, "commune", reason, tuple(suggest(province, district, commune, register)))


def suggest(province: str, district: str | None = None, commune: str | None = None,
            period: str = LEGACY, limit: int = 3) -> list[Unit]:
    """The real units closest to a locality that is not in the register, best first.

    Names are compared without diacritics (a typo in a tone mark matches exactly); a commune is
    looked for in its district, then its province, then the whole country, so a commune put in
    the wrong district is suggested with its real district.
    """
    register = register_of(period)
    reg = _data().registers[register]
    district = district if register == LEGACY else None

    def close(units: list[Unit], name: str, level: str, cutoff: float = 0.75, near: str = "") -> list[Unit]:
        """Units by likeness of their proper name; those in district `near` first among equals."""
        wanted = ascii_key(strip_prefix(name, level))
        scored = []
        for u in units:
            have = ascii_key(strip_prefix(getattr(u, level), level))
            ratio = 1.0 if have == wanted else difflib.SequenceMatcher(None, wanted, have).ratio()
            if ratio >= cutoff:
                scored.append((-ratio - (0.05 if near and u.district_code == near else 0), u.code, u))
        return [u for _, _, u in sorted(scored, key=lambda t: (t[0], t[1]))]

    provs = _find(reg, "province", "", province) or close(list(reg.provinces.values()), province, "province", 0.6)
    if not commune and not district:
        return provs[:limit]
    out: list[Unit] = []
    for prov in provs[:2]:
        pcode = prov.province_code
        dists = _find(reg, "district", pcode, district) if district else []
        if district and not dists:
            dists = close(reg.districts.get(pcode, []), district, "district", 0.6)
        if not commune:
            out += dists
            continue
        out += close(reg.communes[pcode], commune, "commune", near=dists[0].district_code if dists else "")
    if commune and not out:
        out = close(communes(register), commune, "commune", 0.9)
    return list(dict.fromkeys(out))[:limit]  # a unit found twice is named once
