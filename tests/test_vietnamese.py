"""Vietnamese formatting helpers (dvk_build/vietnamese.py): province order, dates, money."""

from __future__ import annotations

from dvk_build import vietnamese as text


def test_provinces_sort_by_proper_name_in_dictionary_order() -> None:
    names = ["Tỉnh Đồng Tháp", "Thành phố Hồ Chí Minh", "Tỉnh Vĩnh Long", "Tỉnh Đồng Nai", "Thành phố Cần Thơ",
             "Tỉnh Quảng Ninh", "Tỉnh Tây Ninh", "Tỉnh Nghệ An", "Tỉnh Hà Tĩnh", "Thành phố Hà Nội", "Tỉnh An Giang"]
    assert sorted(names, key=text.province_order) == [
        "Tỉnh An Giang", "Thành phố Cần Thơ", "Tỉnh Đồng Nai", "Tỉnh Đồng Tháp", "Thành phố Hà Nội", "Tỉnh Hà Tĩnh",
        "Thành phố Hồ Chí Minh", "Tỉnh Nghệ An", "Tỉnh Quảng Ninh", "Tỉnh Tây Ninh", "Tỉnh Vĩnh Long",
    ]


def test_province_page_lists_in_dictionary_order(built_site) -> None:  # type: ignore[no-untyped-def]
    import re

    html = (built_site / "tinh" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="[a-z0-9-]+/">([^<]+)</a>', html)
    assert len(listed) >= 2
    assert listed == sorted(listed, key=text.province_order)
    assert listed != sorted(listed)  # the shipped provinces include Đ…, which code-point order puts after V


def test_vi_date_and_money() -> None:
    import datetime as dt

    assert text.vi_date(dt.date(2023, 7, 12)) == "12/7/2023"
    assert text.vnd(2150000000) == "2.150.000.000 đồng"
