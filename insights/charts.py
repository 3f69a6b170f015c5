"""Charts drawn on the server as SVG: no JavaScript, nothing from another site (ADR 5),
and each one sits beside the table with the same numbers (the table is the accessible
version; the chart has a title and a description for screen readers).

Pure functions from published numbers to SVG text: a hidden count draws no bar and says
why in words, so a chart can never show what its table hides.
"""
from __future__ import annotations

from html import escape

from insights.disclosure import Shown

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 22, 8, 190, 300, 110
COLOUR, TEXT = "#1d4f91", "#1a1a1a"  # contrast 8.9:1 and 17:1 on white


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, Shown]]) -> str:
    """Horizontal bars, one per (label, count), scaled to the largest shown count."""
    largest = max([s.number or 0 for _, s in bars] + [1])
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    described = "; ".join(f"{label}: {shown.text}" for label, shown in bars) or "no data"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for i, (label, shown) in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
                     f'font-size="13" fill="{TEXT}">{escape(_short(label))}</text>')
        length = 0 if shown.number is None else round(BAR_WIDTH * shown.number / largest)
        if length:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" '
                         f'height="{BAR_HEIGHT}" fill="{COLOUR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}" font-size="13" '
                     f'fill="{TEXT}">{escape(shown.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
