"""Charts for the HTML report as inline SVG: horizontal bars, one per labelled value, drawn to
the largest. No script and no library: the page opens from disk and prints as it shows."""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 20
LABEL_WIDTH = 360
BAR_WIDTH = 420
VALUE_WIDTH = 110
MAX_BARS = 40  # beyond this a chart is a table: the longest bars are kept


def bar_chart(title: str, rows: list[tuple[str, object, str]]) -> str:
    """rows: (label, value, value as shown). An empty list draws nothing."""
    rows = [(label, float(value), shown) for label, value, shown in rows if value is not None]
    if not rows:
        return ""
    if len(rows) > MAX_BARS:
        rows = sorted(rows, key=lambda row: -abs(row[1]))[:MAX_BARS]
    largest = max(abs(value) for _, value, _ in rows) or 1.0
    height = BAR_HEIGHT * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    bars = []
    for index, (label, value, shown) in enumerate(rows):
        y = 5 + index * BAR_HEIGHT
        length = max(1.0, BAR_WIDTH * abs(value) / largest)
        bars.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(label[:40])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{BAR_HEIGHT - 6}" fill="#4a78b0">'
            f"<title>{escape(label)}: {escape(shown)}</title></rect>"
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 14}">{escape(shown)}</text>'
        )
    return (
        f"<h2>{escape(title)}</h2>"
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )
