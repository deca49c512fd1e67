"""from_editor of the labeling and inspection types: the editor's posted form back into the bank's
YAML shape, which the bank's own check (loader.validate_question, what `bank check` runs) accepts;
a malformed hidden JSON field becomes a problem at that field, never an exception."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from exam_prep import questions
from exam_prep.bank.loader import validate_question

COMMON = {"id": "t-new", "level": 2, "domain": "labeling", "question": "그리세요.", "explanation": "해설입니다."}


def check(app: Flask, bank: Path, type_name: str, form: list[tuple[str, str]]) -> tuple[dict[str, Any], Any, list]:
    with app.test_request_context():
        keys = questions.get(type_name).from_editor(MultiDict(form))
        item = {**COMMON, "type": type_name, **keys}
        if type_name == "inspect":
            item["level"] = 1
        model, problems = validate_question(item, {"folder": bank, "cache": {}})
    return keys, model, problems


def at(problems: list, *loc: Any) -> list[str]:
    return [message for where, message in problems if tuple(where[:len(loc)]) == loc]


LABEL_ROWS = [("labels.0.name", "square"), ("labels.0.title", "사각형"), ("labels.0.attributes", "occluded"),
              ("labels.1.name", "circle"), ("labels.1.title", "원"),
              ("labels.2.name", ""), ("labels.2.title", "")]  # the blank row the editor always shows


def test_bbox_form_becomes_the_bank_keys(app: Flask, bank: Path) -> None:
    reference = [{"label": "square", "box": [20, 30, 50, 60], "attributes": {"occluded": True}},
                 {"label": "circle", "box": [110, 40, 60, 60]}]
    keys, model, problems = check(app, bank, "bbox", [
        ("image", "media/shapes.png"), ("guide", "- 꼭 맞게\r\n- 모두"), *LABEL_ROWS,
        ("scoring.iou_threshold", "0.6"), ("scoring.loose_iou", ""), ("scoring.partial_credit", "false"),
        ("reference", json.dumps(reference)), ("lab-ref-label", "square")])
    assert problems == []
    assert keys == {"image": "media/shapes.png", "guide": "- 꼭 맞게\n- 모두",
                    "labels": [{"name": "square", "title": "사각형", "attributes": ["occluded"]},
                               {"name": "circle", "title": "원"}],
                    "scoring": {"iou_threshold": 0.6, "partial_credit": False}, "reference": reference}
    assert list(keys) == ["image", "guide", "labels", "scoring", "reference"]
    assert model.reference[0].attributes == {"occluded": True}


def test_polygon_form(app: Flask, bank: Path) -> None:
    reference = [{"label": "triangle", "points": [[30, 120], [90, 110], [80, 140]], "attributes": {}}]
    keys, model, problems = check(app, bank, "polygon", [
        ("image", "media/shapes.png"), ("labels.0.name", "triangle"), ("reference", json.dumps(reference))])
    assert problems == []
    assert keys == {"image": "media/shapes.png", "labels": [{"name": "triangle"}], "reference": reference}


@pytest.mark.parametrize("type_name", ["bbox", "polygon", "keypoints", "ocr", "spans", "classify"])
@pytest.mark.parametrize("raw", ['[{"label": "square", "box": [1, 2', "not json", "{}"])
def test_a_malformed_reference_is_a_problem_at_the_reference(app: Flask, bank: Path, type_name: str, raw: str) -> None:
    form = [("image", "media/shapes.png"), ("text", "홍길동은 서울에 산다."), ("images", '["media/shapes.png"]'),
            ("labels.0.name", "square"), ("skeleton.points.0.name", "a"), ("reference", raw)]
    keys, model, problems = check(app, bank, type_name, form)
    assert model is None
    assert at(problems, "reference"), problems
    if raw != "{}":
        assert keys["reference"] == raw  # passed on as posted, for the schema to refuse


def test_a_problem_inside_the_reference_points_at_its_shape(app: Flask, bank: Path) -> None:
    reference = [{"label": "square", "box": [20, 30, 50, 60]}, {"label": "square", "box": [190, 140, 50, 60]}]
    _keys, model, problems = check(app, bank, "bbox", [
        ("image", "media/shapes.png"), ("labels.0.name", "square"), ("reference", json.dumps(reference))])
    assert model is None
    assert at(problems, "reference", 1, "box"), problems


def test_a_label_row_with_a_title_but_no_name_is_a_problem_at_that_row(app: Flask, bank: Path) -> None:
    keys, model, problems = check(app, bank, "bbox", [
        ("image", "media/shapes.png"), ("labels.0.name", "square"), ("labels.1.name", ""),
        ("labels.1.title", "원"), ("reference", "[]")])
    assert keys["labels"][1] == {"name": "", "title": "원"}
    assert at(problems, "labels", 1, "name"), problems


def test_keypoints_form_with_a_custom_skeleton_and_a_hidden_point(app: Flask, bank: Path) -> None:
    reference = [{"label": "shape", "points": [[20, 30], [70, 90], "hidden"], "area": 3000}]
    keys, model, problems = check(app, bank, "keypoints", [
        ("image", "media/shapes.png"), ("labels.0.name", "shape"), ("skeleton.preset", ""),
        ("skeleton.points.0.name", "top_left"), ("skeleton.points.0.title", "왼쪽 위"),
        ("skeleton.points.1.name", "bottom_right"), ("skeleton.points.2.name", "back"),
        ("skeleton.points.3.name", ""), ("skeleton.edges", "0-1, 1-2"), ("skeleton.sigma", "0.1"),
        ("reference", json.dumps(reference))])
    assert problems == []
    assert keys["skeleton"] == {"points": [{"name": "top_left", "title": "왼쪽 위"}, {"name": "bottom_right"},
                                           {"name": "back"}], "edges": [[0, 1], [1, 2]], "sigma": 0.1}
    assert model.reference[0].points[2] == "hidden"


def test_keypoints_preset_and_unreadable_edges(app: Flask, bank: Path) -> None:
    keys, _model, problems = check(app, bank, "keypoints", [
        ("image", "media/shapes.png"), ("labels.0.name", "person"), ("skeleton.preset", "coco_person"),
        ("skeleton.edges", "머리-목"), ("reference", "[]")])
    assert keys["skeleton"] == {"preset": "coco_person"}
    assert problems == []
    keys, model, problems = check(app, bank, "keypoints", [
        ("image", "media/shapes.png"), ("labels.0.name", "person"), ("skeleton.points.0.name", "head"),
        ("skeleton.edges", "머리-목"), ("reference", "[]")])
    assert keys["skeleton"]["edges"] == "머리-목"
    assert model is None and at(problems, "skeleton", "edges"), problems


def test_ocr_form(app: Flask, bank: Path) -> None:
    reference = [{"box": [10, 10, 60, 30], "text": "STOP"},
                 {"points": [[80, 10], [150, 12], [148, 40], [82, 38]], "text": "주차 금지"}]
    keys, model, problems = check(app, bank, "ocr", [
        ("image", "media/sign.png"), ("normalize.case", "true"), ("normalize.spaces", "true"),
        ("scoring.cer_max", "0.1"), ("reference", json.dumps(reference))])
    assert problems == []
    assert keys == {"image": "media/sign.png", "normalize": {"case": True, "spaces": True},
                    "scoring": {"cer_max": 0.1}, "reference": reference}
    assert model.reference[1].text == "주차 금지"


def test_classify_form(app: Flask, bank: Path) -> None:
    keys, model, problems = check(app, bank, "classify", [
        ("images", '["media/shapes.png", "media/sign.png"]'), ("multi_label", "true"),
        ("labels.0.name", "square"), ("labels.1.name", "text"), ("labels.1.title", "글자"),
        ("reference", '[["square"], ["square", "text"]]')])
    assert problems == []
    assert keys["images"] == ["media/shapes.png", "media/sign.png"] and keys["multi_label"] is True
    keys, model, problems = check(app, bank, "classify", [
        ("images", '["media/shapes.png"'), ("labels.0.name", "square"), ("reference", '[["square"]]')])
    assert model is None and at(problems, "images"), problems


def test_spans_form_keeps_offsets_on_the_text_as_posted(app: Flask, bank: Path) -> None:
    keys, model, problems = check(app, bank, "spans", [
        ("text", "홍길동은\r\n서울에 산다.\r\n"), ("labels.0.name", "PER"), ("labels.1.name", "LOC"),
        ("reference", '[{"start": 0, "end": 3, "label": "PER"}, {"start": 5, "end": 7, "label": "LOC"}]')])
    assert problems == []
    assert keys["text"] == "홍길동은\n서울에 산다."
    assert model.text[5:7] == "서울"


def test_inspect_form(app: Flask, bank: Path) -> None:
    labels = [{"name": "square", "title": "사각형"}, {"name": "circle", "title": "원"}]
    submitted = [{"label": "square", "box": [20, 30, 50, 60]}, {"label": "square", "box": [100, 30, 85, 85]}]
    errors = [{"label": 2, "reason": "wrong_class", "rule": "원은 원으로"},
              {"missed": {"label": "circle", "box": [110, 40, 60, 60]}, "rule": "모두 그립니다"}]
    keys, model, problems = check(app, bank, "inspect", [
        ("task", "bbox"), ("image", "media/shapes.png"), ("text", ""), ("guide", "꼭 맞게"),
        ("labels", json.dumps(labels)), ("skeleton", ""), ("submitted", json.dumps(submitted)),
        ("reasons", "not_tight"), ("reasons", "wrong_class"), ("errors", json.dumps(errors))])
    assert problems == []
    assert keys == {"task": "bbox", "image": "media/shapes.png", "guide": "꼭 맞게", "labels": labels,
                    "submitted": submitted, "reasons": ["not_tight", "wrong_class"], "errors": errors}
    assert model.verdict == "reject"
    _keys, model, problems = check(app, bank, "inspect", [
        ("task", "bbox"), ("image", "media/shapes.png"), ("labels", json.dumps(labels)),
        ("submitted", json.dumps(submitted)), ("errors", '[{"label": 2, "reason": "not_tight"')])
    assert model is None and at(problems, "errors"), problems
