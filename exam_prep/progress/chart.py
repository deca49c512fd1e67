"""The score history as a chart's geometry: pure arithmetic, drawn as SVG by
templates/progress/_chart.html (no script, so it reads offline and prints).

The plot is a fixed viewBox (WIDTH x HEIGHT user units) that CSS scales to the page's width.
Scores are percents 0–100 on the y axis (top = 100); attempts are spread evenly on the x axis,
the oldest at the left; a single attempt sits in the middle.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# A narrow box, so that a 360 px phone scales it down little (static/css/progress.css caps its width
# on a large screen and sizes its type per screen).
WIDTH, HEIGHT = 420.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 70.0, 30.0, 40.0, 60.0
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
TICKS = (0, 20, 40, 60, 80, 100)


@dataclass(frozen=True)
class ChartPoint:
    number: int  # the attempt's ordinal among the level's mock exams (1 = the first)
    x: float
    y: float
    percent: float
    passed: bool


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class PassLine:
    total: float
    y: float


@dataclass(frozen=True)
class ScoreChart:
    points: list[ChartPoint]
    ticks: list[Tick]
    pass_lines: list[PassLine]
    width: float = WIDTH
    height: float = HEIGHT
    left: float = LEFT
    right: float = WIDTH - RIGHT
    top: float = TOP
    bottom: float = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        """The SVG ``points`` attribute of the line through the scores."""
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)


def y_of(percent: float) -> float:
    """The y coordinate of a percent (clamped to 0–100), rounded to 0.1 user unit."""
    value = min(100.0, max(0.0, float(percent)))
    return round(TOP + PLOT_HEIGHT * (100.0 - value) / 100.0, 1)


def x_of(index: int, count: int) -> float:
    """The x coordinate of the index-th of count attempts."""
    if count <= 1:
        return round(LEFT + PLOT_WIDTH / 2, 1)
    return round(LEFT + PLOT_WIDTH * index / (count - 1), 1)


def score_chart(scores: Sequence[tuple[int, float, bool]], pass_totals: Sequence[float]) -> ScoreChart:
    """``scores`` are (ordinal, percent, passed) oldest first; ``pass_totals`` the pass rules'
    total percents of the exams shown (one line each, usually one)."""
    points = [ChartPoint(number, x_of(i, len(scores)), y_of(percent), float(percent), passed)
              for i, (number, percent, passed) in enumerate(scores)]
    return ScoreChart(points=points, ticks=[Tick(v, y_of(v)) for v in TICKS],
                      pass_lines=[PassLine(float(t), y_of(t)) for t in sorted(set(pass_totals))])
