"""Bar charts: both layouts drawn from the same rows, bars proportional, a zero drawn as its count alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dvk_build.render.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _drawings(rows: list[tuple[str, int]]) -> list[ET.Element]:
    html = bar_chart(rows, "Số mô hình theo năm")
    return [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", html)]


def test_both_layouts_show_every_row_with_proportional_bars() -> None:
    rows = [("2023", 4), ("2024", 0), ("2025 & sau", 8)]
    drawings = _drawings(rows)
    assert [d.get("class") for d in drawings] == ["dvk-chart dvk-chart--wide", "dvk-chart dvk-chart--narrow"]
    for svg in drawings:
        width, height = (float(v) for v in svg.get("viewBox").split()[2:])
        labels = [t.text for t in svg.iter(SVG + "text") if t.get("class") == "dvk-chart-label"]
        values = [t.text for t in svg.iter(SVG + "text") if t.get("class") == "dvk-chart-value"]
        assert labels == [r[0] for r in rows] and values == ["4", "0", "8"]
        bars = [int(r.get("width")) for r in svg.iter(SVG + "rect")]
        assert len(bars) == 2 and bars[1] == 2 * bars[0]  # the zero row has no bar
        for node in svg.iter():
            if node.tag in (SVG + "rect", SVG + "text"):
                x, y = float(node.get("x")), float(node.get("y"))
                right = x + float(node.get("width", 0))
                assert 0 <= x and right <= width and 0 < y <= height, (svg.get("class"), node.attrib)


def test_no_rows_no_chart() -> None:
    assert bar_chart([], "Số mô hình") == ""
