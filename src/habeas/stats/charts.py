"""Simple, accessible inline SVG charts of the statistics: no JavaScript, no library.

Every chart is an ``<svg role="img">`` labelled by its ``<title>`` and a ``<desc>`` that lists
all the data as text; axes are labelled and each value is written next to its bar (columns
also carry a ``<title>`` tooltip). Colours keep a contrast above 4.5:1 on white.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["bar_chart", "column_chart", "render_charts", "write_charts"]

BAR = "#1f5f8b"
TEXT = "#1a1a1a"
GRID = "#767676"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_LABEL_CHARS = 34


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _short(label: str, limit: int = _LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` gridlines."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 5, 10) if raw <= f * power)


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' font-family={quoteattr(FONT)} font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="12" y="22" font-size="16" font-weight="bold" fill="{TEXT}">'
        f"{escape(title)}</text>",
    ]


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    value_label: str = "persons",
    category_label: str = "",
    description: str | None = None,
    width: int = 720,
    max_bars: int = 15,
) -> str:
    """A horizontal bar chart of ``(label, value)`` pairs, largest first as given; beyond
    ``max_bars`` the rest is summed into one "other" bar. Returns the SVG text."""
    items = list(items)
    if len(items) > max_bars:
        rest = sum(value for _, value in items[max_bars - 1 :])
        items = items[: max_bars - 1] + [(f"other ({len(items) - max_bars + 1})", rest)]
    chart_id = _slug(title)
    row, top, left = 24, 58, 12 + 7 * min(_LABEL_CHARS, max((len(k) for k, _ in items), default=4))
    plot = max(120, width - left - 80)
    height = top + row * max(1, len(items)) + 48
    listing = "; ".join(f"{label}: {_number(value)}" for label, value in items) or "no data"
    parts = _open(chart_id, width, height, title, description or f"{value_label}. {listing}.")
    if category_label:
        parts.append(
            f'<text x="12" y="{top - 10}" font-weight="bold" fill="{TEXT}">'
            f"{escape(category_label)}</text>"
        )
    maximum = max((value for _, value in items), default=0) or 1
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = plot * value / maximum
        parts.append(
            f"<g><title>{escape(f'{label}: {_number(value)} {value_label}')}</title>"
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" fill="{BAR}"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 15}" fill="{TEXT}">{_number(value)}'
            "</text></g>"
        )
    axis_y = top + row * max(1, len(items))
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{axis_y}" stroke="{GRID}"/>'
        f'<text x="{left + plot / 2:.1f}" y="{axis_y + 30}" text-anchor="middle" '
        f'font-weight="bold" fill="{TEXT}">{escape(value_label)}</text>'
    )
    if not items:
        parts.append(f'<text x="{left + 8}" y="{top + 16}" fill="{TEXT}">No data.</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def column_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    x_label: str = "month",
    y_label: str = "persons",
    description: str | None = None,
    width: int = 760,
    height: int = 320,
) -> str:
    """A column chart of one series over ``labels`` (such as months), with a value axis, the
    values written above the columns when they fit, and a tooltip on each column."""
    chart_id = _slug(title)
    left, right, top, bottom = 64, 16, 44, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    listing = "; ".join(f"{k}: {_number(v)}" for k, v in zip(labels, values, strict=True))
    parts = _open(
        chart_id, width, height, title, description or f"{y_label} by {x_label}. {listing}."
    )
    maximum = max(values, default=0)
    step = _nice_step(maximum)
    scale_max = step * max(1, math.ceil(maximum / step)) if maximum else step * 4
    base = top + plot_h
    tick = 0.0
    while tick <= scale_max + 1e-9:
        y = base - plot_h * tick / scale_max
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="{1 if tick == 0 else 0.4}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{_number(tick)}</text>"
        )
        tick += step
    count = max(1, len(values))
    slot = plot_w / count
    label_every = max(1, math.ceil(count / 12))
    show_values = slot >= 18
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * slot
        h = plot_h * value / scale_max
        parts.append(
            f"<g><title>{escape(f'{label}: {_number(value)} {y_label}')}</title>"
            f'<rect x="{x + slot * 0.15:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"/>'
            + (
                f'<text x="{x + slot / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT}">{_number(value)}</text>'
                if show_values and value
                else ""
            )
            + "</g>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT}">{escape(label)}</text>'
            )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 14}" text-anchor="middle" '
        f'font-weight="bold" fill="{TEXT}">{escape(x_label)}</text>'
        f'<text x="16" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-weight="bold" '
        f'fill="{TEXT}" transform="rotate(-90 16 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    if not values:
        parts.append(f'<text x="{left + 8}" y="{top + 20}" fill="{TEXT}">No data.</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize() if key.islower() else key


def render_charts(stats: Mapping[str, Any], months: int = 36) -> dict[str, str]:
    """The charts of a :func:`habeas.stats.compute_stats` result, as ``{file name: SVG}``;
    the monthly charts show the last ``months`` months."""
    as_of = stats["as_of"]
    charts: dict[str, str] = {}
    counts = [
        ("status", "by_status", "Persons by status", "status"),
        ("articles", "by_article", "Persons by article", "article (UK RF)"),
        ("regimes", "by_regime", "Imprisoned persons by regime", "regime"),
        ("regions", "by_region", "Persons by region", "region"),
        ("facilities", "by_facility", "Persons held by facility", "facility"),
        ("gender", "by_gender", "Persons by gender", "gender"),
        ("age", "by_age_band", "Persons by age band", "age on that day"),
    ]
    for name, key, title, category in counts:
        items = [(_label(k) if key != "by_article" else k, v) for k, v in stats[key].items()]
        charts[f"{name}.svg"] = bar_chart(f"{title}, as of {as_of}", items, category_label=category)
    recent = stats["monthly"][-months:]
    for key, title in (
        ("new_cases", "New cases per month"),
        ("verdicts", "Verdicts per month"),
        ("releases", "Releases per month"),
    ):
        charts[f"monthly-{key.replace('_', '-')}.svg"] = column_chart(
            f"{title}, to {as_of}",
            [m["month"] for m in recent],
            [m[key] for m in recent],
            y_label=key.replace("_", " "),
        )
    lengths = [(k, v["median"]) for k, v in stats["sentence_months_by_article"].items()]
    charts["sentence-length.svg"] = bar_chart(
        f"Median custodial sentence by article, as of {as_of}",
        lengths,
        value_label="months (median)",
        category_label="article (UK RF)",
    )
    return charts


def write_charts(stats: Mapping[str, Any], folder: Path, months: int = 36) -> list[Path]:
    """Write :func:`render_charts` into ``folder`` (created if needed); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, svg in render_charts(stats, months).items():
        path = folder / name
        path.write_text(svg + "\n", encoding="utf-8")
        paths.append(path)
    return paths
