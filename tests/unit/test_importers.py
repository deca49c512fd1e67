"""Reference labels from COCO and Label Studio exports, in the inline format of docs/labeling.md."""
from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_prep.labeling.importers import ImportProblem, load_reference
from exam_prep.labeling.importers.label_studio import utf16_to_code_points
from tests.strategies import bent, json_values, keys_in

SKELETON = ["nose", "left_eye", "right_eye"]


def problem(message: str):
    """pytest.raises for an ImportProblem whose message contains ``message`` literally."""
    return pytest.raises(ImportProblem, match=re.escape(message))


# ---------------------------------------------------------------------------------------------
# COCO

COCO: dict[str, Any] = {
    "images": [
        {"id": 1, "file_name": "images/coins.png", "width": 640, "height": 480},
        {"id": 2, "file_name": "people/walk.jpg", "width": 640, "height": 480},
        {"id": 3, "file_name": "signs/stop.png", "width": 640, "height": 480},
        {"id": 4, "file_name": "coins.png", "width": 640, "height": 480},
        {"id": 5, "file_name": "a\\dup.png"},
        {"id": 6, "file_name": "b/dup.png"},
        {"id": 7, "file_name": "empty.png"},
    ],
    "categories": [
        {"id": 1, "name": "coin", "supercategory": ""},
        {"id": 2, "name": "person", "keypoints": ["nose", "left_eye", "right_eye", "left_ear"],
         "skeleton": [[1, 2], [1, 3]]},
        {"id": 3, "name": "text"},
    ],
    "annotations": [
        # CVAT's COCO export: attributes with occluded, rotation and a custom text attribute.
        {"id": 10, "image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 1200, "iscrowd": 0,
         "segmentation": [[10, 20, 40, 20, 40, 60], [100, 100, 110, 100, 110, 110]],
         "attributes": {"occluded": True, "rotation": 0.0, "note": "scratched"}},
        {"id": 11, "image_id": 1, "category_id": 1, "bbox": [50.5, 60, 20, 20.25], "area": 405, "iscrowd": 0,
         "segmentation": [[50.5, 60, 70.5, 60, 70.5, 80.25, 50.5, 80.25]]},
        {"id": 20, "image_id": 2, "category_id": 2, "bbox": [90, 40, 40, 30], "area": 5200, "iscrowd": 0,
         "keypoints": [100, 50, 2, 110, 45, 1, 0, 0, 0, 130, 50, 2], "num_keypoints": 3},
        {"id": 21, "image_id": 2, "category_id": 2, "bbox": [300, 40, 40, 30], "area": 0, "iscrowd": 0,
         "keypoints": [300, 50, 2, 310, 45, 2, 320, 45, 2, 0, 0, 0], "num_keypoints": 3},
        {"id": 30, "image_id": 3, "category_id": 3, "bbox": [5, 6, 70, 20], "segmentation": [],
         "attributes": {"occluded": False, "text": "STOP"}},
        {"id": 31, "image_id": 3, "category_id": 3, "bbox": [0, 0, 50, 50],
         "segmentation": [[0, 0, 50, 10, 40, 50]], "text": "주차 금지"},
        {"id": 40, "image_id": 4, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": []},
        {"id": 50, "image_id": 5, "category_id": 1, "bbox": [1, 2, 3, 4]},
        {"id": 60, "image_id": 6, "category_id": 1, "bbox": [1, 2, 3, 4]},
    ],
}


def coco(annotations: list[dict] | None = None, categories: list[dict] | None = None) -> dict[str, Any]:
    """The COCO fixture; ``annotations`` (for image 1) replace the file's own when given."""
    data = copy.deepcopy(COCO)
    if annotations is not None:
        data["annotations"] = [{"id": 99, "image_id": 1, "category_id": 1, **a} for a in annotations]
    if categories is not None:
        data["categories"] = categories
    return data


def test_coco_bbox_exact_file_name_wins_over_basename() -> None:
    # images/coins.png (id 1) and coins.png (id 4) share the last path part; an exact match decides.
    assert load_reference("coco", COCO, {"image": "coins.png"}, "bbox") == [
        {"label": "coin", "box": [1.0, 2.0, 3.0, 4.0], "attributes": {}}]
    assert load_reference("coco", COCO, {"image": "images/coins.png"}, "bbox") == [
        {"label": "coin", "box": [10.0, 20.0, 30.0, 40.0], "attributes": {"occluded": True}},
        {"label": "coin", "box": [50.5, 60.0, 20.0, 20.25], "attributes": {}},
    ]


def test_coco_image_by_basename_and_by_id() -> None:
    by_name = load_reference("coco", COCO, {"image": "walk.jpg"}, "bbox")
    by_id = load_reference("coco", COCO, {"image_id": 2}, "bbox")
    by_text_id = load_reference("coco", COCO, {"image_id": "2"}, "bbox")
    assert by_name == by_id == by_text_id
    assert [r["box"] for r in by_id] == [[90, 40, 40, 30], [300, 40, 40, 30]]


def test_coco_attributes_keep_only_booleans_with_their_keys() -> None:
    ref = load_reference("coco", coco([{"bbox": [0, 0, 5, 5], "attributes": {
        "Occluded": False, "truncated": True, "rotation": 0, "color": "red", "count": 3}}]), {"image_id": 1}, "bbox")
    assert ref[0]["attributes"] == {"Occluded": False, "truncated": True}


def test_coco_polygon_uses_first_ring() -> None:
    ref = load_reference("coco", COCO, {"image_id": 1}, "polygon")
    assert ref == [
        {"label": "coin", "points": [[10, 20], [40, 20], [40, 60]], "attributes": {"occluded": True}},
        {"label": "coin", "points": [[50.5, 60], [70.5, 60], [70.5, 80.25], [50.5, 80.25]], "attributes": {}},
    ]


def test_coco_keypoints_follow_the_skeleton_order() -> None:
    ref = load_reference("coco", COCO, {"image": "walk.jpg"}, "keypoints", ["right_eye", "nose", "left_eye"])
    assert ref == [
        # v = 0 → hidden, v = 2 → [x, y], v = 1 (labeled, not visible) → [x, y, 1] (its estimated
        # position kept); left_ear is not used.
        {"label": "person", "points": ["hidden", [100, 50], [110, 45, 1]], "area": 5200},
        # area 0 is left out, so the scorer falls back to the visible points' bounding box.
        {"label": "person", "points": [[320, 45], [300, 50], [310, 45]]},
    ]


def test_coco_ocr_text_from_cvat_attribute_or_top_level_key() -> None:
    ref = load_reference("coco", COCO, {"image": "stop.png"}, "ocr")
    assert ref == [
        {"box": [5, 6, 70, 20], "text": "STOP"},
        {"points": [[0, 0], [50, 10], [40, 50]], "text": "주차 금지"},
    ]


@pytest.mark.parametrize("data, selector, kind, message", [
    ([], {"image": "x.png"}, "bbox", "COCO 파일의 형식이 아닙니다"),
    ({"annotations": []}, {"image": "x.png"}, "bbox", "COCO 파일의 형식이 아닙니다"),
    ({"images": [], "annotations": {}}, {"image": "x.png"}, "bbox", "COCO 파일의 annotations는 목록이어야 합니다"),
    ({"images": [], "categories": {}}, {"image": "x.png"}, "bbox", "COCO 파일의 categories는 목록이어야 합니다"),
    (COCO, {"image": "nothere.png"}, "bbox", "COCO 파일에 file_name이 'nothere.png'인 이미지가 없습니다"),
    (COCO, {"image_id": 42}, "bbox", "COCO 파일에 id가 42인 이미지가 없습니다"),
    (COCO, {"image_id": True}, "bbox", "COCO 파일에 id가 True인 이미지가 없습니다"),
    (COCO, {"image": ""}, "bbox", "reference_from의 image는 COCO 이미지의 file_name이어야 합니다"),
    (COCO, {"image": 3}, "bbox", "reference_from의 image는 COCO 이미지의 file_name이어야 합니다"),
    (COCO, {"coco": "media/x.json"}, "bbox", "reference_from에 image 또는 image_id 중 하나를 적어 주세요 (COCO)"),
    (COCO, {"image": "coins.png", "image_id": 1}, "bbox", "reference_from에는 image와 image_id 중 하나만"),
    # "a\\dup.png": Windows separators count too.
    (COCO, {"image": "dup.png"}, "bbox", "COCO 파일에 image: dup.png에 맞는 이미지가 여러 개 있습니다 (id 5, 6)"),
    (COCO, {"image": "media/coins.png"}, "bbox",
     "COCO 파일에 image: media/coins.png에 맞는 이미지가 여러 개 있습니다 (id 1, 4). image_id로 하나를 지정해 주세요"),
    (COCO, {"image": "empty.png"}, "bbox", "COCO 파일에 이미지 'empty.png'(id 7)의 주석(annotations)이 없습니다"),
    (COCO, {"image_id": 1}, "spans", "COCO 파일에서는 spans(텍스트 구간) 참조를 가져올 수 없습니다"),
    (COCO, {"image_id": 4}, "polygon", "COCO 주석 id 40: 다각형(segmentation)이 없습니다"),
    (COCO, {"image_id": 1}, "keypoints", "COCO 범주 'coin'에 keypoints(점 이름 목록)가 없습니다"),
    (COCO, {"image_id": 2}, "ocr", "COCO 주석 id 20: 글자(text)가 없습니다"),
])
def test_coco_problems(data, selector, kind, message) -> None:
    with problem(message):
        load_reference("coco", data, selector, kind, SKELETON)


@pytest.mark.parametrize("annotation, kind, message", [
    ({"bbox": [1, 2, 3]}, "bbox", "COCO 주석 id 99: bbox가 [x, y, w, h] 숫자 4개가 아닙니다"),
    ({}, "bbox", "COCO 주석 id 99: bbox가 [x, y, w, h] 숫자 4개가 아닙니다"),
    ({"bbox": [1, 2, 0, 4]}, "bbox", "COCO 주석 id 99: bbox의 너비와 높이는 0보다 커야 합니다"),
    ({"bbox": [1, 2, 3, -4]}, "bbox", "COCO 주석 id 99: bbox의 너비와 높이는 0보다 커야 합니다"),
    ({"bbox": [1, "2", 3, 4]}, "bbox", "COCO 주석 id 99의 bbox 값은(는) 숫자여야 합니다 (받은 값: '2')"),
    ({"bbox": [1, True, 3, 4]}, "bbox", "COCO 주석 id 99의 bbox 값은(는) 숫자여야 합니다 (받은 값: True)"),
    ({"bbox": [1, 2, float("nan"), 4]}, "bbox", "숫자여야 합니다 (받은 값: nan)"),
    ({"bbox": [1, 2, 3, 4], "attributes": {"rotation": 30.0}}, "bbox",
     "COCO 주석 id 99: 회전된 상자(rotation 30.0°)는 가져올 수 없습니다"),
    ({"bbox": [1, 2, 3, 4], "attributes": {"rotation": "x"}}, "bbox",
     "COCO 주석 id 99의 rotation은(는) 숫자여야 합니다"),
    ({"bbox": [1, 2, 3, 4], "category_id": 8}, "bbox",
     "COCO 주석 id 99: category_id 8인 범주가 categories에 없습니다"),
    ({"segmentation": {"size": [480, 640], "counts": "abc"}}, "polygon",
     "COCO 주석 id 99: segmentation이 RLE(마스크) 형식이라 다각형으로 가져올 수 없습니다"),
    ({"segmentation": [1, 2, 3, 4, 5, 6]}, "polygon",
     "COCO 주석 id 99: segmentation은 [[x1, y1, x2, y2, ...]] 형식이어야 합니다"),
    ({"segmentation": [[1, 2, 3, 4, 5]]}, "polygon", "COCO 주석 id 99: segmentation의 좌표 개수(5)가 짝수가 아닙니다"),
    ({"segmentation": [[1, 2, 3, 4]]}, "polygon", "COCO 주석 id 99: 다각형에는 점이 3개 이상 있어야 합니다 (점 2개)"),
    ({"segmentation": [[0, 0, 1, 1, 2, 2]]}, "polygon", "COCO 주석 id 99: 다각형의 넓이가 0입니다"),
    ({"segmentation": [[0, 0, 1, None, 2, 2]]}, "polygon", "COCO 주석 id 99의 segmentation 값은(는) 숫자여야 합니다"),
    ({"bbox": [1, 2, 3, 4], "attributes": {"text": 5}}, "ocr", "COCO 주석 id 99: 글자(text)가 없습니다"),
    ({"segmentation": {"counts": "x"}, "text": "A"}, "ocr", "segmentation이 RLE(마스크) 형식이라"),
    ({"bbox": [1, 2, 3, 4], "text": "A", "attributes": {"rotation": 90}}, "ocr", "회전된 상자(rotation 90°)"),
])
def test_coco_annotation_problems(annotation, kind, message) -> None:
    with problem(message):
        load_reference("coco", coco([annotation]), {"image_id": 1}, kind, SKELETON)


def test_coco_category_without_name() -> None:
    with problem("COCO 주석 id 99: 범주 id 1에 이름(name)이 없습니다"):
        load_reference("coco", coco([{"bbox": [1, 2, 3, 4]}], [{"id": 1}]), {"image_id": 1}, "bbox")


PERSON = [{"id": 1, "name": "person", "keypoints": ["nose", "left_eye", "right_eye"]}]


@pytest.mark.parametrize("keypoints, skeleton, message", [
    ([1, 2, 2, 3, 4, 2], SKELETON, "COCO 주석 id 99: keypoints 값이 9개(점 3개 × x, y, v)여야 하는데 6개입니다"),
    (None, SKELETON, "COCO 주석 id 99: keypoints 값이 9개(점 3개 × x, y, v)여야 하는데 0개입니다"),
    ([1, 2, 2, 3, 4, 2, 5, 6, 2], ["nose", "elbow"],
     "COCO 범주 'person'의 keypoints에 골격(skeleton)의 점 'elbow'이(가) 없습니다"),
    ([1, 2, 2, 3, 4, 3, 5, 6, 2], SKELETON,
     "COCO 주석 id 99: 점 'left_eye'의 v는 0, 1, 2 중 하나여야 합니다 (받은 값: 3)"),
    ([1, "y", 2, 3, 4, 2, 5, 6, 2], SKELETON, "COCO 주석 id 99의 점 'nose'의 y은(는) 숫자여야 합니다"),
])
def test_coco_keypoint_problems(keypoints, skeleton, message) -> None:
    annotation = {"bbox": [1, 2, 3, 4]} if keypoints is None else {"keypoints": keypoints}
    with problem(message):
        load_reference("coco", coco([annotation], PERSON), {"image_id": 1}, "keypoints", skeleton)


def test_coco_keypoints_categories_without_names() -> None:
    with problem("COCO 범주 'person'에 keypoints(점 이름 목록)가 없습니다"):
        load_reference("coco", coco([{"keypoints": [1, 2, 2]}], [{"id": 1, "name": "person", "keypoints": [1]}]),
                       {"image_id": 1}, "keypoints", SKELETON)


# ---------------------------------------------------------------------------------------------
# Label Studio

def size(**extra: Any) -> dict[str, Any]:
    return {"original_width": 640, "original_height": 480, "image_rotation": 0, "from_name": "label",
            "to_name": "image", **extra}


LS_IMAGE_TASK: dict[str, Any] = {
    "id": 12,
    "data": {"image": "/data/upload/1/8f3a2b1c-coins.png"},
    "annotations": [
        {"id": 1, "was_cancelled": True, "result": [
            {"id": "old", "type": "rectanglelabels", **size(),
             "value": {"x": 0, "y": 0, "width": 1, "height": 1, "rotation": 0, "rectanglelabels": ["coin"]}}]},
        {"id": 2, "was_cancelled": False, "result": [
            {"id": "r1", "type": "rectanglelabels", **size(),
             "value": {"x": 12.5, "y": 25, "width": 50, "height": 10, "rotation": 0, "rectanglelabels": ["coin"]}},
            {"id": "r2", "type": "rectanglelabels", **size(),
             "value": {"x": 10, "y": 10, "width": 5, "height": 5, "rectanglelabels": ["note"]}},
            {"id": "p1", "type": "polygonlabels", **size(),
             "value": {"points": [[10, 10], [20, 10], [20, 20]], "closed": True, "polygonlabels": ["coin"]}},
            {"id": "k1", "type": "keypointlabels", **size(),
             "value": {"x": 50, "y": 50, "width": 0.5, "keypointlabels": ["nose"]}},
            {"id": "k2", "type": "keypointlabels", **size(),
             "value": {"x": 25, "y": 75, "width": 0.5, "keypointlabels": ["left_eye"]}},
        ]},
    ],
    "predictions": [],
}

LS_OCR_TASK: dict[str, Any] = {
    "id": 13,
    "data": {"image": "/data/local-files/?d=scans/sign%20board.png"},
    "annotations": [{"id": 3, "result": [
        {"id": "r1", "type": "rectangle", **size(),
         "value": {"x": 10, "y": 10, "width": 20, "height": 5, "rotation": 0}},
        {"id": "r1", "type": "labels", **size(),
         "value": {"x": 10, "y": 10, "width": 20, "height": 5, "rotation": 0, "labels": ["Text"]}},
        {"id": "r1", "type": "textarea", **size(from_name="transcription"),
         "value": {"x": 10, "y": 10, "width": 20, "height": 5, "rotation": 0, "text": ["STOP"]}},
        {"id": "p1", "type": "polygonlabels", **size(),
         "value": {"points": [[0, 0], [50, 0], [50, 50]], "polygonlabels": ["Text"]}},
        {"id": "p1", "type": "textarea", **size(from_name="transcription"),
         "value": {"points": [[0, 0], [50, 0], [50, 50]], "text": ["주차 금지", "second line"]}},
        {"id": "whole", "type": "textarea", "from_name": "notes", "to_name": "image", "value": {"text": ["memo"]}},
    ]}],
}

EMOJI_TEXT = "😀 홍길동은 서울에 산다"

LS_TEXT_TASK: dict[str, Any] = {
    "id": 20,
    "data": {"text": EMOJI_TEXT},
    "annotations": [{"id": 4, "result": [
        # Offsets as the browser counts them: 😀 is 2 UTF-16 units, so 홍길동 is 3–6, 서울 8–10.
        {"id": "s1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 3, "end": 6, "text": "홍길동", "labels": ["PER"]}},
        {"id": "s2", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 8, "end": 10, "labels": ["LOC"]}},
    ]}],
}

# An export from Label Studio before 1.0: "completions" instead of "annotations".
LS_OLD_TASK: dict[str, Any] = {
    "id": 21,
    "data": {"text": "김철수"},
    "completions": [{"id": 5, "result": [
        {"id": "s1", "type": "labels", "value": {"start": 0, "end": 3, "text": "김철수", "labels": ["PER"]}}]}],
}

LS = [LS_IMAGE_TASK, LS_OCR_TASK, LS_TEXT_TASK, LS_OLD_TASK]


def ls_task(*results: dict, data: dict | None = None) -> list[dict]:
    """An export of one task (id 30) whose annotation holds ``results``."""
    return [{"id": 30, "data": data or {"image": "/data/upload/1/x.png", "text": "abc"},
             "annotations": [{"id": 9, "result": list(results)}]}]


def test_ls_bbox_percent_to_pixels_skipping_cancelled_annotation() -> None:
    ref = load_reference("label_studio", LS, {"label_studio": "media/export.json", "task": 12}, "bbox")
    # 640 x 480: x 12.5% → 80, y 25% → 120, width 50% → 320, height 10% → 48; 10% → 64 / 48, 5% → 32 / 24.
    assert ref == [
        {"label": "coin", "box": [80, 120, 320, 48], "attributes": {}},
        {"label": "note", "box": [64, 48, 32, 24], "attributes": {}},
    ]


def test_ls_task_by_image_file_name() -> None:
    assert load_reference("label_studio", LS, {"image": "coins.png"}, "bbox") == \
        load_reference("label_studio", LS, {"task": "12"}, "bbox")
    # URL-encoded local-file paths match the plain name.
    assert load_reference("label_studio", LS, {"image": "sign board.png"}, "ocr")[0]["text"] == "STOP"


def test_ls_image_prefers_whole_file_names() -> None:
    tasks = [{"id": 1, "data": {"image": "/up/mycoins.png"}, "annotations": []},
             {"id": 2, "data": {"image": "/up/coins.png"}, "annotations": [{"result": []}]}]
    with problem("Label Studio 작업 2: 이 작업에는 rectanglelabels 결과가 없습니다"):
        load_reference("label_studio", tasks, {"image": "coins.png"}, "bbox")


def test_ls_polygon_percent_to_pixels() -> None:
    ref = load_reference("label_studio", LS, {"task": 12}, "polygon")
    assert ref == [{"label": "coin", "points": [[64, 48], [128, 48], [128, 96]], "attributes": {}}]


def test_ls_keypoints_one_instance_in_skeleton_order() -> None:
    ref = load_reference("label_studio", LS, {"task": 12, "label": "person"}, "keypoints",
                         ["left_eye", "right_eye", "nose"])
    # nose 50%, 50% → 320, 240; left_eye 25%, 75% → 160, 360; right_eye has no result → hidden.
    assert ref == [{"label": "person", "points": [[160, 360], "hidden", [320, 240]]}]


def test_ls_ocr_regions_with_their_textarea() -> None:
    ref = load_reference("label_studio", LS, {"task": 13}, "ocr")
    # 10% of 640 = 64, 10% of 480 = 48, 20% of 640 = 128, 5% of 480 = 24; 50% → 320 / 240.
    assert ref == [
        {"box": [64, 48, 128, 24], "text": "STOP"},
        {"points": [[0, 0], [320, 0], [320, 240]], "text": "주차 금지"},
    ]


def test_ls_ocr_rotated_rectangle_becomes_its_corners() -> None:
    square = {"original_width": 100, "original_height": 100}
    export = ls_task(
        {"id": "r", "type": "rectangle", **square,
         "value": {"x": 10, "y": 10, "width": 10, "height": 10, "rotation": 90}},
        {"id": "r", "type": "textarea", **square, "value": {"text": "옆으로"}})
    # Turned 90° clockwise (y down) about the top-left corner (10, 10).
    assert load_reference("label_studio", export, {"task": 30}, "ocr") == [
        {"points": [[10, 10], [10, 20], [0, 20], [0, 10]], "text": "옆으로"}]


def test_ls_spans_utf16_offsets_become_code_points() -> None:
    ref = load_reference("label_studio", LS, {"task": 20}, "spans")
    assert ref == [{"start": 2, "end": 5, "label": "PER"}, {"start": 7, "end": 9, "label": "LOC"}]
    assert EMOJI_TEXT[2:5] == "홍길동" and EMOJI_TEXT[7:9] == "서울"


def test_ls_old_export_with_completions() -> None:
    assert load_reference("label_studio", LS, {"task": 21}, "spans") == [{"start": 0, "end": 3, "label": "PER"}]


def test_ls_single_task_object() -> None:
    assert load_reference("label_studio", LS_OLD_TASK, {"task": 21}, "spans") == [
        {"start": 0, "end": 3, "label": "PER"}]


def test_utf16_to_code_points() -> None:
    assert utf16_to_code_points("a😀b") == {0: 0, 1: 1, 3: 2, 4: 3}
    assert utf16_to_code_points("") == {0: 0}


@pytest.mark.parametrize("data, selector, kind, message", [
    ({"tasks": []}, {"task": 1}, "bbox", "Label Studio 내보내기의 형식이 아닙니다"),
    (LS, {"task": 99}, "bbox", "Label Studio 내보내기에 id가 99인 작업이 없습니다"),
    (LS, {"image": "dogs.png"}, "bbox",
     "Label Studio 내보내기에 이미지(data.image)가 'dogs.png'(으)로 끝나는 작업이 없습니다"),
    (LS, {"image": ["coins.png"]}, "bbox", "reference_from의 image는 이미지 파일 이름이어야 합니다"),
    (LS, {}, "bbox", "reference_from에 task 또는 image 중 하나를 적어 주세요 (Label Studio)"),
    (LS, {"task": 12, "image": "coins.png"}, "bbox", "reference_from에는 task와 image 중 하나만 적어 주세요"),
    (LS, {"task": 12}, "spans", "Label Studio 작업 12: 이 작업에는 labels 결과가 없습니다"),
    (LS, {"task": 13}, "bbox", "Label Studio 작업 13: 이 작업에는 rectanglelabels 결과가 없습니다"),
    (LS, {"task": 20}, "polygon", "Label Studio 작업 20: 이 작업에는 polygonlabels 결과가 없습니다"),
    (LS, {"task": 20}, "keypoints", "Label Studio 작업 20: 이 작업에는 keypointlabels 결과가 없습니다"),
    (LS, {"task": 20}, "ocr",
     "Label Studio 작업 20: 이 작업에는 사각형(rectangle)이나 다각형(polygon) 결과가 없습니다"),
    (LS, {"task": 12}, "keypoints", "reference_from에 label: person처럼 라벨 이름을 적어 주세요"),
    ([{"id": 1, "data": {"image": "a/b.png"}, "annotations": [{"was_cancelled": True, "result": []}]}],
     {"task": 1}, "bbox", "Label Studio 작업 1에 취소되지 않은 주석(annotation)이 없습니다"),
    ([{"id": 1, "data": {}}], {"task": 1}, "bbox", "Label Studio 작업 1에 취소되지 않은 주석(annotation)이 없습니다"),
    ([{"id": 1, "data": {}, "annotations": [{"result": None}]}], {"task": 1}, "bbox",
     "Label Studio 작업 1의 주석에 result 목록이 없습니다"),
    ([{"id": 1, "data": {"image": "/a/x.png"}}, {"id": 2, "data": {"image": "/b/x.png"}}], {"image": "x.png"}, "bbox",
     "Label Studio 내보내기에 image: x.png에 맞는 작업이 여러 개 있습니다 (id 1, 2). task: id로 하나를 지정해 주세요"),
])
def test_ls_problems(data, selector, kind, message) -> None:
    with problem(message):
        load_reference("label_studio", data, selector, kind, SKELETON)


RECT = {"x": 10, "y": 10, "width": 5, "height": 5}


@pytest.mark.parametrize("result, kind, message", [
    ({"type": "rectanglelabels", **size(), "value": {**RECT, "rotation": 15, "rectanglelabels": ["coin"]}}, "bbox",
     "Label Studio 작업 30의 결과 'a': 회전된 사각형(rotation 15°)은 bbox로 가져올 수 없습니다"),
    ({"type": "rectanglelabels", **size(), "value": {**RECT, "rotation": 360, "rectanglelabels": []}}, "bbox",
     "Label Studio 작업 30의 결과 'a': rectanglelabels에 라벨이 없습니다"),
    ({"type": "rectanglelabels", **size(), "value": {**RECT, "rectanglelabels": ["coin", "note"]}}, "bbox",
     "Label Studio 작업 30의 결과 'a': 한 영역에 라벨이 여러 개입니다 (coin, note)"),
    ({"type": "rectanglelabels", "value": {**RECT, "rectanglelabels": ["coin"]}}, "bbox",
     "original_width/original_height가 없어 퍼센트 좌표를 픽셀로 바꿀 수 없습니다"),
    ({"type": "rectanglelabels", **size(original_width=0), "value": {**RECT, "rectanglelabels": ["coin"]}}, "bbox",
     "original_width/original_height는 0보다 커야 합니다"),
    ({"type": "rectanglelabels", **size(image_rotation=90), "value": {**RECT, "rectanglelabels": ["coin"]}}, "bbox",
     "이미지를 회전(image_rotation 90°)한 채 그린 결과는 가져올 수 없습니다"),
    ({"type": "rectanglelabels", **size(), "value": {**RECT, "width": 0, "rectanglelabels": ["coin"]}}, "bbox",
     "Label Studio 작업 30의 결과 'a': 사각형의 너비와 높이는 0보다 커야 합니다"),
    ({"type": "rectanglelabels", **size(), "value": {**RECT, "x": "10%", "rectanglelabels": ["coin"]}}, "bbox",
     "Label Studio 작업 30의 결과 'a'의 x은(는) 숫자여야 합니다 (받은 값: '10%')"),
    ({"type": "rectanglelabels", **size()}, "bbox", "Label Studio 작업 30의 결과 'a': value가 없습니다"),
    ({"type": "polygonlabels", **size(), "value": {"points": [[1, 2, 3]], "polygonlabels": ["coin"]}}, "polygon",
     "Label Studio 작업 30의 결과 'a': points는 [[x, y], ...] 형식이어야 합니다"),
    ({"type": "polygonlabels", **size(), "value": {"points": [[1, 2], [3, 4]], "polygonlabels": ["coin"]}}, "polygon",
     "Label Studio 작업 30의 결과 'a': 다각형에는 점이 3개 이상 있어야 합니다 (점 2개)"),
    ({"type": "polygonlabels", **size(), "value": {"points": [[1, 1], [2, 2], [3, 3]], "polygonlabels": ["coin"]}},
     "polygon", "Label Studio 작업 30의 결과 'a': 다각형의 넓이가 0입니다"),
    ({"type": "keypointlabels", **size(), "value": {"x": 1, "y": 1, "keypointlabels": ["elbow"]}}, "keypoints",
     "Label Studio 작업 30의 결과 'a': keypoints 결과의 점 이름 'elbow'이(가) 골격(skeleton)에 없습니다"),
    ({"type": "labels", "value": {"start": 3, "end": 6, "text": "홍길동", "labels": ["PER"]}}, "spans",
     "Label Studio 작업 30의 data에 text(글)가 없습니다"),
    ({"type": "rectangle", **size(), "value": RECT}, "ocr",
     "Label Studio 작업 30의 결과 'a': 이 영역의 글자(textarea) 결과가 없습니다"),
])
def test_ls_result_problems(result, kind, message) -> None:
    with problem(message):
        load_reference("label_studio", ls_task({"id": "a", **result}, data={"image": "/x.png"}),
                       {"task": 30, "label": "person"}, kind, SKELETON)


def test_ls_keypoint_named_twice() -> None:
    point = {"type": "keypointlabels", **size(), "value": {"x": 1, "y": 1, "keypointlabels": ["nose"]}}
    with problem("Label Studio 작업 30의 결과 'b': 점 'nose'이(가) 두 번 나옵니다"):
        load_reference("label_studio", ls_task({"id": "a", **point}, {"id": "b", **point}),
                       {"task": 30, "label": "person"}, "keypoints", SKELETON)


def test_ls_textarea_without_text() -> None:
    export = ls_task({"id": "a", "type": "rectangle", **size(), "value": RECT},
                     {"id": "a", "type": "textarea", **size(), "value": {"text": []}})
    with problem("Label Studio 작업 30의 결과 'a': textarea 결과에 글자(text)가 없습니다"):
        load_reference("label_studio", export, {"task": 30}, "ocr")


@pytest.mark.parametrize("value, message", [
    ({"start": "/p[1]/text()[1]", "end": "/p[1]/text()[1]", "startOffset": 0, "endOffset": 3, "labels": ["PER"]},
     "start와 end가 글자 위치(정수)가 아닙니다 (HyperText 구간은 가져올 수 없습니다)"),
    ({"start": True, "end": 3, "labels": ["PER"]}, "start와 end가 글자 위치(정수)가 아닙니다"),
    ({"start": 3, "end": 3, "labels": ["PER"]}, "구간 3–3이(가) 글의 범위(UTF-16 0–14)를 벗어났거나 비어 있습니다"),
    ({"start": 10, "end": 15, "labels": ["PER"]}, "구간 10–15이(가) 글의 범위(UTF-16 0–14)를 벗어났거나 비어 있습니다"),
    ({"start": 1, "end": 6, "labels": ["PER"]}, "구간 1–6의 경계가 이모지 같은 글자 하나의 가운데에 있습니다"),
    # Offsets read as code points (the mistake this import guards against): 2–5 is " 홍길".
    ({"start": 2, "end": 5, "text": "홍길동", "labels": ["PER"]},
     "구간의 글 ' 홍길'이(가) 내보내기에 적힌 text '홍길동'와 다릅니다"),
    ({"start": 3, "end": 6, "text": "홍길동", "labels": []}, "labels에 라벨이 없습니다"),
])
def test_ls_span_problems(value, message) -> None:
    export = ls_task({"id": "s", "type": "labels", "value": value}, data={"text": EMOJI_TEXT})
    with problem(message):
        load_reference("label_studio", export, {"task": 30}, "spans")


# ---------------------------------------------------------------------------------------------
# Entry point

@pytest.mark.parametrize("kind, selector, exercise_type, skeleton, message", [
    ("yolo", {"image": "a.png"}, "bbox", None,
     "알 수 없는 내보내기 형식 'yolo'입니다 (가능한 형식: coco, label_studio)"),
    ("coco", {"image": "a.png"}, "classify", None, "classify 문제의 참조는 내보내기 파일에서 가져올 수 없습니다"),
    ("coco", ["a.png"], "bbox", None, "reference_from은 키: 값 묶음이어야 합니다"),
    ("coco", {"image_id": 2}, "keypoints", None, "keypoints 문제에는 골격(skeleton)의 점 이름이 필요합니다"),
    ("label_studio", {"task": 12}, "keypoints", [], "keypoints 문제에는 골격(skeleton)의 점 이름이 필요합니다"),
])
def test_entry_point_problems(kind, selector, exercise_type, skeleton, message) -> None:
    with problem(message):
        load_reference(kind, COCO if kind == "coco" else LS, selector, exercise_type, skeleton)


def test_import_problem_carries_its_message() -> None:
    with pytest.raises(ImportProblem) as caught:
        load_reference("label_studio", LS, {"task": 12}, "bbox" + "x")
    assert isinstance(caught.value, ValueError)
    assert caught.value.message == str(caught.value)


def test_inputs_are_not_modified() -> None:
    before = copy.deepcopy(COCO), copy.deepcopy(LS)
    load_reference("coco", COCO, {"image_id": 2}, "keypoints", SKELETON)
    load_reference("label_studio", LS, {"task": 13}, "ocr")
    assert before == (COCO, LS)


# ---------------------------------------------------------------------------------------------
# An export is untrusted input: any JSON gives a reference or an ImportProblem, nothing else.

def test_an_integer_too_large_for_a_float_is_a_problem_not_a_crash() -> None:
    export = copy.deepcopy(COCO)
    export["annotations"][0]["bbox"] = [10**400, 0, 5, 5]
    with problem("숫자여야 합니다"):
        load_reference("coco", export, {"image": "images/coins.png"}, "bbox")


_SELECTORS = [("coco", {"image": "images/coins.png"}), ("coco", {"image": "people/walk.jpg", "label": "person"}),
              ("label_studio", {"task": 1}), ("label_studio", {"task": 2}), ("label_studio", {"task": 3})]
_TYPES = ["bbox", "polygon", "keypoints", "classify", "spans", "ocr"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_export_gives_a_reference_or_a_problem(data: st.DataObject) -> None:
    kind, selector = data.draw(st.sampled_from(_SELECTORS))
    exercise_type = data.draw(st.sampled_from(_TYPES))
    seed = COCO if kind == "coco" else LS
    anything = json_values(keys_in(seed))
    export = data.draw(st.one_of(bent(seed, anything), anything))
    try:
        reference = load_reference(kind, export, selector, exercise_type, SKELETON)
    except ImportProblem:
        return
    assert isinstance(reference, list)


def test_every_format_has_a_reader_of_every_kind_a_type_may_name() -> None:
    """A type names one reader; each export format answers it (with the reference, or with a
    problem saying that format cannot hold that kind, as COCO for text spans)."""
    from exam_prep.labeling.importers import READERS, coco, label_studio

    assert READERS == ("bbox", "polygon", "keypoints", "spans", "ocr")
    assert tuple(coco.READERS) == tuple(label_studio.READERS) == READERS
