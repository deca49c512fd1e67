"""References from a Label Studio JSON export (Export → JSON: a list of tasks).

One task is chosen by the selector (``task``: its id; or ``image``: matched against the end of
``data.image``, so an upload renamed to ``/data/upload/1/8f3a2b1c-coins.png`` still matches
``coins.png``). Its first annotation that is not ``was_cancelled`` is used (``completions`` of
old exports too; predictions never).

Image coordinates are percent of ``original_width`` / ``original_height`` (on every result) and
become pixels (rounded to 6 decimals, which only removes float noise):

- bbox: ``rectanglelabels`` → ``{label, box, attributes: {}}``; a rotated rectangle is an error.
- polygon: ``polygonlabels`` → ``{label, points, attributes: {}}``.
- keypoints: every ``keypointlabels`` result is one named point of ONE instance, ordered by the
  exercise's skeleton; skeleton points without a result are "hidden" (COCO v = 0). Label Studio
  has no visibility flag of its own: a point is "occluded, position estimated" ([x, y, 1], COCO
  v = 1) when a ``choices`` result of the same ``id`` (a ``<Choices perRegion="true">`` tag)
  picks ``occluded`` or ``가려짐``; otherwise it is visible ([x, y]). Label Studio has no
  instance label, so it comes from the selector's ``label`` key (the loader may fill it with the
  exercise's only label).
- ocr: each ``rectangle`` / ``rectanglelabels`` / ``polygon`` / ``polygonlabels`` region with the
  ``textarea`` result of the same ``id`` (``value.text[0]``). A rotated rectangle becomes its
  four corners as ``points``.
- spans: ``labels`` results on ``data.text``; Label Studio's offsets count UTF-16 code units (a
  JavaScript string) and are converted to Unicode code points, checked against ``value.text``.

A region must have exactly one label: a multi-label region cannot be one reference item.
"""
from __future__ import annotations

import math
from typing import Any
from urllib.parse import unquote

from .common import HIDDEN, OCCLUDED, ImportProblem, check_polygon, number, one_selector, require_skeleton, same_id

BOX_TYPES = ("rectangle", "rectanglelabels")
POLYGON_TYPES = ("polygon", "polygonlabels")


# Readers, one per kind of reference: the exercise's type names the one it uses.

def read_boxes(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    task, results = _task_results(data, selector)
    tid = task.get("id")
    return [{"label": _label(r, "rectanglelabels", tid), "box": _box(r, tid, allow_rotation=False),
             "attributes": {}} for r in _of_type(results, "rectanglelabels", tid)]


def read_polygons(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    task, results = _task_results(data, selector)
    tid = task.get("id")
    return [{"label": _label(r, "polygonlabels", tid), "points": _polygon(r, tid), "attributes": {}}
            for r in _of_type(results, "polygonlabels", tid)]


def read_keypoints(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    names = require_skeleton(skeleton_names)
    task, results = _task_results(data, selector)
    tid = task.get("id")
    return [_keypoints(_of_type(results, "keypointlabels", tid), selector, names, tid, _occluded_ids(results))]


def read_spans(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    task, results = _task_results(data, selector)
    return _spans(_of_type(results, "labels", task.get("id")), task)


def read_text_regions(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    task, results = _task_results(data, selector)
    return _ocr(results, task.get("id"))


READERS = {"bbox": read_boxes, "polygon": read_polygons, "keypoints": read_keypoints,
           "spans": read_spans, "ocr": read_text_regions}


def source_facts(data: object, selector: dict) -> dict[str, Any]:
    """What the selected task says: its text ("text") and the image size of its first result
    that states one ("width", "height")."""
    task = _find_task(_tasks(data), selector)
    facts: dict[str, Any] = {}
    text = task.get("data", {}).get("text") if isinstance(task.get("data"), dict) else None
    if isinstance(text, str):
        facts["text"] = text
    for result in _results(task):
        width, height = result.get("original_width"), result.get("original_height")
        if isinstance(width, int | float) and isinstance(height, int | float):
            facts.update(width=width, height=height)
            break
    return facts


def _task_results(data: object, selector: dict) -> tuple[dict, list[dict]]:
    task = _find_task(_tasks(data), selector)
    return task, _results(task)


# Choosing the task and its annotation.

def _tasks(data: object) -> list[dict]:
    if isinstance(data, dict) and "data" in data:
        data = [data]  # one task saved on its own
    if not isinstance(data, list):
        raise ImportProblem("Label Studio 내보내기의 형식이 아닙니다. 작업(task) 목록이어야 합니다 "
                            "(Export에서 JSON을 고르세요. JSON-MIN과 CSV는 쓸 수 없습니다)")
    return [t for t in data if isinstance(t, dict)]


def _image_of(task: dict) -> str | None:
    data = task.get("data")
    image = data.get("image") if isinstance(data, dict) else None
    return image if isinstance(image, str) else None


def _find_task(tasks: list[dict], selector: dict) -> dict:
    key, value = one_selector(selector, ("task", "image"), "Label Studio")
    if key == "task":
        found = [t for t in tasks if same_id(t.get("id"), value)]
        if not found:
            raise ImportProblem(f"Label Studio 내보내기에 id가 {value}인 작업이 없습니다")
    else:
        if not isinstance(value, str) or not value.strip():
            raise ImportProblem("reference_from의 image는 이미지 파일 이름이어야 합니다")
        found = []
        for task in tasks:
            image = _image_of(task)
            if image is not None and (image.endswith(value) or unquote(image).endswith(value)):
                found.append(task)
        if not found:
            raise ImportProblem(f"Label Studio 내보내기에 이미지(data.image)가 '{value}'(으)로 끝나는 작업이 없습니다")
        if len(found) > 1:
            # Prefer whole file names: "coins.png" over "/upload/1/mycoins.png".
            whole = [t for t in found if _ends_at_boundary(unquote(_image_of(t) or ""), value)]
            found = whole or found
    if len(found) > 1:
        ids = ", ".join(str(t.get("id")) for t in found)
        raise ImportProblem(f"Label Studio 내보내기에 {key}: {value}에 맞는 작업이 여러 개 있습니다 (id {ids}). "
                            "task: id로 하나를 지정해 주세요")
    return found[0]


def _ends_at_boundary(image: str, name: str) -> bool:
    if not image.endswith(name):
        return False
    before = image[: len(image) - len(name)]
    return before == "" or before[-1] in "/\\=-"


def _results(task: dict) -> list[dict]:
    tid = task.get("id")
    for key in ("annotations", "completions"):
        items = task.get(key)
        if not isinstance(items, list):
            continue
        for annotation in items:
            if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
                result = annotation.get("result")
                if not isinstance(result, list):
                    raise ImportProblem(f"Label Studio 작업 {tid}의 주석에 result 목록이 없습니다")
                return [r for r in result if isinstance(r, dict)]
    raise ImportProblem(f"Label Studio 작업 {tid}에 취소되지 않은 주석(annotation)이 없습니다")


def _of_type(results: list[dict], kind: str, tid: Any) -> list[dict]:
    found = [r for r in results if r.get("type") == kind]
    if not found:
        raise ImportProblem(f"Label Studio 작업 {tid}: 이 작업에는 {kind} 결과가 없습니다")
    return found


# Pieces of one result.

def _where(result: dict, tid: Any) -> str:
    return f"Label Studio 작업 {tid}의 결과 '{result.get('id')}'"


def _value(result: dict, tid: Any) -> dict:
    value = result.get("value")
    if not isinstance(value, dict):
        raise ImportProblem(f"{_where(result, tid)}: value가 없습니다")
    return value


def _label(result: dict, key: str, tid: Any) -> str:
    labels = _value(result, tid).get(key)
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) and x for x in labels):
        raise ImportProblem(f"{_where(result, tid)}: {key}에 라벨이 없습니다")
    if len(labels) > 1:
        raise ImportProblem(f"{_where(result, tid)}: 한 영역에 라벨이 여러 개입니다 ({', '.join(labels)}). "
                            "영역마다 라벨 하나만 가져올 수 있습니다")
    return labels[0]


def _size(result: dict, tid: Any) -> tuple[float, float]:
    where = _where(result, tid)
    width, height = result.get("original_width"), result.get("original_height")
    if width is None or height is None:
        raise ImportProblem(f"{where}: original_width/original_height가 없어 퍼센트 좌표를 픽셀로 바꿀 수 없습니다")
    width, height = number(width, f"{where}의 original_width"), number(height, f"{where}의 original_height")
    if width <= 0 or height <= 0:
        raise ImportProblem(f"{where}: original_width/original_height는 0보다 커야 합니다")
    rotation = result.get("image_rotation")
    if rotation is not None and number(rotation, f"{where}의 image_rotation") % 360 != 0:
        raise ImportProblem(f"{where}: 이미지를 회전(image_rotation {rotation}°)한 채 그린 결과는 가져올 수 없습니다")
    return width, height


def _px(percent: Any, size: float, what: str) -> float:
    return round(number(percent, what) * size / 100, 6)


def _rotation(value: dict, where: str) -> float:
    rotation = value.get("rotation")
    return 0.0 if rotation is None else number(rotation, f"{where}의 rotation") % 360


def _box(result: dict, tid: Any, allow_rotation: bool) -> list:
    """[x, y, w, h] in pixels, or the corners [[x, y], ...] of a rotated rectangle (OCR only)."""
    where = _where(result, tid)
    value = _value(result, tid)
    width, height = _size(result, tid)
    x = _px(value.get("x"), width, f"{where}의 x")
    y = _px(value.get("y"), height, f"{where}의 y")
    w = _px(value.get("width"), width, f"{where}의 width")
    h = _px(value.get("height"), height, f"{where}의 height")
    if w <= 0 or h <= 0:
        raise ImportProblem(f"{where}: 사각형의 너비와 높이는 0보다 커야 합니다")
    rotation = _rotation(value, where)
    if rotation == 0:
        return [x, y, w, h]
    if not allow_rotation:
        raise ImportProblem(f"{where}: 회전된 사각형(rotation {value.get('rotation')}°)은 bbox로 가져올 수 없습니다")
    # Label Studio turns the rectangle clockwise (on screen, y down) about its top-left corner.
    cos, sin = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
    return [[round(x + dx * cos - dy * sin, 6), round(y + dx * sin + dy * cos, 6)]
            for dx, dy in ((0, 0), (w, 0), (w, h), (0, h))]


def _polygon(result: dict, tid: Any) -> list[list[float]]:
    where = _where(result, tid)
    width, height = _size(result, tid)
    raw = _value(result, tid).get("points")
    if not isinstance(raw, list) or not all(isinstance(p, list) and len(p) == 2 for p in raw):
        raise ImportProblem(f"{where}: points는 [[x, y], ...] 형식이어야 합니다")
    points = [[_px(px, width, f"{where}의 x"), _px(py, height, f"{where}의 y")] for px, py in raw]
    return check_polygon(points, where)


# Pieces of one kind of reference.

OCCLUDED_CHOICES = ("occluded", "가려짐")


def _occluded_ids(results: list[dict]) -> set[Any]:
    """Ids of the regions a per-region ``choices`` result marks occluded."""
    marked = set()
    for result in results:
        value = result.get("value")
        choices = value.get("choices") if result.get("type") == "choices" and isinstance(value, dict) else None
        if isinstance(choices, list) and any(isinstance(c, str) and c.strip().lower() in OCCLUDED_CHOICES
                                             for c in choices):
            marked.add(result.get("id"))
    return marked


def _keypoints(results: list[dict], selector: dict, skeleton_names: list[str], tid: Any,
               occluded: set[Any]) -> dict[str, Any]:
    label = selector.get("label")
    if not isinstance(label, str) or not label:
        raise ImportProblem("Label Studio의 keypoints 결과에는 인스턴스 라벨이 없습니다. "
                            "reference_from에 label: person처럼 라벨 이름을 적어 주세요")
    placed: dict[str, list[float | int]] = {}
    for result in results:
        where = _where(result, tid)
        name = _label(result, "keypointlabels", tid)
        if name not in skeleton_names:
            raise ImportProblem(f"{where}: keypoints 결과의 점 이름 '{name}'이(가) 골격(skeleton)에 없습니다")
        if name in placed:
            raise ImportProblem(f"{where}: 점 '{name}'이(가) 두 번 나옵니다 "
                                "(한 작업의 keypoints는 인스턴스 하나로 가져옵니다)")
        width, height = _size(result, tid)
        value = _value(result, tid)
        placed[name] = [_px(value.get("x"), width, f"{where}의 x"), _px(value.get("y"), height, f"{where}의 y")]
        if result.get("id") is not None and result.get("id") in occluded:
            placed[name].append(OCCLUDED)
    return {"label": label, "points": [placed.get(name, HIDDEN) for name in skeleton_names]}


def utf16_to_code_points(text: str) -> dict[int, int]:
    """Map each UTF-16 offset that falls between characters of ``text`` to its code point offset."""
    mapping: dict[int, int] = {}
    unit = 0
    for index, char in enumerate(text):
        mapping[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    mapping[unit] = len(text)
    return mapping


def _spans(results: list[dict], task: dict) -> list[dict]:
    tid = task.get("id")
    data = task.get("data")
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        raise ImportProblem(f"Label Studio 작업 {tid}의 data에 text(글)가 없습니다")
    mapping = utf16_to_code_points(text)
    total = max(mapping)
    spans = []
    for result in results:
        where = _where(result, tid)
        value = _value(result, tid)
        start, end = value.get("start"), value.get("end")
        if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
            raise ImportProblem(f"{where}: start와 end가 글자 위치(정수)가 아닙니다 "
                                "(HyperText 구간은 가져올 수 없습니다)")
        if not 0 <= start < end <= total:
            raise ImportProblem(f"{where}: 구간 {start}–{end}이(가) 글의 범위(UTF-16 0–{total})를 "
                                "벗어났거나 비어 있습니다")
        if start not in mapping or end not in mapping:
            raise ImportProblem(f"{where}: 구간 {start}–{end}의 경계가 이모지 같은 글자 하나의 가운데에 있습니다")
        s, e = mapping[start], mapping[end]
        expected = value.get("text")
        if expected is not None and text[s:e] != expected:
            raise ImportProblem(f"{where}: 구간의 글 '{text[s:e]}'이(가) 내보내기에 적힌 text '{expected}'와 다릅니다 "
                                "(작업의 data.text가 바뀌었을 수 있습니다)")
        spans.append({"start": s, "end": e, "label": _label(result, "labels", tid)})
    return spans


def _ocr(results: list[dict], tid: Any) -> list[dict]:
    regions: dict[Any, dict] = {}
    for result in results:
        if result.get("type") in BOX_TYPES + POLYGON_TYPES and result.get("id") not in regions:
            regions[result.get("id")] = result
    if not regions:
        raise ImportProblem(f"Label Studio 작업 {tid}: 이 작업에는 사각형(rectangle)이나 다각형(polygon) "
                            "결과가 없습니다")
    texts = {r.get("id"): r for r in results if r.get("type") == "textarea"}
    out = []
    for rid, region in regions.items():
        where = _where(region, tid)
        area = texts.get(rid) if rid is not None else None
        if area is None:
            raise ImportProblem(f"{where}: 이 영역의 글자(textarea) 결과가 없습니다 "
                                "(TextArea에 perRegion=\"true\"를 주었는지 확인하세요)")
        text = _value(area, tid).get("text")
        if isinstance(text, list) and text and isinstance(text[0], str):
            text = text[0]
        if not isinstance(text, str):
            raise ImportProblem(f"{where}: textarea 결과에 글자(text)가 없습니다")
        if region.get("type") in POLYGON_TYPES:
            out.append({"points": _polygon(region, tid), "text": text})
        else:
            shape = _box(region, tid, allow_rotation=True)
            out.append({"points" if isinstance(shape[0], list) else "box": shape, "text": text})
    return out
