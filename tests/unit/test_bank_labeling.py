"""`bank check` on labeling and inspection exercises: every problem with its file and line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exam_prep.bank import load_bank
from tests.conftest import bank_problems as problems

BBOX = """\
- id: x-bbox
  type: bbox
  level: 2
  domain: labeling
  question: 상자를 그리세요.
  image: media/shapes.png
  labels: [square, circle]
  reference:
    - {label: square, box: [20, 30, 50, 60]}
    - {label: circle, box: [110, 40, 60, 60]}
  explanation: 해설
"""


def test_missing_image(bank: Path) -> None:
    assert problems(bank, BBOX.replace("media/shapes.png", "media/nope.png")) == [
        "extra.yaml:6: 이미지 파일 'media/nope.png'가 없습니다"]


def test_image_that_does_not_open(bank: Path) -> None:
    (bank / "media" / "broken.png").write_bytes(b"not an image")
    assert problems(bank, BBOX.replace("media/shapes.png", "media/broken.png")) == [
        "extra.yaml:6: 이미지 'media/broken.png'를 열 수 없습니다 (PNG 또는 JPEG 파일이어야 합니다)"]


def test_image_outside_the_bank_folder(bank: Path) -> None:
    [problem] = problems(bank, BBOX.replace("media/shapes.png", "../../etc/passwd"))
    assert problem.startswith("extra.yaml:6: ") and "문제은행 폴더 안에" in problem


def test_box_outside_the_image_points_at_the_reference_item(bank: Path) -> None:
    assert problems(bank, BBOX.replace("[110, 40, 60, 60]", "[180, 40, 60, 60]")) == [
        "extra.yaml:10: reference.1.box: 상자가 이미지(200×150) 밖으로 나갑니다"]


def test_label_not_in_the_label_set(bank: Path) -> None:
    assert problems(bank, BBOX.replace("{label: circle,", "{label: dog,")) == [
        "extra.yaml:10: reference.1.label: 라벨 'dog'가 labels에 없습니다 (가능한 값: circle, square)"]


def test_polygon_needs_three_points_and_an_area(bank: Path) -> None:
    polygon = BBOX.replace("type: bbox", "type: polygon").replace(
        "    - {label: square, box: [20, 30, 50, 60]}\n    - {label: circle, box: [110, 40, 60, 60]}\n",
        "    - {label: square, points: [[10, 10], [20, 20]]}\n"
        "    - {label: circle, points: [[0, 0], [5, 5], [10, 10]]}\n")
    assert problems(bank, polygon) == ["extra.yaml:9: reference.0.points: 다각형은 점이 3개 이상이어야 합니다"]
    polygon = polygon.replace("[[10, 10], [20, 20]]", "[[10, 10], [20, 20], [10, 20]]")
    assert problems(bank, polygon) == [
        "extra.yaml:10: reference.1.points: 다각형의 넓이가 0입니다 (점이 한 줄에 있거나 겹칩니다)"]


KEYPOINTS = """\
- id: x-kp
  type: keypoints
  level: 2
  domain: labeling
  question: 점을 찍으세요.
  image: media/shapes.png
  labels: [shape]
  skeleton:
    points: [a, b, c]
    edges: [[0, 1]]
  reference:
    - {label: shape, points: [[20, 30], [70, 90], hidden]}
  explanation: 해설
"""


def test_keypoints_must_match_the_skeleton(bank: Path) -> None:
    assert problems(bank, KEYPOINTS.replace("[[20, 30], [70, 90], hidden]", "[[20, 30], [70, 90]]")) == [
        "extra.yaml:12: reference.0.points: 골격의 점은 3개인데 2개가 있습니다"]
    assert problems(bank, KEYPOINTS.replace("edges: [[0, 1]]", "edges: [[0, 5]]")) == [
        "extra.yaml:10: edges.0: 연결은 점 번호(0부터) 두 개여야 합니다"]
    assert problems(bank, KEYPOINTS.replace("[70, 90]", "[70, 190]")) == [
        "extra.yaml:12: reference.0.points.1: 점 (70, 190)이 이미지 밖에 있습니다"]


SPANS = """\
- id: x-spans
  type: spans
  level: 2
  domain: labeling
  question: 태그하세요.
  text: 홍길동은 서울에 산다.
  labels: [PER, LOC]
  reference:
    - {text: 홍길동, label: PER}
    - {start: 5, end: 7, label: LOC}
  explanation: 해설
"""


def test_spans_lie_inside_the_text(bank: Path) -> None:
    assert problems(bank, SPANS.replace("{start: 5, end: 7,", "{start: 5, end: 70,")) == [
        "extra.yaml:10: reference.1: 범위 [5, 70)가 본문(길이 12) 안에 있지 않습니다"]
    assert problems(bank, SPANS.replace("{text: 홍길동,", "{text: 김철수,")) == [
        "extra.yaml:9: reference.0.text: 본문에 '김철수'가 1번째로 나오지 않습니다"]


def test_reference_from_coco_must_match_the_image(bank: Path) -> None:
    coco = {"images": [{"id": 1, "file_name": "shapes.png", "width": 400, "height": 300}],
            "categories": [{"id": 1, "name": "square"}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [20, 30, 50, 60]}]}
    (bank / "media" / "coco.json").write_text(json.dumps(coco), encoding="utf-8")
    text = BBOX.replace("""  reference:
    - {label: square, box: [20, 30, 50, 60]}
    - {label: circle, box: [110, 40, 60, 60]}
""", """  reference_from: {coco: media/coco.json, image: shapes.png}
""")
    assert problems(bank, text) == [
        "extra.yaml:8: reference_from: 내보내기의 이미지 크기(400×300)가 문항 이미지(200×150)와 다릅니다"]
    coco["images"][0].update(width=200, height=150)
    (bank / "media" / "coco.json").write_text(json.dumps(coco), encoding="utf-8")
    (bank / "level2" / "extra.yaml").write_text(text, encoding="utf-8")
    loaded = {q.id: q.payload() for q in load_bank(bank).questions}
    assert loaded["x-bbox"]["reference"] == [{"label": "square", "box": [20.0, 30.0, 50.0, 60.0], "attributes": {}}]


INSPECT = """\
- id: x-insp
  type: inspect
  level: 1
  domain: inspection
  task: bbox
  question: 검수하세요.
  image: media/shapes.png
  labels: [square, circle]
  submitted:
    - {label: square, box: [20, 30, 50, 60]}
    - {label: circle, box: [100, 30, 85, 85]}
  errors:
    - {label: 2, reason: not_tight}
  explanation: 해설
"""


def test_inspection_errors_must_name_a_submitted_label_and_an_offered_reason(bank: Path) -> None:
    assert problems(bank, INSPECT.replace("{label: 2, reason", "{label: 3, reason")) == [
        "extra.yaml:13: errors.0.label: 제출된 라벨은 2개입니다 (지금 3)"]
    assert problems(bank, INSPECT.replace("reason: not_tight", "reason: hidden_guessed")) == [
        "extra.yaml:13: errors.0.reason: 반려 이유 'hidden_guessed'가 이 문제의 reasons에 없습니다"]
    assert problems(bank, INSPECT.replace("  explanation: 해설", "  verdict: approve\n  explanation: 해설")) == [
        "extra.yaml:14: verdict: 오류가 있으면 판정은 reject여야 합니다"]
    assert problems(bank, INSPECT.replace("[100, 30, 85, 85]", "[150, 30, 85, 85]")) == [
        "extra.yaml:11: submitted.1.box: 상자가 이미지(200×150) 밖으로 나갑니다"]


INSPECT_SPANS = """\
- id: x-insp-spans
  type: inspect
  level: 1
  domain: inspection
  task: spans
  question: 검수하세요.
  text: 홍길동은 서울에 산다.
  labels: [PER, LOC]
  submitted:
    - {start: 0, end: 3, label: PER}
    - {start: 5, end: 6, label: LOC}
  errors:
    - {label: 2, reason: span_boundary}
  explanation: 해설
"""

INSPECT_KEYPOINTS = """\
- id: x-insp-kp
  type: inspect
  level: 1
  domain: inspection
  task: keypoints
  question: 검수하세요.
  image: media/shapes.png
  labels: [shape]
  skeleton:
    points: [a, b, c]
    edges: [[0, 1]]
  submitted:
    - {label: shape, points: [[20, 30], [70, 90], hidden]}
  errors:
    - {label: 1, reason: off_joint}
  explanation: 해설
"""


@pytest.mark.parametrize(("exercise", "old", "new", "expected"), [
    (INSPECT, "  image: media/shapes.png\n", "", "extra.yaml:1: image: bbox 검수 문제에는 이미지가 필요합니다"),
    (INSPECT, "  labels: [square, circle]\n", "", "extra.yaml:1: labels: 라벨 목록이 필요합니다"),
    (INSPECT, "  submitted:", "  reasons: [not_tight, sloppy]\n  submitted:",
     "extra.yaml:9: reasons.1: 알 수 없는 반려 이유 'sloppy' (가능한 값: not_tight, cuts_object, wrong_class, "
     "wrong_attribute, duplicate, hidden_guessed, wrong_order, off_joint, span_boundary, transcription, "
     "not_an_object)"),
    (INSPECT, "{label: square, box", "{label: triangle, box",
     "extra.yaml:10: submitted.0.label: 라벨 'triangle'가 labels에 없습니다"),
    (INSPECT, "    - {label: 2, reason: not_tight}\n",
     "    - {label: 2, reason: not_tight}\n    - {label: 2, reason: cuts_object}\n",
     "extra.yaml:14: errors.1.label: 2번 라벨의 오류가 두 번 적혀 있습니다"),
    (INSPECT, "{label: 2, reason: not_tight}", "{missed: {label: triangle, box: [0, 0, 10, 10]}}",
     "extra.yaml:13: errors.0.missed.label: 라벨 'triangle'가 labels에 없습니다"),
    (INSPECT, "{label: 2, reason: not_tight}", "{missed: {label: square, box: [190, 0, 20, 10]}}",
     "extra.yaml:13: errors.0.missed.box: 상자가 이미지(200×150) 밖으로 나갑니다"),
    (INSPECT, "  errors:\n    - {label: 2, reason: not_tight}\n", "  verdict: reject\n",
     "extra.yaml:12: verdict: 오류가 없으면 판정은 approve여야 합니다"),
    (INSPECT_SPANS, "  text: 홍길동은 서울에 산다.\n", "",
     "extra.yaml:1: text: spans 검수 문제에는 본문(text)이 필요합니다"),
    (INSPECT_SPANS, "{start: 5, end: 6,", "{start: 5, end: 60,",
     "extra.yaml:11: submitted.1: 범위가 본문 안에 있지 않습니다"),
    (INSPECT_SPANS, "{label: 2, reason: span_boundary}", "{missed: {label: PER, box: [0, 0, 1, 1]}}",
     "extra.yaml:13: errors.0.missed: 누락 객체는 이미지 검수 문제에만 쓸 수 있습니다"),
    (INSPECT_KEYPOINTS, "  skeleton:\n    points: [a, b, c]\n    edges: [[0, 1]]\n", "",
     "extra.yaml:1: skeleton: keypoints 검수 문제에는 골격(skeleton)이 필요합니다"),
    (INSPECT_KEYPOINTS, "[[20, 30], [70, 90], hidden]", "[[20, 30], [70, 90]]",
     "extra.yaml:13: submitted.0.points: 골격의 점은 3개입니다"),
    (INSPECT_KEYPOINTS, "[70, 90]", "[70, 190]", "extra.yaml:13: submitted.0.points.1: 점이 이미지 밖에 있습니다"),
])
def test_inspection_exercise_is_checked_in_order(bank: Path, exercise: str, old: str, new: str,
                                                 expected: str) -> None:
    assert old in exercise
    assert problems(bank, exercise.replace(old, new, 1)) == [expected]


def test_inspection_variants_are_valid(bank: Path) -> None:
    (bank / "level2" / "extra.yaml").write_text(INSPECT + INSPECT_SPANS + INSPECT_KEYPOINTS, encoding="utf-8")
    loaded = {q.id: q.payload() for q in load_bank(bank).questions}
    assert loaded["x-insp-spans"]["verdict"] == loaded["x-insp-kp"]["verdict"] == "reject"
    assert loaded["x-insp-spans"]["reasons"] == ["span_boundary", "wrong_class", "duplicate", "not_an_object"]


def test_inspection_submitted_item_must_be_a_label_of_the_task(bank: Path) -> None:
    [problem] = problems(bank, INSPECT.replace("{label: square, box: [20, 30, 50, 60]}", "{label: square}"))
    assert problem.startswith("extra.yaml:10: submitted.0: bbox 라벨 형식이 아닙니다 (ValidationError: ")


BBOX_REFERENCE = """  reference:
    - {label: square, box: [20, 30, 50, 60]}
    - {label: circle, box: [110, 40, 60, 60]}
"""


@pytest.mark.parametrize(("written", "expected"), [
    (BBOX_REFERENCE + "  reference_from: {coco: media/coco.json, image: shapes.png}\n",
     "extra.yaml:11: reference_from: reference와 reference_from 중 하나만 쓰세요"),
    ("  reference_from: media/coco.json\n",
     "extra.yaml:8: reference_from: {coco: 파일, image: 이름} 또는 {label_studio: 파일, task: 번호} "
     "형식이어야 합니다"),
    ("  reference_from: {image: shapes.png}\n",
     "extra.yaml:8: reference_from: coco 또는 label_studio 중 하나를 지정하세요"),
    ("  reference_from: {coco: media/coco.json, label_studio: media/coco.json, image: shapes.png}\n",
     "extra.yaml:8: reference_from: coco 또는 label_studio 중 하나를 지정하세요"),
])
def test_reference_from_names_one_export(bank: Path, written: str, expected: str) -> None:
    assert problems(bank, BBOX.replace(BBOX_REFERENCE, written)) == [expected]


def test_spans_from_label_studio_move_onto_the_stripped_text(bank: Path) -> None:
    export = [{"id": 7, "data": {"text": "  홍길동은 서울에 산다."}, "annotations": [{"id": 1, "result": [
        {"id": "s1", "type": "labels", "value": {"start": 2, "end": 5, "labels": ["PER"]}},
        {"id": "s2", "type": "labels", "value": {"start": 7, "end": 9, "labels": ["LOC"]}}]}]}]
    (bank / "media" / "spans.json").write_text(json.dumps(export), encoding="utf-8")
    text = SPANS.replace("""  reference:
    - {text: 홍길동, label: PER}
    - {start: 5, end: 7, label: LOC}
""", "  reference_from: {label_studio: media/spans.json, task: 7}\n")
    (bank / "level2" / "extra.yaml").write_text(text, encoding="utf-8")
    loaded = {q.id: q.payload() for q in load_bank(bank).questions}
    assert loaded["x-spans"]["reference"] == [{"start": 0, "end": 3, "label": "PER"},
                                              {"start": 5, "end": 7, "label": "LOC"}]
    assert problems(bank, text.replace("서울에", "부산에")) == [
        "extra.yaml:8: reference_from: 내보내기의 본문(data.text)이 문항의 text와 다릅니다"]
