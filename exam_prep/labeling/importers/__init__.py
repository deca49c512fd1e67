"""Reference labels taken from a labeling tool's export (COCO JSON, Label Studio JSON).

Pure functions: the caller reads and parses the JSON file named in the exercise's
``reference_from`` and passes it here with the rest of that mapping (the selector). The result
is the exercise's reference list in the inline format of docs/labeling.md, so the loader can
validate it exactly like a reference written in the YAML. Every problem an instructor can fix
is raised as :class:`ImportProblem` with a Korean message.
"""
from __future__ import annotations

from typing import Any

KINDS = ("coco", "label_studio")
EXERCISE_TYPES = ("bbox", "polygon", "keypoints", "spans", "ocr")
HIDDEN = "hidden"


class ImportProblem(ValueError):
    """The export cannot give this exercise's reference; ``message`` says why, in Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def load_reference(kind: str, data: object, selector: dict, exercise_type: str,
                   skeleton_names: list[str] | None = None) -> list[dict]:
    """The reference of one exercise, in the inline format of its type.

    ``kind`` is "coco" or "label_studio"; ``data`` the parsed JSON; ``selector`` the YAML
    ``reference_from`` mapping (other keys, such as the file path, are ignored);
    ``skeleton_names`` the exercise's ordered point names (keypoints only).
    """
    if exercise_type not in EXERCISE_TYPES:
        raise ImportProblem(f"{exercise_type} 문제의 참조는 내보내기 파일에서 가져올 수 없습니다 "
                            f"(가능한 유형: {', '.join(EXERCISE_TYPES)})")
    if not isinstance(selector, dict):
        raise ImportProblem("reference_from은 키: 값 묶음이어야 합니다")
    if exercise_type == "keypoints" and not skeleton_names:
        raise ImportProblem("keypoints 문제에는 골격(skeleton)의 점 이름이 필요합니다")
    if kind == "coco":
        from .coco import load_coco

        return load_coco(data, selector, exercise_type, skeleton_names)
    if kind == "label_studio":
        from .label_studio import load_label_studio

        return load_label_studio(data, selector, exercise_type, skeleton_names)
    raise ImportProblem(f"알 수 없는 내보내기 형식 '{kind}'입니다 (가능한 형식: coco, label_studio)")


# Shared by the importers.

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


def source_facts(kind: str, data: object, selector: dict) -> dict[str, Any]:
    """What the export says about the selected image or text, so the loader can check that the
    export matches the exercise: {"width", "height"} of the image and/or the task's "text"."""
    facts: dict[str, Any] = {}
    if kind == "coco":
        from .coco import _find_image, _tables

        image = _find_image(_tables(data)[0], selector)
        if isinstance(image.get("width"), int | float) and isinstance(image.get("height"), int | float):
            facts.update(width=image["width"], height=image["height"])
    elif kind == "label_studio":
        from .label_studio import _find_task, _results, _tasks

        task = _find_task(_tasks(data), selector)
        text = task.get("data", {}).get("text") if isinstance(task.get("data"), dict) else None
        if isinstance(text, str):
            facts["text"] = text
        for result in _results(task):
            width, height = result.get("original_width"), result.get("original_height")
            if isinstance(width, int | float) and isinstance(height, int | float):
                facts.update(width=width, height=height)
                break
    return facts
