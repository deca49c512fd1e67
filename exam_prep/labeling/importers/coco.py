"""References from a COCO JSON file (including CVAT's "COCO 1.0" export).

One image is chosen by the selector (``image``: its ``file_name``, exactly or by the last path
part; or ``image_id``), and every annotation of that image is used, in file order. Each
annotation must carry what the exercise type needs, otherwise the import fails naming the
annotation id (nothing is skipped silently):

- bbox: ``bbox`` [x, y, w, h] → ``box``; category name → ``label``; the boolean values of
  CVAT's ``attributes`` dict → ``attributes`` (other values, such as CVAT's ``rotation``, are
  dropped; a nonzero ``rotation`` is an error because a rotated box cannot be a bbox).
- polygon: the FIRST ring of a polygon ``segmentation`` → ``points`` (COCO allows several rings
  for one object, e.g. an occluded object split in two; only the first is used). RLE
  (mask) segmentation is an error.
- keypoints: ``keypoints`` [x, y, v] * n, named by the category's ``keypoints`` list, reordered
  to the exercise's skeleton: [x, y] when v = 2 (visible), [x, y, 1] when v = 1 (labeled but
  not visible: the position is kept), "hidden" when v = 0 (not labeled). A skeleton point
  the category does not name is an error; category points the skeleton does not use are
  dropped. ``area`` is passed through when it is a positive number.
- ocr: the text is ``attributes.text`` (a CVAT text attribute) or a top-level ``text`` key; the
  region is the first segmentation ring as ``points`` when there is one, else ``bbox`` as ``box``.
"""
from __future__ import annotations

from typing import Any

from .common import HIDDEN, OCCLUDED, ImportProblem, check_polygon, number, one_selector, require_skeleton, same_id

# Readers, one per kind of reference: the exercise's type names the one it uses.

def read_boxes(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    anns, categories = _annotations_of_image(data, selector)
    return [{"label": _label(a, categories), "box": _box(a), "attributes": _attributes(a)} for a in anns]


def read_polygons(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    anns, categories = _annotations_of_image(data, selector)
    return [{"label": _label(a, categories), "points": _polygon(a), "attributes": _attributes(a)}
            for a in anns]


def read_keypoints(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    names = require_skeleton(skeleton_names)
    anns, categories = _annotations_of_image(data, selector)
    return [_keypoints(a, categories, names) for a in anns]


def read_spans(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    raise ImportProblem("COCO 파일에서는 spans(텍스트 구간) 참조를 가져올 수 없습니다. "
                        "Label Studio 내보내기를 쓰세요")


def read_text_regions(data: object, selector: dict, skeleton_names: list[str] | None = None) -> list[dict]:
    anns, _categories = _annotations_of_image(data, selector)
    return [_ocr(a) for a in anns]


READERS = {"bbox": read_boxes, "polygon": read_polygons, "keypoints": read_keypoints,
           "spans": read_spans, "ocr": read_text_regions}


def source_facts(data: object, selector: dict) -> dict[str, Any]:
    """The selected image's size as the export states it: {"width", "height"} (or nothing)."""
    image = _find_image(_tables(data)[0], selector)
    if isinstance(image.get("width"), int | float) and isinstance(image.get("height"), int | float):
        return {"width": image["width"], "height": image["height"]}
    return {}


def _annotations_of_image(data: object, selector: dict) -> tuple[list[dict], list[dict]]:
    """The annotations of the selected image (at least one), and the categories."""
    images, annotations, categories = _tables(data)
    image = _find_image(images, selector)
    anns = [a for a in annotations if isinstance(a, dict) and same_id(a.get("image_id"), image.get("id"))]
    if not anns:
        raise ImportProblem(f"COCO 파일에 이미지 {_describe(image)}의 주석(annotations)이 없습니다")
    return anns, categories


def _tables(data: object) -> tuple[list, list, list]:
    if not isinstance(data, dict) or not isinstance(data.get("images"), list):
        raise ImportProblem("COCO 파일의 형식이 아닙니다 (맨 위에 images 목록이 있어야 합니다)")
    annotations = data.get("annotations", [])
    categories = data.get("categories", [])
    if not isinstance(annotations, list):
        raise ImportProblem("COCO 파일의 annotations는 목록이어야 합니다")
    if not isinstance(categories, list):
        raise ImportProblem("COCO 파일의 categories는 목록이어야 합니다")
    images = [im for im in data["images"] if isinstance(im, dict)]
    return images, annotations, [c for c in categories if isinstance(c, dict)]


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _find_image(images: list[dict], selector: dict) -> dict:
    key, value = one_selector(selector, ("image", "image_id"), "COCO")
    if key == "image_id":
        found = [im for im in images if same_id(im.get("id"), value)]
        if not found:
            raise ImportProblem(f"COCO 파일에 id가 {value}인 이미지가 없습니다")
    else:
        if not isinstance(value, str) or not value.strip():
            raise ImportProblem("reference_from의 image는 COCO 이미지의 file_name이어야 합니다")
        found = [im for im in images if im.get("file_name") == value]
        if not found:
            found = [im for im in images
                     if isinstance(im.get("file_name"), str) and _basename(im["file_name"]) == _basename(value)]
        if not found:
            raise ImportProblem(f"COCO 파일에 file_name이 '{value}'인 이미지가 없습니다")
    if len(found) > 1:
        ids = ", ".join(str(im.get("id")) for im in found)
        raise ImportProblem(f"COCO 파일에 {key}: {value}에 맞는 이미지가 여러 개 있습니다 (id {ids}). "
                            "image_id로 하나를 지정해 주세요")
    return found[0]


def _describe(image: dict) -> str:
    return f"'{image.get('file_name')}'(id {image.get('id')})"


def _where(ann: dict) -> str:
    return f"COCO 주석 id {ann.get('id')}"


def _category(ann: dict, categories: list[dict]) -> dict:
    for cat in categories:
        if same_id(cat.get("id"), ann.get("category_id")):
            return cat
    raise ImportProblem(f"{_where(ann)}: category_id {ann.get('category_id')}인 범주가 categories에 없습니다")


def _label(ann: dict, categories: list[dict]) -> str:
    name = _category(ann, categories).get("name")
    if not isinstance(name, str) or not name:
        raise ImportProblem(f"{_where(ann)}: 범주 id {ann.get('category_id')}에 이름(name)이 없습니다")
    return name


def _cvat_attributes(ann: dict) -> dict:
    attrs = ann.get("attributes")
    return attrs if isinstance(attrs, dict) else {}


def _attributes(ann: dict) -> dict[str, bool]:
    return {key: value for key, value in _cvat_attributes(ann).items() if isinstance(value, bool)}


def _box(ann: dict) -> list[float]:
    where = _where(ann)
    raw = ann.get("bbox")
    if not isinstance(raw, list) or len(raw) != 4:
        raise ImportProblem(f"{where}: bbox가 [x, y, w, h] 숫자 4개가 아닙니다")
    box = [number(v, f"{where}의 bbox 값") for v in raw]
    if box[2] <= 0 or box[3] <= 0:
        raise ImportProblem(f"{where}: bbox의 너비와 높이는 0보다 커야 합니다 (bbox {raw})")
    rotation = _cvat_attributes(ann).get("rotation")
    if rotation is not None and number(rotation, f"{where}의 rotation") % 360 != 0:
        raise ImportProblem(f"{where}: 회전된 상자(rotation {rotation}°)는 가져올 수 없습니다")
    return box


def _segmentation(ann: dict) -> list | None:
    """The segmentation's polygon ring list; None when there is none; RLE is an error."""
    seg = ann.get("segmentation")
    if isinstance(seg, dict):
        raise ImportProblem(f"{_where(ann)}: segmentation이 RLE(마스크) 형식이라 다각형으로 가져올 수 없습니다")
    if seg is None or seg == [] or seg == [[]]:
        return None
    if not isinstance(seg, list) or not all(isinstance(ring, list) for ring in seg):
        raise ImportProblem(f"{_where(ann)}: segmentation은 [[x1, y1, x2, y2, ...]] 형식이어야 합니다")
    return seg


def _ring_points(ann: dict, seg: list) -> list[list[float]]:
    where = _where(ann)
    ring = seg[0]
    if len(ring) % 2:
        raise ImportProblem(f"{where}: segmentation의 좌표 개수({len(ring)})가 짝수가 아닙니다")
    flat = [number(v, f"{where}의 segmentation 값") for v in ring]
    return check_polygon([[flat[i], flat[i + 1]] for i in range(0, len(flat), 2)], where)


def _polygon(ann: dict) -> list[list[float]]:
    seg = _segmentation(ann)
    if seg is None:
        raise ImportProblem(f"{_where(ann)}: 다각형(segmentation)이 없습니다")
    return _ring_points(ann, seg)


def _keypoints(ann: dict, categories: list[dict], skeleton_names: list[str]) -> dict[str, Any]:
    where = _where(ann)
    label = _label(ann, categories)
    names = _category(ann, categories).get("keypoints")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ImportProblem(f"COCO 범주 '{label}'에 keypoints(점 이름 목록)가 없습니다")
    values = ann.get("keypoints")
    if not isinstance(values, list) or len(values) != 3 * len(names):
        count = len(values) if isinstance(values, list) else 0
        raise ImportProblem(f"{where}: keypoints 값이 {3 * len(names)}개(점 {len(names)}개 × x, y, v)여야 하는데 "
                            f"{count}개입니다")
    index = {name: i for i, name in enumerate(names)}
    points: list[list[float | int] | str] = []
    for name in skeleton_names:
        if name not in index:
            raise ImportProblem(f"COCO 범주 '{label}'의 keypoints에 골격(skeleton)의 점 '{name}'이(가) 없습니다")
        x, y, v = values[3 * index[name]: 3 * index[name] + 3]
        visibility = number(v, f"{where}의 점 '{name}'의 v")
        if visibility in (1, 2):
            xy: list[float | int] = [number(x, f"{where}의 점 '{name}'의 x"), number(y, f"{where}의 점 '{name}'의 y")]
            points.append(xy if visibility == 2 else [*xy, OCCLUDED])
        elif visibility == 0:
            points.append(HIDDEN)
        else:
            raise ImportProblem(f"{where}: 점 '{name}'의 v는 0, 1, 2 중 하나여야 합니다 (받은 값: {v})")
    instance: dict[str, Any] = {"label": label, "points": points}
    area = ann.get("area")
    if area is not None and number(area, f"{where}의 area") > 0:
        instance["area"] = float(area)
    return instance


def _ocr(ann: dict) -> dict[str, Any]:
    text = _cvat_attributes(ann).get("text")
    if not isinstance(text, str):
        text = ann.get("text")
    if not isinstance(text, str):
        raise ImportProblem(f"{_where(ann)}: 글자(text)가 없습니다. CVAT에서는 text 속성을, "
                            "그 밖의 도구에서는 주석에 \"text\" 키를 넣어 주세요")
    seg = _segmentation(ann)
    if seg is not None:
        return {"points": _ring_points(ann, seg), "text": text}
    return {"box": _box(ann), "text": text}
