"""The heat overlay of an exercise's picture: each reference shape (box, polygon, keypoint, or an
inspection's label) with a share, drawn by the server as SVG over the image.

A shape is filled with one of five colour steps (``level`` 0–4, by 20 % steps of ``bad``) AND
carries its number and percentage as text, so the picture never relies on colour alone.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..labeling.geometry import shape_geometry

LEVELS = 5


@dataclass(frozen=True)
class HeatShape:
    index: int                   # 1-based number, as in the table below the picture
    name: str                    # what it is (label title, joint title)
    value: float                 # the share written on it (0..1)
    bad: float                   # how bad that is (0..1): picks the colour step
    box: list[float] | None = None
    points: str | None = None    # SVG points of a polygon
    point: tuple[float, float] | None = None  # a keypoint
    centre: tuple[float, float] = (0.0, 0.0)
    line: int = 0                # the label's line, when shapes share a centre (0: on it)
    group: str = "reference"     # "reference" | "planted" (a label with a planted error) |
    #                              "clean" (a right label) | "missed_object" (an object left out)

    @property
    def level(self) -> int:
        return min(LEVELS - 1, int(max(0.0, min(1.0, self.bad)) * LEVELS))

    @property
    def percent(self) -> int:
        return round(self.value * 100)


def _centre(shape: dict[str, Any]) -> tuple[float, float]:
    if shape.get("box") is not None:
        x, y, w, h = shape["box"]
        return (x + w / 2, y + h / 2)
    points = shape.get("points") or [[0, 0]]
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def shape_mark(index: int, shape: dict[str, Any], share: float, name: str = "",
               group: str = "reference") -> HeatShape:
    """A drawn shape (``box`` or ``points``) whose ``share`` (e.g. missed) is bad."""
    geometry = shape_geometry(shape)
    return HeatShape(index=index, name=name or str(shape.get("label") or shape.get("text") or ""),
                     value=share, bad=share, box=geometry.get("box"), points=geometry.get("points"),
                     centre=_centre(shape), group=group)


def drawable(shape: Any) -> bool:
    """A shape the picture can draw: a box or a polygon (not a span, not a keypoint instance)."""
    return isinstance(shape, dict) and (shape.get("box") is not None or (
        bool(shape.get("points")) and all(isinstance(p, list | tuple) and len(p) == 2 for p in shape["points"])))


def joint_marks(points: Sequence[Any], similarities: Sequence[float], names: Sequence[str]) -> list[HeatShape]:
    """Visible reference keypoints with their mean OKS similarity (low is bad)."""
    marks = []
    for p, (point, similarity, name) in enumerate(zip(points, similarities, names, strict=False)):
        if isinstance(point, list | tuple) and len(point) == 2:
            x, y = float(point[0]), float(point[1])
            marks.append(HeatShape(index=p + 1, name=name, value=similarity, bad=1 - similarity,
                                   point=(x, y), centre=(x, y)))
    return marks


def stack_labels(shapes: list[HeatShape]) -> list[HeatShape]:
    """Shapes on the same spot (a duplicate box, a relabelled copy) get their labels on
    successive lines instead of on top of each other."""
    seen: Counter[tuple[int, int]] = Counter()
    stacked = []
    for shape in shapes:
        spot = (round(shape.centre[0]), round(shape.centre[1]))
        stacked.append(replace(shape, line=seen[spot]))
        seen[spot] += 1
    return stacked
