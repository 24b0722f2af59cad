"""Horizontal bar charts as inline SVG, rendered at build time (no JavaScript, no CDN)."""

from __future__ import annotations

from html import escape


def bar_chart(rows: list[tuple[str, int]], title: str, width: int = 640) -> str:
    """An accessible SVG bar chart: one bar per (label, count)."""
    if not rows:
        return ""
    bar_h, gap, label_w = 22, 8, 230
    height = len(rows) * (bar_h + gap) + gap
    top = max(c for _, c in rows) or 1
    avail = width - label_w - 60
    parts = [
        f'<svg class="dvk-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round(avail * count / top))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" class="dvk-chart-label">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3" class="dvk-chart-bar"/>'
            f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.0f}" class="dvk-chart-value">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
