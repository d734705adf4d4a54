"""Charts drawn on the server as accessible SVG: role="img", a <title> and a <desc> that says
what the chart shows in words. Every chart sits beside its data table, which is the source of
truth for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BAR = "#1f4fb8"
MUTED = "#4a5468"
LINE = "#cfd6e3"
GOOD = "#17663a"
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None = withheld or missing) and the text written by it."""

    label: str
    value: float | None
    text: str


def _open(key: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width: {width}px" '
        f'aria-labelledby="chart-{key}-title chart-{key}-desc" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="chart-{key}-title">{escape(title)}</title>',
        f'<desc id="chart-{key}-desc">{escape(desc)}</desc>',
    ]


def bars(
    key: str, *, title: str, desc: str, items: Sequence[Bar], maximum: float | None = None
) -> str:
    """Horizontal bars, one per item, with the value's text at the end of each bar."""
    label_w, bar_w, row_h = 170, 280, 28
    width, height = label_w + bar_w + 120, row_h * len(items) + 10
    top = max([i.value for i in items if i.value is not None] + [maximum or 0, 1e-9])
    out = _open(key, title, desc, width, height)
    out.append(f'<g {FONT} aria-hidden="true">')
    for index, item in enumerate(items):
        y = 5 + index * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" fill="#1d2433">'
            f"{escape(item.label[:26])}</text>"
        )
        length = 0.0 if item.value is None else max(item.value / top * bar_w, 0.0)
        if item.value is not None:
            out.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row_h - 10}" '
                f'rx="2" fill="{BAR}"/>'
            )
        out.append(
            f'<text x="{label_w + length + 6:.1f}" y="{y + 18}" fill="{MUTED}">'
            f"{escape(item.text)}</text>"
        )
    out.append("</g></svg>")
    return "".join(out)


def columns(key: str, *, title: str, desc: str, items: Sequence[Bar], axis: str = "") -> str:
    """Vertical bars (a histogram of counts), labels under each bar, values above."""
    col_w, gap, plot_h = 64, 18, 150
    width = max(len(items) * (col_w + gap) + 40, 200)
    height = plot_h + 70
    top = max([i.value for i in items if i.value is not None] + [1e-9])
    out = _open(key, title, desc, width, height)
    out.append(f'<g {FONT} aria-hidden="true">')
    base = plot_h + 20
    out.append(f'<line x1="20" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{LINE}"/>')
    for index, item in enumerate(items):
        x = 30 + index * (col_w + gap)
        h = 0.0 if item.value is None else item.value / top * plot_h
        if item.value is not None:
            out.append(
                f'<rect x="{x}" y="{base - h:.1f}" width="{col_w}" height="{h:.1f}" '
                f'rx="2" fill="{BAR}"/>'
            )
        out.append(
            f'<text x="{x + col_w / 2}" y="{base - h - 6:.1f}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(item.text)}</text>'
        )
        out.append(
            f'<text x="{x + col_w / 2}" y="{base + 18}" text-anchor="middle" fill="#1d2433">'
            f"{escape(item.label[:12])}</text>"
        )
    if axis:
        out.append(
            f'<text x="{width / 2}" y="{height - 6}" text-anchor="middle" fill="{MUTED}">'
            f"{escape(axis)}</text>"
        )
    out.append("</g></svg>")
    return "".join(out)


@dataclass(frozen=True)
class Interval:
    """A mean change with its confidence interval (None = withheld)."""

    label: str
    mean: float | None
    low: float | None
    high: float | None
    text: str


def intervals(
    key: str, *, title: str, desc: str, items: Sequence[Interval], span: float = 1.5
) -> str:
    """A forest plot: each mean change as a dot with its 95 % CI, around a zero line."""
    label_w, plot_w, row_h = 200, 360, 30
    width, height = label_w + plot_w + 150, row_h * len(items) + 40
    reach = max([span] + [abs(v) for i in items for v in (i.low, i.high) if v is not None])

    def x(value: float) -> float:
        return label_w + (value + reach) / (2 * reach) * plot_w

    out = _open(key, title, desc, width, height)
    out.append(f'<g {FONT} aria-hidden="true">')
    bottom = row_h * len(items) + 8
    out.append(
        f'<line x1="{x(0):.1f}" y1="4" x2="{x(0):.1f}" y2="{bottom}" stroke="{MUTED}" '
        'stroke-dasharray="4 3"/>'
    )
    for tick in (-reach, 0.0, reach):
        out.append(
            f'<text x="{x(tick):.1f}" y="{bottom + 20}" text-anchor="middle" fill="{MUTED}">'
            f"{tick:+.1f}</text>"
        )
    for index, item in enumerate(items):
        y = 8 + index * row_h + row_h / 2
        out.append(
            f'<text x="{label_w - 8}" y="{y + 5}" text-anchor="end" fill="#1d2433">'
            f"{escape(item.label)}</text>"
        )
        if item.mean is not None and item.low is not None and item.high is not None:
            out.append(
                f'<line x1="{x(item.low):.1f}" y1="{y}" x2="{x(item.high):.1f}" y2="{y}" '
                f'stroke="{BAR}" stroke-width="3"/>'
            )
            out.append(f'<circle cx="{x(item.mean):.1f}" cy="{y}" r="6" fill="{GOOD}"/>')
        out.append(
            f'<text x="{label_w + plot_w + 10}" y="{y + 5}" fill="{MUTED}">'
            f"{escape(item.text)}</text>"
        )
    out.append("</g></svg>")
    return "".join(out)
