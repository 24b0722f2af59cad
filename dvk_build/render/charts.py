"""Horizontal bar charts as inline SVG, rendered at build time (no JavaScript, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class _Layout:
    """Where one row's label, bar and count sit, relative to the row's top (SVG units)."""

    name: str  # CSS modifier: dvk.css shows one layout per screen width
    width: int
    top: int  # space above the first row
    step: int  # one row's height, gap included
    bar_x: int
    bar_y: int
    bar_h: int
    label_x: int
    label_y: int
    label_anchor: str  # "" is SVG's default, start
    value_y: int
    right: int  # room right of the longest bar for its count


# Wide screens: labels right-aligned left of the bars, text on the bar's baseline.
_WIDE = _Layout("wide", width=640, top=8, step=30, bar_x=230, bar_y=0, bar_h=22,
                label_x=222, label_y=15, label_anchor="end", value_y=15, right=60)
# A 640-unit chart shrunk to a 358 px phone column draws 13-unit text at 7 px; this one is 360
# units wide, so its text stays about its CSS size: each label on its own line above its bar.
_NARROW = _Layout("narrow", width=360, top=5, step=44, bar_x=0, bar_y=18, bar_h=16,
                  label_x=0, label_y=13, label_anchor="", value_y=31, right=48)


def bar_chart(rows: list[tuple[str, int]], title: str) -> str:
    """The chart in both layouts, wide then narrow (dvk.css shows one)."""
    if not rows:
        return ""
    return _svg(rows, title, _WIDE) + _svg(rows, title, _NARROW)


def _svg(rows: list[tuple[str, int]], title: str, lay: _Layout) -> str:
    top = max(c for _, c in rows) or 1
    avail = lay.width - lay.bar_x - lay.right
    anchor = f' text-anchor="{lay.label_anchor}"' if lay.label_anchor else ""
    parts = [
        f'<svg class="dvk-chart dvk-chart--{lay.name}" viewBox="0 0 {lay.width} {len(rows) * lay.step + lay.top}" '
        f'width="100%" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = lay.top + i * lay.step
        w = max(2, round(avail * count / top)) if count else 0  # a year without a model: no bar, its 0 shown
        parts.append(
            f'<text x="{lay.label_x}" y="{y + lay.label_y}"{anchor} class="dvk-chart-label">{escape(label)}</text>'
            + (f'<rect x="{lay.bar_x}" y="{y + lay.bar_y}" width="{w}" height="{lay.bar_h}" rx="3" class="dvk-chart-bar"/>'
               if w else "")
            + f'<text x="{lay.bar_x + w + 6}" y="{y + lay.value_y}" class="dvk-chart-value">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
