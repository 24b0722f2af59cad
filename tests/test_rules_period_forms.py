"""Rules read from the configuration: document numbers (DVK306), tiers and localities of a period
after the 2025 reform (DVK301, DVK303, DVK308), and the holder kinds that state the three
interests (DVK204). The example files under tests/example-files assert the shipped behaviour; the
cases here vary the data or the configuration around it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from dvk_build.config import CONFIG_PATH, default_config, load_config
from dvk_build.validate.engine import check_paths
from dvk_build.validate.rules.dvk306_notice_number import NUMBER_RE

POSITIVE = ROOT / "tests" / "example-files" / "positive"
TODAY = dt.date(2029, 1, 1)  # every date below, even a year after the 2026-2030 example's, lies in the past


def _parts(name: str) -> tuple[dict[str, Any], str]:
    front, body = (POSITIVE / name).read_text(encoding="utf-8").split("---\n", 2)[1:]
    return yaml.safe_load(front), body


def _codes(tmp_path: Path, data: dict[str, Any], body: str, config: Any = None) -> list[tuple[str, str]]:
    path = tmp_path / "mau.md"
    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}", encoding="utf-8")
    report = check_paths([path], config or default_config(), TODAY, root=tmp_path)
    return [(p.code, p.message) for p in report.problems]


def _config(tmp_path: Path, edit: Any) -> Any:
    raw = yaml.safe_load(CONFIG_PATH.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_config(path)


# --- DVK306: party and state document numbers ------------------------------------------------------

@pytest.mark.parametrize("number", ["21-TB/ĐU", "05-TB/ĐU", "145-TB/HU", "123-QĐ/TU", "58-QĐ/BDVTU",
                                    "1520/QĐ-UBND", "45/QĐ-UBND", "12/QĐ-BTĐKT", "25/2024/QĐ-UBND"])
def test_dvk306_accepts_party_and_state_numbers(number: str) -> None:
    assert NUMBER_RE.match(number)


@pytest.mark.parametrize("number", ["Thông báo số 5", "021", "QĐ-UBND", "1520/QĐ", "1520/QĐ-", "1520-QĐ-UBND",
                                    "21/TB/ĐU", "21-TB-ĐU", "1520/qđ-ubnd", "abc/QĐ-UBND", "1520//QĐ-UBND",
                                    "1520/QĐ-UBND/x", "21-TB/ĐU/QĐ-UBND", "123456/QĐ-UBND", "1520/24/QĐ-UBND"])
def test_dvk306_still_rejects_garbage(number: str) -> None:
    assert not NUMBER_RE.match(number)


def test_dvk306_state_decision_in_a_dossier(tmp_path: Path) -> None:
    data, body = _parts("hien-dat-mo-duong-xa-long-thanh.md")
    data["awards"] = [{"year": 2024, "by": "Ủy ban nhân dân tỉnh Tây Ninh", "form": "Bằng khen", "decision": "1520/QĐ-UBND"}]
    data["recognitions"][0]["notice"]["number"] = "45/QĐ-UBND"
    assert [c for c, _ in _codes(tmp_path, data, body)] == []
    data["awards"][0]["decision"] = "1520/QĐ"
    assert [c for c, _ in _codes(tmp_path, data, body)] == ["DVK306"]


# --- DVK301, DVK303, DVK308: the 2026-2030 period has no district level ----------------------------

def test_scope_huyen_in_2026_2030_is_one_error_not_two(tmp_path: Path) -> None:
    """Recognized at `xa` and `tinh`, scope `huyen`: DVK301 reports it; DVK303 leaves it alone."""
    data, body = _parts("dan-van-kheo-xa-phuoc-vinh-2026.md")
    xa = data["recognitions"][0]
    tinh = copy.deepcopy(xa)
    tinh.update(tier="tinh", body="Ban Thường vụ Tỉnh ủy Tây Ninh")
    for key in ("report", "vote", "notice"):
        tinh[key]["date"] = tinh[key]["date"].replace(year=tinh[key]["date"].year + 1)
    tinh["notice"]["number"] = "312-TB/TU"
    data["recognitions"].append(tinh)
    data["evaluation"]["replicability"]["scope"] = "tinh"
    assert [c for c, _ in _codes(tmp_path, data, body)] == []
    data["evaluation"]["replicability"]["scope"] = "huyen"
    problems = _codes(tmp_path, data, body)
    assert [c for c, _ in problems] == ["DVK301"], problems
    assert "không có cấp huyện" in problems[0][1]


@pytest.mark.parametrize("scope", ["co-so", "huyen"])
def test_scope_outside_the_period_tiers_even_on_a_draft(tmp_path: Path, scope: str) -> None:
    data, body = _parts("dan-van-kheo-xa-phuoc-vinh-2026.md")
    del data["recognitions"]
    data["evaluation"]["replicability"]["scope"] = scope
    assert "DVK301" in [c for c, _ in _codes(tmp_path, data, body)]


def test_2021_2025_keeps_district_and_huyen_scope(tmp_path: Path) -> None:
    data, body = _parts("hien-dat-mo-duong-xa-long-thanh.md")
    assert data["period"] == "2021-2025" and data["locality"]["district"]
    data["evaluation"]["replicability"]["scope"] = "huyen"
    assert [c for c, _ in _codes(tmp_path, data, body)] == []


def test_district_warning_names_the_reform_and_the_commune(tmp_path: Path) -> None:
    data, body = _parts("dan-van-kheo-xa-phuoc-vinh-2026.md")
    data["locality"]["district"] = "Huyện Châu Thành"
    path = tmp_path / "mau.md"
    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}", encoding="utf-8")
    (problem,) = check_paths([path], default_config(), TODAY, root=tmp_path).problems
    assert (problem.code, problem.severity.value) == ("DVK308", "warning")
    assert "1/7/2025" in problem.message and "không còn cấp huyện" in problem.message
    assert "`locality.commune`" in problem.hint and "xã, phường, đặc khu" in problem.hint
    data["locality"]["district"] = None  # an empty district is no claim
    assert _codes(tmp_path, data, body) == []


def test_period_levels_come_from_the_configuration(tmp_path: Path) -> None:
    """Give 2026-2030 a district tier and level again: the same dossier passes; no period is hard-coded."""
    data, body = _parts("dan-van-kheo-xa-phuoc-vinh-2026.md")
    data["locality"]["district"] = "Huyện Châu Thành"
    data["evaluation"]["replicability"]["scope"] = "huyen"
    assert sorted(c for c, _ in _codes(tmp_path, data, body)) == ["DVK301", "DVK308"]

    def restore_district(raw: dict[str, Any]) -> None:
        raw["periods"]["2026-2030"]["tiers"] = ["xa", "huyen", "tinh"]
        raw["periods"]["2026-2030"]["localities"] = {"province": "tỉnh", "district": "huyện", "commune": "xã"}

    assert _codes(tmp_path, data, body, _config(tmp_path, restore_district)) == []

    def drop_district_2021(raw: dict[str, Any]) -> None:
        raw["periods"]["2021-2025"]["tiers"] = ["co-so", "tinh"]
        raw["periods"]["2021-2025"]["localities"] = {"province": "tỉnh", "commune": "xã"}

    data, body = _parts("bi-thu-chi-bo-van-dong-xoa-nha-tam.md")
    data["evaluation"]["replicability"]["scope"] = "huyen"
    codes = sorted(c for c, _ in _codes(tmp_path, data, body, _config(tmp_path, drop_district_2021)))
    assert codes == ["DVK301", "DVK308"]


def test_unknown_locality_level_in_the_configuration_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="hamlet"):
        _config(tmp_path, lambda raw: raw["periods"]["2026-2030"]["localities"].update(hamlet="ấp"))


# --- DVK204: the three interests, for the holder kinds the configuration names -----------------------

def test_dvk204_applies_to_individuals(tmp_path: Path) -> None:
    data, body = _parts("bi-thu-chi-bo-van-dong-xoa-nha-tam.md")
    assert data["holder"]["kind"] == "ca-nhan" and data["recognitions"]
    del data["idea"]["interests"]
    assert [c for c, _ in _codes(tmp_path, data, body)] == ["DVK204"] * 3


def test_dvk204_kinds_come_from_the_configuration(tmp_path: Path) -> None:
    data, body = _parts("bi-thu-chi-bo-van-dong-xoa-nha-tam.md")
    del data["idea"]["interests"]["community"]
    only_collectives = _config(tmp_path, lambda raw: raw.update(interests_required_for=["tap-the"]))
    assert _codes(tmp_path, data, body, only_collectives) == []
    assert [c for c, _ in _codes(tmp_path, data, body)] == ["DVK204"]


def test_dvk204_unknown_kind_in_the_configuration_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="to-chuc"):
        _config(tmp_path, lambda raw: raw.update(interests_required_for=["tap-the", "to-chuc"]))


def test_draft_without_interests_is_not_reported(tmp_path: Path) -> None:
    data, body = _parts("bi-thu-chi-bo-van-dong-xoa-nha-tam.md")
    del data["idea"]["interests"]
    for key in ("recognitions", "awards", "replication", "criteria"):
        data.pop(key, None)
    assert "DVK204" not in [c for c, _ in _codes(tmp_path, data, body)]
