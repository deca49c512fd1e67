"""Keypoints in COCO's three visibility states (v = 2 visible, v = 1 occluded with an estimated
position, v = 0 not labeled): the bank, the importers, the response, and the scorer against
pycocotools' own OKS (COCOeval.computeOks) on the same data."""
from __future__ import annotations

import contextlib
import io
import json
import math
import random
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from exam_prep import questions, rendering
from exam_prep.bank import load_bank
from exam_prep.labeling.importers import load_reference
from exam_prep.questions.base import ResponseError
from exam_prep.questions.keypoints.schema import COCO_PERSON_SIGMAS, visibility
from exam_prep.questions.keypoints.scoring import Instance, coco_oks, oks_matrix
from tests.conftest import bank_problems as problems

KEYPOINTS = """\
- id: x-kp
  type: keypoints
  level: 2
  domain: labeling
  question: 점을 찍으세요.
  image: media/shapes.png
  labels: [shape]
  skeleton:
    points: [a, b, c, d]
    sigma: 0.1
  reference:
    - {label: shape, points: [[20, 30], [70, 90, 1], hidden, [40, 40]], area: 400}
  explanation: 해설
"""


def loaded(bank: Path, text: str) -> dict[str, Any]:
    (bank / "level2" / "extra.yaml").write_text(text, encoding="utf-8")
    return {q.id: q for q in load_bank(bank).questions}["x-kp"]


# The bank ------------------------------------------------------------------------------------

def test_the_bank_takes_the_three_states_and_stores_them_in_one_form(bank: Path) -> None:
    text = KEYPOINTS.replace("[[20, 30], [70, 90, 1], hidden, [40, 40]]",
                             "[[20, 30], [70, 90, occluded], hidden, [40, 40, 2]]")
    question = loaded(bank, text)
    assert question.payload()["reference"][0]["points"] == [[20, 30], [70, 90, 1], "hidden", [40, 40]]
    assert question.payload()["occluded"] == "skip"  # the default: today's convention
    assert [visibility(p) for p in question.payload()["reference"][0]["points"]] == [2, 1, 0, 2]
    assert loaded(bank, KEYPOINTS).payload()["reference"][0]["points"][1] == [70, 90, 1]


@pytest.mark.parametrize("written, message", [
    ("[70, 90, 3]", "points.1: 점의 세 번째 값은 1(가려짐, 위치 추정) 또는 2(보임)여야 합니다 (받은 값: 3)"),
    ("[70, 90, maybe]",
     "points.1: 점의 세 번째 값은 1(가려짐, 위치 추정) 또는 2(보임)여야 합니다 (받은 값: maybe)"),
    ("[70, 90, true]",
     "points.1: 점의 세 번째 값은 1(가려짐, 위치 추정) 또는 2(보임)여야 합니다 (받은 값: True)"),
    ("[70, 90, 0]", "points.1: 표시하지 않는 점(COCO v=0)은 [x, y, 0] 대신 hidden으로 적습니다"),
    ("가려짐", "points.1: 점은 [x, y](보임), [x, y, 1](가려짐, 위치 추정) 또는 hidden(표시 안 함)이어야 합니다"),
    ("[70, 90, 1, 1]",
     "points.1: 점은 [x, y](보임), [x, y, 1](가려짐, 위치 추정) 또는 hidden(표시 안 함)이어야 합니다"),
    ("[70, 190, 1]", "reference.0.points.1: 점 (70, 190)이 이미지 밖에 있습니다"),
])
def test_a_point_in_no_state_is_refused_at_its_line(bank: Path, written: str, message: str) -> None:
    assert problems(bank, KEYPOINTS.replace("[70, 90, 1]", written)) == [f"extra.yaml:12: {message}"]


def test_the_occluded_convention_is_skip_or_estimate(bank: Path) -> None:
    text = KEYPOINTS.replace("  reference:", "  occluded: guess\n  reference:")
    assert problems(bank, text) == [
        "extra.yaml:11: 'occluded'의 값이 올바르지 않습니다 (가능한 값: 'skip' or 'estimate')"]
    # With estimate an instance needs a labeled point to measure against.
    text = KEYPOINTS.replace("  reference:", "  occluded: estimate\n  reference:").replace(
        "[[20, 30], [70, 90, 1], hidden, [40, 40]]", "[hidden, hidden, hidden, hidden]")
    assert problems(bank, text) == ["extra.yaml:13: reference.0.points: occluded: estimate에서는 위치를 적은 점"
                                    "(보임 또는 가려짐)이 하나 이상 있어야 합니다"]
    estimate = loaded(bank, KEYPOINTS.replace("  reference:", "  occluded: estimate\n  reference:"))
    assert estimate.payload()["occluded"] == "estimate"
    assert questions.get("keypoints").public(estimate.schema, None)["occluded"] == "estimate"


# The response --------------------------------------------------------------------------------

def test_the_response_takes_an_occluded_point(bank: Path) -> None:
    model = loaded(bank, KEYPOINTS).schema
    qtype = questions.get("keypoints")
    raw = {"instances": [{"label": "shape", "points": [[20, 30], [71, 90, 1], "hidden", None]}]}
    assert qtype.parse_response(raw, None, model) == raw
    for point in ([71, 90, 2], [71, 90, 0], [71, 90, True], [71, 90, "occluded"], [500, 90, 1]):
        with pytest.raises(ResponseError):
            qtype.parse_response({"instances": [{"label": "shape", "points": [[20, 30], point, "hidden", None]}]},
                                 None, model)


# The importers -------------------------------------------------------------------------------

PERSON = ["nose", "left_eye", "right_eye", "left_ear"]


def coco_export() -> dict[str, Any]:
    return {
        "images": [{"id": 7, "file_name": "shapes.png", "width": 200, "height": 150}],
        "categories": [{"id": 1, "name": "shape", "keypoints": PERSON, "skeleton": [[1, 2]]}],
        "annotations": [
            {"id": 1, "image_id": 7, "category_id": 1, "area": 900.0, "bbox": [10, 20, 60, 40], "iscrowd": 0,
             "num_keypoints": 3, "keypoints": [30, 25, 2, 42.5, 28, 1, 0, 0, 0, 60, 50, 2]},
            {"id": 2, "image_id": 7, "category_id": 1, "area": 1200.0, "bbox": [100, 60, 60, 50], "iscrowd": 0,
             "num_keypoints": 4, "keypoints": [120, 70, 1, 130, 72, 1, 140, 75, 2, 150, 100, 1]},
        ],
    }


def to_coco(points: list[Any]) -> list[float]:
    """Our points back to COCO's flat [x, y, v, ...] (v = 0 as 0, 0, 0)."""
    flat: list[float] = []
    for point in points:
        flat += [point[0], point[1], visibility(point)] if visibility(point) else [0, 0, 0]
    return flat


def test_coco_export_with_occluded_points_round_trips_through_the_bank(bank: Path) -> None:
    export = coco_export()
    (bank / "media" / "people_coco.json").write_text(json.dumps(export), encoding="utf-8")
    text = KEYPOINTS.replace("points: [a, b, c, d]", f"points: [{', '.join(PERSON)}]").replace(
        "  reference:\n    - {label: shape, points: [[20, 30], [70, 90, 1], hidden, [40, 40]], area: 400}\n",
        "  occluded: estimate\n  reference_from: {coco: media/people_coco.json, image: shapes.png}\n")
    question = loaded(bank, text)
    reference = question.payload()["reference"]
    assert [r["points"] for r in reference] == [
        [[30, 25], [42.5, 28, 1], "hidden", [60, 50]],
        [[120, 70, 1], [130, 72, 1], [140, 75], [150, 100, 1]],
    ]
    # Back to COCO: the same keypoints, visibility flags and areas as the export.
    assert [to_coco(r["points"]) for r in reference] == [a["keypoints"] for a in export["annotations"]]
    assert [r["area"] for r in reference] == [a["area"] for a in export["annotations"]]
    # The reference scores itself perfectly, occluded points included.
    answer = questions.get("keypoints").answer(question.schema)
    assert questions.get("keypoints").score(question.schema, answer).points == 1.0


def test_label_studio_per_region_choice_marks_a_point_occluded() -> None:
    def point(rid: str, name: str, x: float, y: float) -> dict[str, Any]:
        return {"id": rid, "type": "keypointlabels", "original_width": 200, "original_height": 100,
                "value": {"x": x, "y": y, "width": 0.5, "keypointlabels": [name]}}

    export = [{"id": 5, "data": {"image": "/data/upload/1/a-shapes.png"}, "annotations": [{"result": [
        point("k1", "nose", 50, 50), point("k2", "left_eye", 25, 10),
        {"id": "k2", "type": "choices", "value": {"choices": ["가려짐"]}},
        {"id": "k1", "type": "choices", "value": {"choices": ["visible"]}},
    ]}]}]
    reference = load_reference("label_studio", export, {"task": 5, "label": "person"}, "keypoints",
                               ["nose", "left_eye", "right_eye"])
    assert reference == [{"label": "person", "points": [[100.0, 50.0], [50.0, 10.0, 1], "hidden"]}]


# The scorer ----------------------------------------------------------------------------------

def pycocotools_oks(references: list[Instance], candidates: list[Instance], sigmas: list[float]) -> np.ndarray:
    """(N, M) OKS of pycocotools' COCOeval.computeOks on the same instances (its matrix is
    detections × ground truths, detections sorted by score: the scores keep the given order)."""
    names = [f"p{i}" for i in range(len(sigmas))]
    gts = []
    for n, ref in enumerate(references):
        flat = to_coco(list(ref.points))
        gts.append({"id": n + 1, "image_id": 1, "category_id": 1, "keypoints": flat, "area": ref.area,
                    "bbox": [0, 0, 10, 10], "iscrowd": 0, "num_keypoints": sum(v > 0 for v in flat[2::3])})
    gt = COCO()
    gt.dataset = {"images": [{"id": 1, "width": 1000, "height": 1000}],
                  "categories": [{"id": 1, "name": "person", "keypoints": names}], "annotations": gts}
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
        dt = gt.loadRes([{"image_id": 1, "category_id": 1, "score": 1.0 - m / 1000,
                          "keypoints": [v for p in c.points for v in (p[0], p[1], 2)]}
                         for m, c in enumerate(candidates)])
    evaluation = COCOeval(gt, dt, "keypoints")
    evaluation.params.kpt_oks_sigmas = np.asarray(sigmas)
    evaluation.params.imgIds = [1]
    evaluation._prepare()
    return np.asarray(evaluation.computeOks(1, 1)).T


def random_instances(rng: random.Random, count: int, people: int) -> tuple[list[Instance], list[Instance]]:
    references, candidates = [], []
    for _ in range(people):
        cx, cy = rng.uniform(200, 800), rng.uniform(200, 800)
        points: list[Any] = []
        for _ in range(count):
            x, y = cx + rng.uniform(-80, 80), cy + rng.uniform(-120, 120)
            points.append(rng.choice(([x, y], [x, y], [x, y, 1], "hidden")))
        if all(p == "hidden" for p in points):
            points[0] = [cx, cy]
        references.append(Instance("person", points, area=rng.uniform(500, 40000)))
    for _ in range(people + 1):
        cx, cy = rng.uniform(200, 800), rng.uniform(200, 800)
        candidates.append(Instance("person", [[cx + rng.uniform(-80, 80), cy + rng.uniform(-120, 120),
                                               rng.choice((1, 2))][: rng.choice((2, 3))] for _ in range(count)]))
    # Some candidates close to a reference, so that the OKS is not all near 0.
    for ref, cand in zip(references, candidates, strict=False):
        for k, point in enumerate(ref.points):
            if point != "hidden":
                cand.points[k] = [point[0] + rng.gauss(0, 6), point[1] + rng.gauss(0, 6)]
    return references, candidates


@pytest.mark.parametrize("seed", range(20))
def test_estimate_oks_is_pycocotools_oks(seed: int) -> None:
    rng = random.Random(seed)
    sigmas = COCO_PERSON_SIGMAS if seed % 2 else [rng.uniform(0.02, 0.12) for _ in range(5)]
    references, candidates = random_instances(rng, len(sigmas), people=rng.randint(1, 4))
    ours = oks_matrix(references, candidates, sigmas, "estimate")
    theirs = pycocotools_oks(references, candidates, sigmas)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 1e-6
    assert ours.max() > 0.3  # the comparison is not only of near-zero values
    for r, ref in enumerate(references):
        for c, cand in enumerate(candidates):
            assert coco_oks(ref.points, cand.points, sigmas, ref.area) == pytest.approx(theirs[r, c], abs=1e-6)


def test_estimate_scores_occluded_points_at_their_estimated_position(bank: Path) -> None:
    # sigma 0.1 -> k² = 0.04; area 400 -> 2 s² k² = 32. Labeled points: a (v=2), b (v=1), d (v=2).
    model = loaded(bank, KEYPOINTS.replace("  reference:", "  occluded: estimate\n  reference:")).schema
    response = {"instances": [{"label": "shape", "points": [[20, 30], [74, 90], [100, 100], None]}]}
    result = questions.get("keypoints").score(model, response)
    (instance,) = result.detail["instances"]
    # a exact: 1; b 4 px off: exp(-16/32); c not labeled: left out; d not placed: 0.
    assert instance["oks"] == pytest.approx((1 + math.exp(-0.5) + 0) / 3)
    assert [p["status"] for p in instance["points"]] == ["ok", "ok", "not_scored", "missing"]
    assert instance["points"][1]["visibility_wrong"] is True  # b is occluded, placed as visible
    assert instance["points"][2]["similarity"] is None
    assert "visibility_wrong" not in instance["points"][0]
    # Marking an occluded reference point "hidden" is not estimating it.
    hidden = questions.get("keypoints").score(model, {"instances": [{"label": "shape", "points": [
        [20, 30], "hidden", "hidden", [40, 40]]}]})
    assert [p["status"] for p in hidden.detail["instances"][0]["points"]][1] == "occluded_not_estimated"
    assert hidden.points == pytest.approx(2 / 3)


def test_skip_expects_an_occluded_reference_point_marked_hidden(bank: Path) -> None:
    model = loaded(bank, KEYPOINTS).schema  # occluded: skip (the default)
    qtype = questions.get("keypoints")
    marked = qtype.score(model, {"instances": [{"label": "shape", "points": [[20, 30], "hidden", "hidden", [40, 40]]}]})
    assert marked.points == 1.0
    assert [p["status"] for p in marked.detail["instances"][0]["points"]] == ["ok", "hidden_ok", "hidden_ok", "ok"]
    # Estimating it (even exactly, even flagged occluded) is the guess the guide forbids: 0 for that point.
    guessed = qtype.score(model, {"instances": [{"label": "shape", "points": [
        [20, 30], [70, 90, 1], "hidden", [40, 40, 1]]}]})
    statuses = guessed.detail["instances"][0]["points"]
    assert [p["status"] for p in statuses] == ["ok", "guessed_hidden", "hidden_ok", "ok"]
    assert statuses[3]["visibility_wrong"] is True and statuses[3]["similarity"] == 1.0
    assert guessed.points == pytest.approx(3 / 4)


def test_skip_without_occluded_points_is_the_rule_of_before() -> None:
    # The worked example of docs/scoring.md: 5 points, mean over all of them = 2 / 5.
    ref = Instance("person", [[0, 0], "hidden", "hidden", "hidden", [10, 10]], area=100)
    cand = Instance("person", [[0, 0], "hidden", [5, 5], None, None])
    assert oks_matrix([ref], [cand], [0.1] * 5)[0, 0] == pytest.approx(0.4)
    assert oks_matrix([ref], [cand], [0.1] * 5, "estimate")[0, 0] == pytest.approx(0.5)  # COCO: 2 labeled points


SKIP_RULE = '가려서 보이지 않는 점은 추측해서 찍지 말고 "표시 안 함"(V)을 누르세요.'
ESTIMATE_RULE = '가려진 관절도 몸의 모양을 보고 있을 자리에 찍고 "가려짐(위치 추정)"(O)으로 표시하세요.'


@pytest.mark.parametrize("convention, rule, not_rule", [
    ("skip", SKIP_RULE, ESTIMATE_RULE),
    ("estimate", ESTIMATE_RULE, SKIP_RULE),
])
def test_the_editor_help_states_the_exercises_convention(app: Any, bank: Path, convention: str, rule: str,
                                                         not_rule: str) -> None:
    from flask import render_template_string

    text = KEYPOINTS.replace("  reference:", f"  occluded: {convention}\n  reference:")
    model = loaded(bank, text).schema
    item = {"id": 1, "type": "keypoints", **questions.get("keypoints").public(model, None)}
    with app.test_request_context():
        page = render_template_string('{% include "questions/keypoints.html" %}', item=item, saved=None, review=False)
        # The help is in the type's kit (one per convention); the item names the kit it takes.
        kit = re.search(r'data-kit="([^"]+)"', page).group(1)
        kits = str(rendering.labeling_kits(["keypoints"]))
    help_of_kit = re.search(rf'<template class="lab-kit" data-kit="{kit}">.*?</template>', kits, re.S).group(0)
    assert rule in help_of_kit and not_rule not in help_of_kit
    assert page.count('class="button lab-vis"') == 3 and 'data-action="occluded"' in page
