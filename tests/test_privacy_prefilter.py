"""The privacy rules' cheap first look (`privacy._NEEDS`) never hides a finding of the full patterns."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dvk_build.config import default_config
from dvk_build.load.yamltree import parse
from dvk_build.problem import Problem
from dvk_build.validate import privacy
from dvk_build.validate.context import DossierContext
from dvk_build.validate.rules import dvk502_citizen_id, dvk503_personal_phone, dvk504_personal_email, dvk505_home_address

RULES = (dvk502_citizen_id, dvk503_personal_phone, dvk504_personal_email, dvk505_home_address)
# Pieces of personal data, their near misses, and what sits around them in real dossiers.
PIECES = ["0", "1", "2", "7", "9", "079", "0912", "345", "678", "079 123 456 789", "079.123.456.789", "079123456789",
          "+84", "(+84)", "84", "(091)", "0912 345 678", "0912.345.678", "84912345678", "028 3822 1234", "٣", "０",
          " ", "  ", "\n", "\t", "\u00a0", "\u2003", ".", ",", "-", "/", ":", "(", ")", "[", "]", "@", "[at]", "(at)",
          "at", "a còng", "a móc", "A", "lan1986", "Lan", "gmail", "gmail.com", "chấm", "dot", "com", "vn", "gov.vn",
          "số", "nhà", "số nhà", "nhà số", "ngụ", "trú", "tại", "ở", "sinh sống", "đường", "hẻm", "12/3", "20/6/2022",
          "Nguyễn Huệ", "Trần Phú", "địa chỉ", "nhà riêng", "ông", "bà", "gia đình", "CMND", "cccd", "Căn cước",
          "chứng minh nhân dân", "định danh", "giấy tờ", "Xã", "ấp", "120.000.000 đồng", "2021-2025", "hội viên"]
# Whole forms, as editors write them (each must be found, alone or amid other text).
FORMS = ["Liên hệ lan1986 a còng gmail chấm com", "lan1986 a móc yahoo chấm vn", "thư: lan1986 at gmail dot com",
         "lan [at] gmail.com", "lan(at)gmail.com", "lan1986@gmail.com", "Số CCCD 079 123 456 789", "CCCD: 079123456789",
         "CMND số 123 456 789", "gọi 0912 345 678", "ĐT (091) 234 5678", "+84 912 345 678", "84912345678",
         "ngụ tại 45 đường Trần Phú", "nhà ông Bảy ở 12 Nguyễn Huệ", "số nhà 14", "hẻm 12/3", "12/3 đường Lê Lợi",
         "địa chỉ nhà riêng"]
GLUE = ["", " ", "  ", "\n", "\t", "\u00a0", ", ", ". "]
TEXT = st.lists(st.tuples(st.sampled_from(PIECES + FORMS), st.sampled_from(GLUE)), max_size=10).map(
    lambda parts: "".join(piece + glue for piece, glue in parts))


def context(fields: list[str], body: str, official: bool) -> DossierContext:
    data = {"summary": fields[0], "contact": {"email": fields[1], "phone": fields[2], "official": official},
            "results": [{"note": text} for text in fields[3:]]}
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    tree = parse(source, 2)
    return DossierContext("x.md", "x", tree.data, tree, body, source.count("\n") + 3, default_config(),
                          dt.date(2026, 1, 1))


def findings(fields: list[str], body: str, official: bool) -> list[Problem]:
    ctx = context(fields, body, official)
    return [p for rule in RULES for p in rule.check(ctx)]


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=3, max_size=6), TEXT, st.booleans())
def test_the_first_look_finds_what_the_full_patterns_find(fields: list[str], body: str, official: bool) -> None:
    fast = findings(fields, body, official)
    needs = privacy._NEEDS
    privacy._NEEDS = {}  # every pattern run on every text
    try:
        full = findings(fields, body, official)
    finally:
        privacy._NEEDS = needs
    assert fast == full


@pytest.mark.parametrize("text", FORMS)
def test_each_form_is_still_found(text: str) -> None:
    assert findings([text, "", ""], "", False), text
    assert findings(["", "", ""], f"Ông Bảy cho biết:\n{text}.", False), text
