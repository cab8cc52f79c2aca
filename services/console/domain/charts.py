"""Charts as geometry: the pages draw them as inline SVG on the server (no script, strict CSP).

Each function takes plain numbers and returns where every line, point, bar and tick goes; the
template only writes the SVG elements. Every chart also keeps its numbers for the table beside it
(screen readers, phones, and anyone who wants the figures rather than the picture).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 30, 12, 32


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str  # the x label, for the point's tooltip


@dataclass(frozen=True)
class Line:
    name: str
    index: int  # colour slot (CSS class series-N)
    path: str  # SVG path data; a missing value starts a new segment
    points: list[Point]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    series: str
    index: int
    category: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    lines: list[Line] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    baseline: float = 0.0

    @property
    def empty(self) -> bool:
        return not any(line.points for line in self.lines) and not self.bars


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value < high + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _format(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1 or value == 0 else f"{value:.2f}"


def _y_scale(low: float, high: float, height: int):
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM

    def scale(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 2)

    return scale


def line_chart(
    x_labels: list[str],
    series: dict[str, list[float | None]],
    *,
    low: float | None = None,
    high: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Lines over shared x labels (months, dates); None leaves a gap in a line."""
    values = [v for vs in series.values() for v in vs if v is not None]
    ticks = nice_ticks(
        min(values + ([low] if low is not None else [])) if values else (low or 0),
        max(values + ([high] if high is not None else [])) if values else (high or 1),
    )
    lo = low if low is not None and (not values or low <= min(values)) else ticks[0]
    hi = high if high is not None and (not values or high >= max(values)) else ticks[-1]
    ticks = [t for t in ticks if lo <= t <= hi] or [lo, hi]
    y = _y_scale(lo, hi, height)
    span = width - MARGIN_LEFT - MARGIN_RIGHT
    step = span / max(len(x_labels) - 1, 1)

    def x(i: int) -> float:
        return round(MARGIN_LEFT + (i * step if len(x_labels) > 1 else span / 2), 2)

    lines = []
    for index, (name, points) in enumerate(series.items()):
        commands, kept, pen_down = [], [], False
        for i, value in enumerate(points):
            if value is None:
                pen_down = False
                continue
            point = Point(x(i), y(value), value, x_labels[i])
            commands.append(f"{'L' if pen_down else 'M'}{point.x},{point.y}")
            kept.append(point)
            pen_down = True
        lines.append(Line(name, index, " ".join(commands), kept))
    return Chart(
        width,
        height,
        x_ticks=[Tick(x(i), label) for i, label in enumerate(x_labels)],
        y_ticks=[Tick(y(t), _format(t)) for t in ticks],
        lines=lines,
        baseline=y(lo),
    )


def bar_chart(
    categories: list[str],
    series: dict[str, list[float]],
    *,
    high: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    value_format=_format,
) -> Chart:
    """Grouped bars: one group per category, one bar per series in each."""
    top_value = max([v for vs in series.values() for v in vs] + [high or 0, 0.0001])
    ticks = nice_ticks(0, top_value)
    y = _y_scale(0, ticks[-1], height)
    span = width - MARGIN_LEFT - MARGIN_RIGHT
    group = span / max(len(categories), 1)
    bar_width = group * 0.8 / max(len(series), 1)
    bars = []
    for s_index, (name, values) in enumerate(series.items()):
        for c_index, value in enumerate(values):
            left = MARGIN_LEFT + c_index * group + group * 0.1 + s_index * bar_width
            bars.append(
                Bar(
                    round(left, 2),
                    y(value),
                    round(bar_width, 2),
                    round(y(0) - y(value), 2),
                    value,
                    name,
                    s_index,
                    categories[c_index],
                )
            )
    return Chart(
        width,
        height,
        x_ticks=[Tick(round(MARGIN_LEFT + (i + 0.5) * group, 2), c) for i, c in enumerate(categories)],
        y_ticks=[Tick(y(t), value_format(t)) for t in ticks],
        bars=bars,
        baseline=y(0),
    )
