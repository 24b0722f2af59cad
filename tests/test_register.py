"""The register of administrative units: matching names, suggestions, and the units today."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from dvk_build import register
from dvk_build.config import default_config
from dvk_build.places import resolve


def test_the_two_registers_are_complete() -> None:
    assert len(register.provinces(register.LEGACY)) == 63
    assert len(register.provinces(register.CURRENT)) == 34
    assert len(register.communes(register.CURRENT)) == 3321
    assert len(register.communes(register.LEGACY)) > 10000
    # every commune of today has coordinates (the map draws them); codes are the official ones
    assert all(u.lat is not None and u.lon is not None for u in register.communes(register.CURRENT))
    assert register.by_code("28810").name == "Xã Phú Túc, Tỉnh Vĩnh Long"


@pytest.mark.parametrize("names", [
    ("Tỉnh Bến Tre", "Huyện Châu Thành", "Xã Tân Thạch"),
    ("bến tre", "châu thành", "tân thạch"),
    ("TỈNH BẾN TRE", "HUYỆN CHÂU THÀNH", "XÃ TÂN THẠCH"),
    tuple(unicodedata.normalize("NFD", n) for n in ("Tỉnh Bến Tre", "Huyện Châu Thành", "Xã Tân Thạch")),
])
def test_lookup_accepts_prefix_case_and_nfd(names: tuple[str, str, str]) -> None:
    match = register.lookup(*names, period="2021-2025")
    assert match.ok and match.unit is not None
    assert (match.unit.province_code, match.unit.district_code, match.unit.commune_code) == ("83", "831", "28804")
    assert match.current is not None and match.current.name == "Xã Phú Túc, Tỉnh Vĩnh Long"


def test_either_tone_mark_placement() -> None:
    assert register.lookup("Tỉnh Khánh Hoà", period="2026-2030").unit == register.lookup("Tỉnh Khánh Hòa", period="2026-2030").unit


def test_typo_fails_with_the_real_name_first() -> None:
    match = register.lookup("Tỉnh Bến Tre", "Huyện Châu Thành", "Xã Tân Thach", "2021-2025")
    assert not match.ok and match.failed == "commune" and match.reason == "unknown"
    assert match.suggestions[0].name == "Xã Tân Thạch, Huyện Châu Thành, Tỉnh Bến Tre"


def test_wrong_district_suggests_the_real_one() -> None:
    match = register.lookup("Tỉnh Bến Tre", "Huyện Mỏ Cày Nam", "Xã Tân Thạch", "2021-2025")
    assert (match.failed, match.reason) == ("commune", "other-district")
    assert match.suggestions[0].district == "Huyện Châu Thành"


def test_2025_commune_in_a_legacy_dossier() -> None:
    match = register.lookup("Tỉnh Bến Tre", "Huyện Châu Thành", "Xã Đồng Khởi", "2021-2025")
    assert match.reason == "newer-register"
    # the suggestions are old communes that became Xã Đồng Khởi
    assert match.suggestions and all(register.current_of(u)[0].commune == "Xã Đồng Khởi" for u in match.suggestions)
    assert register.lookup("Tỉnh Vĩnh Long", None, "Xã Đồng Khởi", "2026-2030").ok


def test_legacy_province_is_not_in_the_2025_register() -> None:
    match = register.lookup("Tỉnh Bến Tre", None, "Xã Phú Túc", "2026-2030")
    assert match.failed == "province"


def test_same_name_in_two_districts_needs_the_prefix() -> None:
    assert register.lookup("Tỉnh Hà Tĩnh", "Kỳ Anh", None, "2021-2025").reason == "ambiguous"
    assert register.lookup("Tỉnh Hà Tĩnh", "Thị xã Kỳ Anh", None, "2021-2025").ok


def test_island_district_without_communes_becomes_a_special_zone() -> None:
    match = register.lookup("Tỉnh Quảng Ngãi", "Huyện Lý Sơn", None, "2021-2025")
    assert match.ok and match.current is not None and match.current.commune == "Đặc khu Lý Sơn"


def test_hand_written_current_units() -> None:
    loc = {"province": "Tỉnh Bến Tre", "district": "Huyện Châu Thành", "commune": "Xã Tân Thạch"}
    place = resolve({**loc, "current_province": "Tỉnh Đồng Tháp"}, "legacy")
    assert place is not None and place.conflicts == (("current_province", "Tỉnh Đồng Tháp", "Tỉnh Vĩnh Long"),)
    agreeing = resolve({**loc, "current_province": "Tỉnh Vĩnh Long", "current_commune": "Phú Túc"}, "legacy")
    assert agreeing is not None and agreeing.conflicts == ()


def test_a_split_commune_takes_the_hand_written_choice() -> None:
    split = next(u for u in register.communes(register.LEGACY) if len(register.current_of(u)) > 1)
    options = register.current_of(split)
    loc = {"province": split.province, "district": split.district, "commune": split.commune}
    assert resolve(loc, "legacy").today == options[0]  # the register's default
    chosen = resolve({**loc, "current_commune": options[1].commune}, "legacy")
    assert chosen.today == options[1] and chosen.conflicts == ()


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


# The 2025 mergers of provinces (Nghị quyết 202/2025/QH15): old province → province today.
MERGED_INTO = {
    "Tỉnh Tiền Giang": "Tỉnh Đồng Tháp", "Tỉnh Bình Phước": "Tỉnh Đồng Nai", "Tỉnh Bình Dương": "Thành phố Hồ Chí Minh",
    "Tỉnh Long An": "Tỉnh Tây Ninh", "Tỉnh Trà Vinh": "Tỉnh Vĩnh Long", "Tỉnh Bến Tre": "Tỉnh Vĩnh Long",
    "Tỉnh Sóc Trăng": "Thành phố Cần Thơ", "Tỉnh Đồng Tháp": "Tỉnh Đồng Tháp", "Tỉnh Nghệ An": "Tỉnh Nghệ An",
    "Tỉnh Quảng Ninh": "Tỉnh Quảng Ninh", "Tỉnh Tây Ninh": "Tỉnh Tây Ninh",
}


def test_derived_units_of_the_shipped_dossiers() -> None:
    config = default_config()
    seen = {}
    for path in sorted((ROOT / "content" / "models").glob("**/*.md")):
        data = _front_matter(path)
        slug = path.parent.name if path.name == "index.md" else path.stem
        place = resolve(data["locality"], config.periods[data["period"]].register)
        assert place is not None and place.match.ok, (slug, place)
        assert place.today is not None and place.today.register == register.CURRENT
        assert "current_province" not in data["locality"], f"{slug}: the current unit is derived"
        assert place.today.province == MERGED_INTO[data["locality"]["province"]], slug
        assert place.today.commune, f"{slug}: every shipped dossier names its commune"
        seen[slug] = place.today.name
    assert len(seen) >= 17


def test_a_commune_merged_before_2025_is_known_by_its_former_name() -> None:
    # Xã An Khánh (Châu Thành, Bến Tre) was merged into Thị trấn Châu Thành before 1 July 2025;
    # a model recognized there in 2022 names it as it was.
    match = register.lookup("Tỉnh Bến Tre", "Huyện Châu Thành", "Xã An Khánh", "2021-2025")
    assert match.ok and match.former_name and match.unit is not None
    assert match.unit.commune == "Thị trấn Châu Thành" and match.current is not None
    assert not register.lookup("Tỉnh Bến Tre", "Huyện Ba Tri", "Xã An Khánh", "2021-2025").ok  # not that district's


def test_exports_carry_the_official_codes(built_site: Path) -> None:
    """JSON, CSV (read by csv), Excel (read by openpyxl) and the export's JSON Schema name the units' codes."""
    import csv
    import io
    import json

    import openpyxl

    data = built_site / "du-lieu"
    doc = json.loads((data / "mo-hinh.json").read_text(encoding="utf-8"))
    by_slug = {m["slug"]: m for m in doc["models"]}
    camera = by_slug["camera-an-ninh-mat-than-xa-long-dinh"]  # Tiền Giang (82) → Đồng Tháp (82 since 2025)
    assert camera["province_now"] == "Tỉnh Đồng Tháp" and camera["province_code_now"] == "82"
    assert camera["commune_now"] == "Xã Long Định"
    for m in doc["models"]:
        now = register.by_code(m["commune_code_now"], register.CURRENT)
        assert now is not None and now.province == m["province_now"] == register.by_code(m["province_code_now"]).province
        if m["period"] == "2021-2025":
            then = register.by_code(m["commune_code_at_recognition"], register.LEGACY)
            assert then is not None and then.province_code == m["province_code_at_recognition"]
            assert then.district_code == m["district_code_at_recognition"]
    schema = json.loads((data / "mo-hinh.schema.json").read_text(encoding="utf-8"))
    props = schema["$defs"]["model"]["properties"] if "$defs" in schema and "model" in schema["$defs"] else \
        schema["properties"]["models"]["items"]["properties"]
    assert props["commune_code_now"]["pattern"] == "^[0-9]{5}$"
    rows = list(csv.DictReader(io.StringIO((data / "mo-hinh.csv").read_text(encoding="utf-8-sig"))))
    assert {r["slug"]: r["commune_code_now"] for r in rows} == {s: m["commune_code_now"] for s, m in by_slug.items()}
    ws = openpyxl.load_workbook(data / "mo-hinh.xlsx", read_only=True)["Mô hình"]
    header, *cells = list(ws.iter_rows(values_only=True))
    col = header.index("province_code_now")
    assert {str(r[col]) for r in cells} == {m["province_code_now"] for m in doc["models"]}
    assert all(isinstance(r[col], str) for r in cells), "codes stay text (leading zeros) in Excel"


def test_word_forms_name_the_unit_today(shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    from dvk_build.forms.facts import placeholders

    model = next(m for m in shipped_catalogue.models if m.slug == "to-hop-tac-dua-huu-co-xa-huong-my")
    values = [str(v) for v in placeholders(model, "2a").values()]
    assert any("Xã Hương Mỹ, Huyện Mỏ Cày Nam, Tỉnh Bến Tre (nay là Xã Hương Mỹ, Tỉnh Vĩnh Long)" in v for v in values)
