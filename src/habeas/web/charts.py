"""Bar charts as plain data for server-rendered inline SVG (no JavaScript chart library).

The templates draw the bars from these numbers; every chart also comes with its data as a
table, for screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, and geometry in the chart's coordinate space."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    """A bar chart of ``bars`` in a ``width`` × ``height`` view box."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    horizontal: bool
    label_width: int = 0

    @property
    def empty(self) -> bool:
        """Whether there is nothing to draw."""
        return not self.bars


def columns(title: str, items: list[tuple[str, int]], width: int = 520, height: int = 240) -> Chart:
    """Vertical bars (for counts over time): labels under the bars, values above them."""
    top, bottom = 18, 22
    peak = max((v for _, v in items), default=0) or 1
    slot = width / max(len(items), 1)
    bars = []
    for i, (label, value) in enumerate(items):
        h = (height - top - bottom) * value / peak
        x = i * slot + slot * 0.15
        y = height - bottom - h
        bars.append(
            Bar(label, value, round(x, 1), round(y, 1), round(slot * 0.7, 1), round(h, 1),
                round(x + slot * 0.35, 1), round(y - 4, 1))
        )  # fmt: skip
    return Chart(title, tuple(bars), width, height, horizontal=False)


def rows(
    title: str, items: list[tuple[str, int]], width: int = 520, label_width: int = 200
) -> Chart:
    """Horizontal bars (for categories with long names): label left, value right of the bar."""
    row_height = 26
    peak = max((v for _, v in items), default=0) or 1
    room = width - label_width - 56
    bars = []
    for i, (label, value) in enumerate(items):
        label = label if len(label) <= 28 else label[:27] + "…"
        w = room * value / peak
        y = i * row_height + 4
        bars.append(
            Bar(label, value, label_width, y, round(w, 1), row_height - 8,
                round(label_width + w + 6, 1), y + row_height - 11)
        )  # fmt: skip
    height = max(len(items), 1) * row_height + 8
    return Chart(title, tuple(bars), width, height, horizontal=True, label_width=label_width)
