"""What both importers (coco.py, label_studio.py) share: the problem they raise and the checks
of numbers, polygons, ids and selectors. Imports neither importer nor the package."""
from __future__ import annotations

from typing import Any

HIDDEN = "hidden"  # a point not labeled (COCO v = 0)
OCCLUDED = 1  # [x, y, 1]: occluded, position estimated (COCO v = 1)


class ImportProblem(ValueError):
    """The export cannot give this exercise's reference; ``message`` says why, in Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def require_skeleton(skeleton_names: list[str] | None) -> list[str]:
    """The exercise's ordered point names, which a keypoints reader needs."""
    if not skeleton_names:
        raise ImportProblem("keypoints 문제에는 골격(skeleton)의 점 이름이 필요합니다")
    return skeleton_names


# No coordinate or size in an export is anywhere near this; it also keeps an integer too large
# for a float from reaching float() (OverflowError).
MAX_NUMBER = 1e9


def number(value: Any, what: str) -> float:
    """A finite number (not a bool) within ±MAX_NUMBER as float, else ImportProblem naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ImportProblem(f"{what}은(는) 숫자여야 합니다 (받은 값: {value!r:.40})")
    if not -MAX_NUMBER <= value <= MAX_NUMBER:  # also NaN and infinities; compared, never converted
        raise ImportProblem(f"{what}은(는) 숫자여야 합니다 (받은 값: {value!r:.40}): "
                            f"±{MAX_NUMBER:g} 안의 유한한 값만 쓸 수 있습니다")
    return float(value)


def polygon_area(points: list[list[float]]) -> float:
    """Absolute shoelace area of a ring of [x, y] points."""
    twice = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        twice += x1 * y2 - x2 * y1
    return abs(twice) / 2


def check_polygon(points: list[list[float]], where: str) -> list[list[float]]:
    """The points when they make a polygon (3+ points, nonzero area), else ImportProblem."""
    if len(points) < 3:
        raise ImportProblem(f"{where}: 다각형에는 점이 3개 이상 있어야 합니다 (점 {len(points)}개)")
    if polygon_area(points) < 1e-6:  # square pixels: zero up to float noise
        raise ImportProblem(f"{where}: 다각형의 넓이가 0입니다")
    return points


def same_id(a: Any, b: Any) -> bool:
    """Ids equal as given or as text (YAML ``3`` matches JSON ``"3"``); bools never match."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return False
    return a == b or str(a) == str(b)


def one_selector(selector: dict, keys: tuple[str, str], source: str) -> tuple[str, Any]:
    """Which of the two selector keys the instructor used (exactly one)."""
    given = [k for k in keys if selector.get(k) is not None]
    if not given:
        raise ImportProblem(f"reference_from에 {keys[0]} 또는 {keys[1]} 중 하나를 적어 주세요 ({source})")
    if len(given) > 1:
        raise ImportProblem(f"reference_from에는 {keys[0]}와 {keys[1]} 중 하나만 적어 주세요 ({source})")
    return given[0], selector[given[0]]
