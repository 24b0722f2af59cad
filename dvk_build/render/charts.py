"""Horizontal bar charts as inline SVG, rendered at build time (no JavaScript, no CDN)."""

from __future__ import annotations

from html import escape


def bar_chart(rows: list[tuple[str, int]], title: str, width: int = 640) -> str:
    """The chart twice: labels beside the bars for wide screens, above them for a phone (dvk.css shows one).

    A 640-unit chart shrunk to a 358 px phone column draws 13-unit text at 7 px; the narrow one is
    drawn 360 units wide, so its text stays about its CSS size.
    """
    if not rows:
        return ""
    return _wide(rows, title, width) + _narrow(rows, title)


def _narrow(rows: list[tuple[str, int]], title: str, width: int = 360) -> str:
    """Each row as its label on one line and the bar with its count below."""
    label_h, bar_h, gap = 18, 16, 10
    step = label_h + bar_h + gap
    height = len(rows) * step + gap // 2
    top = max(c for _, c in rows) or 1
    avail = width - 48
    parts = [
        f'<svg class="dvk-chart dvk-chart--narrow" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = gap // 2 + i * step
        w = max(2, round(avail * count / top)) if count else 0
        parts.append(
            f'<text x="0" y="{y + 13}" class="dvk-chart-label">{escape(label)}</text>'
            + (f'<rect x="0" y="{y + label_h}" width="{w}" height="{bar_h}" rx="3" class="dvk-chart-bar"/>' if w else "")
            + f'<text x="{w + 6}" y="{y + label_h + 13}" class="dvk-chart-value">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _wide(rows: list[tuple[str, int]], title: str, width: int) -> str:
    """Labels right-aligned left of the bars."""
    bar_h, gap, label_w = 22, 8, 230
    height = len(rows) * (bar_h + gap) + gap
    top = max(c for _, c in rows) or 1
    avail = width - label_w - 60
    parts = [
        f'<svg class="dvk-chart dvk-chart--wide" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round(avail * count / top)) if count else 0  # a year without a model: no bar, its 0 shown
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" class="dvk-chart-label">{escape(label)}</text>'
            + (f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3" class="dvk-chart-bar"/>' if w else "")
            + f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.0f}" class="dvk-chart-value">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
