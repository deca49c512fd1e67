"""Labeling scorers (exam_prep.labeling): expected values are worked out by hand in the comments."""
from __future__ import annotations

import itertools
import json
import math
from typing import Any, get_args, get_origin

import numpy as np
import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from exam_prep import questions
from exam_prep.labeling.geometry import (
    MIN_AREA,
    box_areas,
    box_iou,
    box_to_polygon,
    points_bbox_area,
    polygon_areas,
    polygon_iou,
    to_polygons,
)
from exam_prep.labeling.matching import EPSILON, match
from exam_prep.labeling.score import Score
from exam_prep.questions.keypoints.scoring import Instance, coco_oks, instance_area
from exam_prep.questions.labeling import ImageInfo
from exam_prep.questions.ocr.scoring import cer, levenshtein, normalize

approx = pytest.approx


PLACEHOLDERS = {ImageInfo: ImageInfo(path="t.png", src="0" * 64 + ".png", width=1000, height=1000)}


def construct(schema: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """A model of ``schema`` from a test's partial question: each given field validated by its own
    model (a shape, the label set, the scoring options), without the whole exercise's checks
    (the image, the bounds), so that a scorer can be tried on shapes anywhere."""
    values = {}
    for name, value in data.items():
        field = schema.model_fields.get(name)
        if field is None or value is None:
            continue
        values[name] = _validated(field.annotation, value)
    for name, field in schema.model_fields.items():  # what the test leaves out: empty
        if name not in values and field.is_required():
            values[name] = [] if get_origin(field.annotation) is list else PLACEHOLDERS.get(field.annotation, "")
    return schema.model_construct(**values)


def _validated(annotation: Any, value: Any) -> Any:
    if get_origin(annotation) is list and isinstance(value, list):
        (inner,) = get_args(annotation)
        return [_validated(inner, v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.model_validate(value)
    return value


class TypeScorer:
    """A type's scorer called as finishing an attempt calls it: on the question's model."""

    def __init__(self, name: str) -> None:
        self.qtype = questions.get(name)

    def score(self, item: dict[str, Any], response: Any) -> Score:
        return self.qtype.score(construct(self.qtype.schema, item), response)


bbox, polygon, ocr = TypeScorer("bbox"), TypeScorer("polygon"), TypeScorer("ocr")
classify, spans, keypoints = TypeScorer("classify"), TypeScorer("spans"), TypeScorer("keypoints")


def box_item(reference: list[dict], **scoring) -> dict:
    return {"type": "bbox", "labels": [{"name": "coin", "title": "동전", "attributes": ["occluded", "rusty"]},
                                       {"name": "cat", "attributes": []}, {"name": "dog", "attributes": []}],
            "reference": reference, "scoring": scoring or None}


def shapes(*items: tuple[str, list[float]]) -> dict:
    return {"shapes": [{"label": label, "box": box, "attributes": {}} for label, box in items]}


def assert_json(detail: dict) -> None:
    assert json.loads(json.dumps(detail)) == detail


# Geometry ------------------------------------------------------------------------------------

def test_box_iou_overlapping_touching_and_degenerate() -> None:
    iou = box_iou([[0, 0, 10, 10]], [[5, 0, 10, 10], [10, 0, 10, 10], [0, 10, 10, 10], [3, 3, 0, 5], [0, 0, 10, 10]])
    # [0,0,10,10] vs [5,0,10,10]: intersection x 5..10 = 5 wide, 10 high = 50; union 100 + 100 - 50 = 150 -> 1/3
    # touching on the right edge (x = 10) or the bottom edge (y = 10): intersection 0 x 10 = 0 -> 0
    # a zero-width box: no area, so 0; the box itself: 100 / 100 = 1
    assert iou.shape == (1, 5)
    assert iou[0] == approx([1 / 3, 0.0, 0.0, 0.0, 1.0])
    assert box_iou([], [[0, 0, 1, 1]]).shape == (0, 1)
    assert box_areas([[0, 0, 4, 5], [1, 1, -2, 3]]) == approx([20, 6])  # negative width = drawn leftwards


def test_box_to_polygon_and_area_helpers() -> None:
    assert box_to_polygon([1, 2, 3, 4]) == [[1, 2], [4, 2], [4, 6], [1, 6]]
    assert polygon_areas([box_to_polygon([1, 2, 3, 4]), [[0, 0], [1, 1]]]) == approx([12.0, 0.0])
    assert points_bbox_area([[0, 0], [10, 5], [3, 1]]) == 50.0
    assert points_bbox_area([]) == 0.0


BOWTIE = [[0, 0], [2, 2], [2, 0], [0, 2]]   # edges (0,0)-(2,2) and (2,0)-(0,2) cross at (1,1)
LEFT = [[0, 0], [1, 1], [0, 2]]             # left lobe: base 2 on x = 0, height 1 -> area 1
RIGHT = [[2, 0], [1, 1], [2, 2]]            # right lobe: area 1
SQUARE = box_to_polygon([0, 0, 2, 2])       # area 4


def test_self_crossing_polygon_keeps_both_lobes() -> None:
    # make_valid turns the bow-tie into two triangles, area 1 + 1 = 2 (buffer(0) would keep one lobe, area 1).
    assert polygon_areas([BOWTIE]) == approx([2.0])
    iou = polygon_iou([BOWTIE], [LEFT, RIGHT, SQUARE, BOWTIE])
    # vs one lobe: intersection 1, union 2 + 1 - 1 = 2 -> 0.5 (each lobe the same)
    # vs the square it sits in: intersection 2, union 4 -> 0.5; vs itself: 1
    assert iou[0] == approx([0.5, 0.5, 0.5, 1.0])
    # floor: IoU with a lobe is at most m / (2 + 1 - m), m = min(areas 2 and 1, bbox overlap 1 x 2) = 1,
    # so 0.5: with floor 0.6 the pair is skipped (0), with floor 0.5 it is computed.
    assert polygon_iou([BOWTIE], [LEFT], floor=0.6)[0, 0] == 0.0
    assert polygon_iou([BOWTIE], [LEFT], floor=0.5)[0, 0] == approx(0.5)


def test_degenerate_polygons_have_no_area() -> None:
    collinear, two_points, repeated = [[0, 0], [1, 1], [2, 2]], [[0, 0], [1, 1]], [[3, 3], [3, 3], [3, 3]]
    assert polygon_areas([collinear, two_points, repeated]) == approx([0, 0, 0])
    assert polygon_iou([collinear, repeated], [collinear, repeated]) == approx(np.zeros((2, 2)))
    assert to_polygons([[[0, 0], [1, 0], [math.nan, 1]]])[0].is_empty
    # a 1e-7 px wide sliver has area, but not enough to count (MIN_AREA = 1e-6 px²)
    sliver = [[0.0, 0.0], [1e-6, 0.0], [0.0, 0.2]]
    assert 0 < polygon_areas([sliver])[0] < MIN_AREA and polygon_iou([sliver], [sliver])[0, 0] == 0.0
    # coordinates are rounded to 1e-6 px: 1e-189 is 0 (GEOS misjudged these two triangles, which
    # only share an edge, as identical: IoU 1 one way round, 0 the other)
    a, b = [[0.0, 0.0], [1.0, 0.0], [-1.0, -1.0]], [[-1.0, -1.0], [-2.8e-189, 0.0], [-1.0, 0.0]]
    assert polygon_iou([a], [b])[0, 0] == 0.0 and polygon_iou([b], [a])[0, 0] == 0.0


# Matching ------------------------------------------------------------------------------------

def greedy(iou: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The naive matcher (best IoU first) the optimal one is compared with."""
    pairs, rows, cols = [], set(), set()
    for flat in np.argsort(-iou, axis=None, kind="stable"):
        r, c = np.unravel_index(flat, iou.shape)
        if iou[r, c] >= threshold and r not in rows and c not in cols:
            pairs.append((int(r), int(c)))
            rows.add(r)
            cols.add(c)
    return pairs


def test_match_shapes_and_inclusive_threshold() -> None:
    assert match(np.zeros((0, 3)), 0.5) == []
    assert match(np.zeros((3, 0)), 0.5) == []
    assert match(np.array([[0.5]]), 0.5) == [(0, 0, 0.5)]           # IoU == threshold counts
    assert match(np.array([[0.49]]), 0.5) == []
    assert match(np.array([[0.9, 0.6, 0.0]]), 0.5) == [(0, 0, 0.9)]  # 1 x 3


def test_match_more_pairs_first_then_total_iou() -> None:
    # Pairing (0,0)+(1,1): 1.0 + 0.45 = 1.45 IoU but only one pair >= 0.5;
    # pairing (0,1)+(1,0): 0.5 + 0.5 = 1.0 IoU with two pairs -> two pairs win.
    assert match(np.array([[1.0, 0.5], [0.5, 0.45]]), 0.5) == [(0, 1, 0.5), (1, 0, 0.5)]
    # Either pairing has one pair >= 0.5: (0,0)=0.6 (+ 0.4 below) or (0,1)=0.7 (+ 0.1 below).
    # The pair below the threshold must not tip the choice: 0.7 is the better eligible pair.
    assert match(np.array([[0.6, 0.7], [0.1, 0.4]]), 0.5) == [(0, 1, 0.7)]


# bbox ----------------------------------------------------------------------------------------

def test_bbox_duplicate_boxes_on_one_object() -> None:
    item = box_item([{"label": "coin", "box": [0, 0, 10, 10], "attributes": {}}])
    result = bbox.score(item, shapes(("coin", [0, 0, 10, 10]), ("coin", [1, 0, 10, 10])))
    # IoU 1.0 with the exact copy, 90/110 = 0.818 with the shifted one: the exact copy is matched
    # (same count, larger total), the other is extra. accuracy = 1 / (1 + 0 + 0 + 1) = 0.5.
    d = result.detail
    assert d["pairs"] == [{"ref": 0, "cand": 0, "iou": 1.0, "status": "matched", "loose": False, "attributes": []}]
    assert (d["missed"], d["extra"], d["matched"], d["wrong_label"]) == ([], [1], 1, 0)
    assert (d["precision"], d["recall"], d["mean_iou"], d["accuracy"]) == approx((0.5, 1.0, 1.0, 0.5))
    assert result.points == approx(0.5) and result.max_points == 1.0
    assert_json(d)
    # Without partial credit an imperfect item is worth nothing.
    assert bbox.score({**item, "scoring": {"partial_credit": False}},
                      shapes(("coin", [0, 0, 10, 10]), ("coin", [1, 0, 10, 10]))).points == 0.0
    assert bbox.score({**item, "scoring": {"partial_credit": False}}, shapes(("coin", [0, 0, 10, 10]))).points == 1.0


def test_bbox_swapped_labels_are_two_wrong_labels() -> None:
    item = box_item([{"label": "cat", "box": [0, 0, 10, 10]}, {"label": "dog", "box": [20, 0, 10, 10]}])
    result = bbox.score(item, shapes(("dog", [0, 0, 10, 10]), ("cat", [20, 0, 10, 10])))
    # Both boxes are paired by IoU 1 (labels ignored for pairing), both with the other label:
    # accuracy = 0 / (0 + 2 + 0 + 0) = 0; precision = recall = 0 / 2; mean IoU = 1.
    d = result.detail
    assert [p["status"] for p in d["pairs"]] == ["wrong_label", "wrong_label"]
    assert (d["matched"], d["wrong_label"], d["missed"], d["extra"]) == (0, 2, [], [])
    assert (d["accuracy"], d["precision"], d["recall"], d["mean_iou"]) == approx((0.0, 0.0, 0.0, 1.0))
    assert result.points == 0.0


@pytest.mark.parametrize("response", [None, {}, {"shapes": []}])
def test_bbox_empty_response_misses_everything(response) -> None:
    item = box_item([{"label": "cat", "box": [0, 0, 10, 10]}, {"label": "dog", "box": [20, 0, 10, 10]}])
    result = bbox.score(item, response)
    # accuracy = 0 / (0 + 0 + 2 + 0) = 0; precision has no candidates but there are references -> 0
    assert result.points == 0.0
    assert result.detail["missed"] == [0, 1] and result.detail["extra"] == []
    assert (result.detail["precision"], result.detail["recall"]) == (0.0, 0.0)


def test_bbox_nothing_to_label_and_nothing_drawn_is_perfect() -> None:
    result = bbox.score(box_item([]), None)
    assert result.points == 1.0 and result.detail["accuracy"] == 1.0
    assert bbox.score(box_item([]), shapes(("cat", [0, 0, 5, 5]))).points == 0.0  # 0 / (0 + 0 + 0 + 1)


def test_bbox_optimal_pairing_beats_greedy() -> None:
    # All boxes are 10 x 10 at y = 0, so IoU = overlap_x * 10 / (200 - overlap_x * 10).
    #        R0: x 0..10     R1: x 4..14     C0: x 1..11     C1: x -3..7
    # R0-C0 overlap 9 -> 90/110 = 0.818   R0-C1 overlap 7 -> 70/130 = 0.538
    # R1-C0 overlap 7 -> 70/130 = 0.538   R1-C1 overlap 3 -> 30/170 = 0.176
    # Greedy takes R0-C0 (0.818) first; R1 is then left with C1 (0.176 < 0.5): one pair.
    # Optimal: R0-C1 and R1-C0, two pairs of 7/13 each: accuracy 2/2 = 1.
    refs = [{"label": "coin", "box": [0, 0, 10, 10]}, {"label": "coin", "box": [4, 0, 10, 10]}]
    response = shapes(("coin", [1, 0, 10, 10]), ("coin", [-3, 0, 10, 10]))
    iou = box_iou([r["box"] for r in refs], [s["box"] for s in response["shapes"]])
    assert iou == approx(np.array([[9 / 11, 7 / 13], [7 / 13, 3 / 17]]))
    assert greedy(iou, 0.5) == [(0, 0)]
    result = bbox.score(box_item(refs), response)
    assert [(p["ref"], p["cand"]) for p in result.detail["pairs"]] == [(0, 1), (1, 0)]
    assert [p["iou"] for p in result.detail["pairs"]] == approx([7 / 13, 7 / 13])
    assert [p["loose"] for p in result.detail["pairs"]] == [True, True]  # 0.538 < 0.8
    assert result.points == 1.0


def test_bbox_attribute_cost() -> None:
    refs = [{"label": "coin", "box": [0, 0, 10, 10], "attributes": {"occluded": True, "rusty": False}},
            {"label": "coin", "box": [20, 0, 10, 10], "attributes": {}}]
    response = {"shapes": [
        # occluded missing = false, differs from true; rusty false = false
        {"label": "coin", "box": [0, 0, 10, 10], "attributes": {}},
        # occluded false = missing; "shiny" is not declared by the label and is ignored
        {"label": "coin", "box": [20, 0, 10, 10], "attributes": {"occluded": False, "shiny": True}},
    ]}
    result = bbox.score(box_item(refs), response)
    # matched 2, one with a differing attribute: matched_eff = 2 - 0.5 * 1 = 1.5; accuracy = 1.5 / 2
    assert [p["attributes"] for p in result.detail["pairs"]] == [["occluded"], []]
    assert result.detail["matched"] == 2
    assert result.points == approx(0.75) and result.detail["accuracy"] == approx(0.75)
    assert bbox.score(box_item(refs, attribute_cost=1.0), response).points == approx(0.5)  # (2 - 1) / 2
    assert bbox.score(box_item(refs, partial_credit=False), response).points == 0.0


def test_bbox_threshold_from_scoring() -> None:
    refs = [{"label": "coin", "box": [0, 0, 10, 10]}]
    response = shapes(("coin", [5, 0, 10, 10]))  # IoU 1/3
    assert bbox.score(box_item(refs), response).detail["missed"] == [0]            # 1/3 < 0.5
    assert bbox.score(box_item(refs, iou_threshold=0.3), response).points == 1.0    # 1/3 >= 0.3


# polygon -------------------------------------------------------------------------------------

def test_polygon_bowtie_against_its_two_lobes() -> None:
    item = {"type": "polygon", "labels": [{"name": "leaf", "attributes": []}],
            "reference": [{"label": "leaf", "points": LEFT}, {"label": "leaf", "points": RIGHT}]}
    result = polygon.score(item, {"shapes": [{"label": "leaf", "points": BOWTIE, "attributes": {}}]})
    # The bow-tie has IoU 0.5 with each lobe (>= 0.5, inclusive): one lobe matched, the other missed.
    # accuracy = 1 / (1 + 0 + 1 + 0) = 0.5
    d = result.detail
    assert d["matched"] == 1 and len(d["missed"]) == 1 and d["extra"] == []
    assert d["pairs"][0]["iou"] == approx(0.5) and d["pairs"][0]["loose"] is True
    assert result.points == approx(0.5)
    assert_json(d)


# keypoints -----------------------------------------------------------------------------------

def kp_item(reference: list[dict], count: int, sigma: float = 0.1, **scoring) -> dict:
    return {"type": "keypoints", "labels": [{"name": "person"}, {"name": "dog"}],
            "skeleton": {"points": [{"name": f"p{i}", "title": f"p{i}"} for i in range(count)],
                         "edges": [], "sigmas": [sigma] * count},
            "reference": reference, "scoring": scoring}


def test_coco_oks_worked_example() -> None:
    # sigma 0.1 -> k = 2 * 0.1 = 0.2, k² = 0.04; s² = area = 100; 2 s² k² = 2 * 100 * 0.04 = 8.
    # distances² 0, 2² = 4, 4² = 16 -> exp(0) = 1, exp(-4/8) = 0.60653066, exp(-16/8) = 0.13533528
    # OKS = (1 + 0.60653066 + 0.13533528) / 3 = 0.58062198
    ref = [[10, 10], [20, 10], [30, 10]]
    cand = [[10, 10], [22, 10], [30, 14]]
    expected = (1 + math.exp(-0.5) + math.exp(-2)) / 3
    assert expected == approx(0.58062198)
    assert coco_oks(ref, cand, [0.1] * 3, 100) == approx(expected)
    result = keypoints.score(kp_item([{"label": "person", "points": ref, "area": 100}], 3),
                             {"instances": [{"label": "person", "points": cand}]})
    (instance,) = result.detail["instances"]
    assert instance["oks"] == approx(expected) and result.points == approx(expected)
    assert [p["status"] for p in instance["points"]] == ["ok", "ok", "off"]  # 0.135 < 0.5 is "off"
    assert [p["similarity"] for p in instance["points"]] == approx([1, math.exp(-0.5), math.exp(-2)])
    assert_json(result.detail)


def test_coco_oks_ignores_hidden_reference_points() -> None:
    # Only the two visible points count: (exp(0) + exp(-4/8)) / 2; the hidden one is not looked at.
    assert coco_oks([[0, 0], "hidden", [10, 0]], [[0, 0], [50, 50], [12, 0]], [0.1] * 3, 100) == approx(
        (1 + math.exp(-0.5)) / 2)
    assert coco_oks(["hidden"], [[0, 0]], [0.1], 100) == 0.0


def test_instance_area_default_is_the_visible_points_box() -> None:
    assert instance_area(Instance("person", [[0, 0], "hidden", [10, 10]])) == 100.0  # 10 x 10
    assert instance_area(Instance("person", [[5, 5], "hidden"])) == 1.0             # a lone point: at least 1
    assert instance_area(Instance("person", [[0, 0], [10, 10]], area=400)) == 400.0


def test_keypoints_hidden_joint_rules() -> None:
    ref = {"label": "person", "points": [[0, 0], "hidden", "hidden", "hidden", [10, 10]]}
    cand = {"label": "person", "points": [[0, 0], "hidden", [5, 5], None, None]}
    # point 0: visible, placed exactly        -> 1  ok
    # point 1: hidden, marked hidden          -> 1  hidden_ok
    # point 2: hidden, but placed             -> 0  guessed_hidden
    # point 3: hidden, not marked (null)      -> 0  missed_hidden_mark
    # point 4: visible, not placed (null)     -> 0  missing
    # OKS over all 5 points = 2 / 5 = 0.4 (COCO's OKS over the 2 visible points would be 1/2)
    result = keypoints.score(kp_item([ref], 5, iou_threshold=0.3), {"instances": [cand]})
    (instance,) = result.detail["instances"]
    assert [p["status"] for p in instance["points"]] == [
        "ok", "hidden_ok", "guessed_hidden", "missed_hidden_mark", "missing"]
    assert [p["similarity"] for p in instance["points"]] == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert instance["oks"] == approx(0.4) and result.points == approx(0.4)
    assert coco_oks(ref["points"], cand["points"], [0.1] * 5, 100) == approx(0.5)
    # At the default threshold 0.5 the instance is not found at all: 0.4 < 0.5.
    missed = keypoints.score(kp_item([ref], 5), {"instances": [cand]})
    assert missed.detail == {"instances": [], "missed": [0], "extra": [0]} and missed.points == 0.0
    # A visible point marked hidden is "missing".
    marked = keypoints.score(kp_item([ref], 5), {"instances": [{"label": "person", "points": [
        [0, 0], "hidden", "hidden", "hidden", "hidden"]}]})
    assert [p["status"] for p in marked.detail["instances"][0]["points"]][-1] == "missing"
    assert marked.points == approx(0.8)  # (1 + 1 + 1 + 1 + 0) / 5


def test_keypoints_instances_extra_and_labels() -> None:
    ref = {"label": "person", "points": [[0, 0], [10, 10]]}
    same = {"label": "person", "points": [[0, 0], [10, 10]]}
    far = {"label": "person", "points": [[500, 500], [510, 510]]}
    # one perfect pair (OKS 1) and one extra instance: points = 1 / max(1, 2) = 0.5
    result = keypoints.score(kp_item([ref], 2), {"instances": [far, same]})
    assert [(i["ref"], i["cand"]) for i in result.detail["instances"]] == [(0, 1)]
    assert result.detail["extra"] == [0] and result.points == approx(0.5)
    assert keypoints.score(kp_item([ref], 2, partial_credit=False), {"instances": [far, same]}).points == 0.0
    assert keypoints.score(kp_item([ref], 2, partial_credit=False), {"instances": [same]}).points == 1.0
    # An instance of another label is never paired, even on the same spot.
    other = keypoints.score(kp_item([ref], 2), {"instances": [{**same, "label": "dog"}]})
    assert other.detail["missed"] == [0] and other.detail["extra"] == [0] and other.points == 0.0
    assert keypoints.score(kp_item([ref], 2), None).points == 0.0
    assert keypoints.score(kp_item([], 2), None).points == 1.0


# classify ------------------------------------------------------------------------------------

def test_classify_single_label() -> None:
    item = {"type": "classify", "multi_label": False, "reference": [["cat"], ["dog"]]}
    result = classify.score(item, {"labels": [["cat"], ["cat"]]})
    # image 1 exact (1), image 2 wrong (0): mean 0.5
    assert result.detail == {"images": [{"jaccard": 1.0, "missing": [], "extra": []},
                                        {"jaccard": 0.0, "missing": ["dog"], "extra": ["cat"]}]}
    assert result.points == 0.5
    assert classify.score(item, None).points == 0.0
    assert classify.score({**item, "scoring": {"partial_credit": False}}, {"labels": [["cat"], ["cat"]]}).points == 0


def test_classify_multi_label_jaccard() -> None:
    item = {"type": "classify", "multi_label": True, "reference": [["dog", "person"], [], ["cat"]]}
    result = classify.score(item, {"labels": [["dog", "cat"], [], ["cat"]]})
    # image 1: {dog, person} vs {dog, cat}: |∩| = 1, |∪| = 3 -> 1/3
    # image 2: both empty -> 1;  image 3: exact -> 1;  mean = (1/3 + 1 + 1) / 3 = 7/9
    images = result.detail["images"]
    assert [i["jaccard"] for i in images] == approx([1 / 3, 1.0, 1.0])
    assert images[0]["missing"] == ["person"] and images[0]["extra"] == ["cat"]
    assert result.points == approx(7 / 9)
    # a missing answer list for an image counts as no label chosen: 0, 1 (both empty), 0 -> 1/3
    assert classify.score(item, {"labels": [["person"]]}).points == approx((0.5 + 1 + 0) / 3)


# spans ---------------------------------------------------------------------------------------

TEXT = "홍길동은 2024년 서울에서 김철수를 만났다"
# code points: 홍0 길1 동2 은3 _4 2(5) 0(6) 2(7) 4(8) 년9 _10 서11 울12
#              에13 서14 _15 김16 철17 수18 를19 _20 만21 났22 다23


def test_spans_strict_f1_with_partial_and_type_error() -> None:
    assert TEXT[0:3] == "홍길동" and TEXT[5:10] == "2024년" and TEXT[11:13] == "서울" and TEXT[16:19] == "김철수"
    item = {"type": "spans", "text": TEXT, "labels": [{"name": n} for n in ("PER", "LOC", "DATE")],
            "reference": [{"start": 0, "end": 3, "label": "PER"}, {"start": 5, "end": 10, "label": "DATE"},
                          {"start": 11, "end": 13, "label": "LOC"},  # 서울 (the bank may name it by its text)
                          {"start": 16, "end": 19, "label": "PER"}]}
    response = {"spans": [
        {"start": 0, "end": 3, "label": "PER"},    # exact: true positive
        {"start": 5, "end": 9, "label": "DATE"},   # "2024" without 년: partial overlap, same label
        {"start": 11, "end": 13, "label": "PER"},  # 서울 as PER: exact boundaries, other label
        {"start": 21, "end": 23, "label": "LOC"},  # nothing there: plain false positive
    ]}
    result = spans.score(item, response)
    # TP 1 of 4 candidates and 4 references: P = R = 1/4, F1 = 2 * 1/16 / (1/2) = 1/4
    d = result.detail
    assert d["true_positive"] == [{"ref": 0, "cand": 0}]
    assert d["false_positive"] == [1, 2, 3] and d["false_negative"] == [1, 2, 3]
    assert d["partial"] == [{"ref": 1, "cand": 1}] and d["type_errors"] == [{"ref": 2, "cand": 2}]
    assert (d["precision"], d["recall"], d["f1"]) == approx((0.25, 0.25, 0.25))
    assert result.points == approx(0.25)
    assert_json(d)
    assert spans.score({**item, "scoring": {"partial_credit": False}}, response).points == 0.0


def test_spans_conventions() -> None:
    item = {"type": "spans", "text": TEXT, "reference": []}
    assert spans.score(item, None).detail["f1"] == 1.0                     # nothing to find, nothing found
    assert spans.score(item, {"spans": [{"start": 0, "end": 3, "label": "PER"}]}).points == 0.0
    item = {"type": "spans", "text": TEXT, "reference": [{"start": 0, "end": 3, "label": "PER"}]}
    assert spans.score(item, None).detail["f1"] == 0.0
    # the same exact span twice: one TP, one FP -> P = 1/2, R = 1, F1 = 2/3
    twice = {"spans": [{"start": 0, "end": 3, "label": "PER"}] * 2}
    assert spans.score(item, twice).points == approx(2 / 3)


# ocr -----------------------------------------------------------------------------------------

OCR_REFERENCE = [{"box": [0, 0, 100, 30], "text": "STOP"},
                 {"points": [[0, 50], [100, 50], [100, 80], [0, 80]], "text": "주차 금지"}]
OCR_RESPONSE = {"regions": [{"box": [0, 50, 100, 30], "text": "주차금지"},   # region 2 exactly, space left out
                            {"box": [2, 0, 100, 30], "text": "ST0P"}]}       # region 1 shifted 2 px, O read as 0


def ocr_item(normalize: dict | None = None, **scoring) -> dict:
    return {"type": "ocr", "reference": OCR_REFERENCE, "normalize": normalize, "scoring": scoring}


def test_ocr_misread_region_and_normalisation() -> None:
    # pairing: cand 1 <-> ref 0: intersection 98 x 30 = 2940, union 3000 + 3000 - 2940 = 3060 -> 0.9608
    #          cand 0 <-> ref 1: the same rectangle -> 1.0
    # ref 0: "STOP" vs "ST0P": 1 substitution / 4 characters -> CER 0.25
    # ref 1: "주차 금지" vs "주차금지": 1 deletion / 5 characters -> CER 0.2 (spaces count by default)
    result = ocr.score(ocr_item(), OCR_RESPONSE)
    d = result.detail
    assert [(p["ref"], p["cand"]) for p in d["pairs"]] == [(0, 1), (1, 0)]
    assert [p["iou"] for p in d["pairs"]] == approx([2940 / 3060, 1.0])
    assert [p["cer"] for p in d["pairs"]] == approx([0.25, 0.2])
    assert [p["text_ok"] for p in d["pairs"]] == [False, False]
    assert result.points == 0.0  # 0 read right / (2 references + 0 extra)
    assert_json(d)
    # ignoring spaces: ref 1 is read right -> 1 / 2
    spaced = ocr.score(ocr_item({"case": False, "spaces": True, "punctuation": False}), OCR_RESPONSE)
    assert [p["cer"] for p in spaced.detail["pairs"]] == approx([0.25, 0.0])
    assert spaced.points == approx(0.5) and spaced.detail["accuracy"] == approx(0.5)
    # ... and allowing one error in four characters: both right -> 1
    assert ocr.score(ocr_item({"spaces": True}, cer_max=0.25), OCR_RESPONSE).points == 1.0
    # an extra region drawn where there is no text: 1 / (2 + 1)
    extra = {"regions": OCR_RESPONSE["regions"] + [{"box": [500, 500, 10, 10], "text": "X"}]}
    assert ocr.score(ocr_item({"spaces": True}), extra).points == approx(1 / 3)
    assert ocr.score(ocr_item({"spaces": True}, partial_credit=False), OCR_RESPONSE).points == 0.0
    assert ocr.score(ocr_item(), None).detail["missed"] == [0, 1]


def test_ocr_text_normalisation_and_levenshtein() -> None:
    assert levenshtein("kitten", "sitting") == 3  # k->s, e->i, +g
    assert levenshtein("", "abc") == 3 and levenshtein("주차", "주차") == 0
    assert normalize("  ＳＴＯＰ ") == "STOP"                           # NFKC (full-width) and strip always
    assert cer("STOP", "stop!") == approx(5 / 4)                        # 4 case substitutions + 1 insertion
    assert cer("STOP", "stop!", {"case": True, "punctuation": True}) == 0.0
    assert normalize("주차 금지。", {"spaces": True, "punctuation": True}) == "주차금지"
    assert cer("", "") == 0.0 and cer("", "A") == 1.0                   # max(1, len(reference))


def test_every_labeling_scorer_takes_an_empty_response() -> None:
    payloads = {"bbox": box_item([]), "polygon": {"reference": []}, "keypoints": kp_item([], 2),
                "classify": {"reference": []}, "spans": {"text": "x", "reference": []}, "ocr": {"reference": []}}
    for name, payload in payloads.items():
        result = TypeScorer(name).score(payload, None)
        assert result.points == 1.0 and result.max_points == 1.0
        assert_json(result.detail)


# Properties ----------------------------------------------------------------------------------

coordinate = st.floats(-200, 200, allow_nan=False, allow_infinity=False, allow_subnormal=False)
size = st.floats(0, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False)
box = st.tuples(coordinate, coordinate, size, size).map(list)
point = st.tuples(coordinate, coordinate).map(list)
any_polygon = st.lists(point, min_size=3, max_size=8)  # may cross itself or collapse
# as stored from a response: coordinates rounded to 0.01 px (questions/labeling.response_points)
drawn_point = st.tuples(st.integers(-20000, 20000), st.integers(-20000, 20000)).map(lambda p: [p[0] / 100, p[1] / 100])
drawn_polygon = st.lists(drawn_point, min_size=3, max_size=8)


@st.composite
def simple_polygon(draw) -> list[list[float]]:
    """A star-shaped polygon: evenly spaced angles jittered by less than half a step, so it never crosses."""
    n = draw(st.integers(3, 12))
    cx, cy = draw(coordinate), draw(coordinate)
    step = 2 * math.pi / n
    points = []
    for i in range(n):
        angle = i * step + draw(st.floats(-0.4, 0.4)) * step
        radius = draw(st.floats(1, 60))
        points.append([cx + radius * math.cos(angle), cy + radius * math.sin(angle)])
    return points


PROPERTY = settings(max_examples=100, deadline=None)


@PROPERTY
@given(st.lists(box, max_size=6), st.lists(box, max_size=6))
def test_box_iou_symmetric_and_bounded(a, b) -> None:
    iou = box_iou(a, b)
    assert iou.shape == (len(a), len(b))
    assert ((iou >= 0) & (iou <= 1)).all()
    assert iou == approx(box_iou(b, a).T, abs=1e-12)


@PROPERTY
@given(st.lists(any_polygon, max_size=4), st.lists(any_polygon, max_size=4))
def test_polygon_iou_symmetric_and_bounded(a, b) -> None:
    iou = polygon_iou(a, b)
    assert iou.shape == (len(a), len(b))
    assert ((iou >= 0) & (iou <= 1)).all()
    assert iou == approx(polygon_iou(b, a).T, abs=1e-7)


@PROPERTY
@given(drawn_polygon, drawn_polygon)
@example([[-12.65, -2.7], [0.98, -2.7], [0.98, -2.7], [1.49, 3.84], [-10.86, 1.45], [13.41, 4.56]],
         [[-12.65, -2.7], [-12.65, -2.7], [-1.13, -1.8], [1.49, 3.84], [-10.86, 1.45], [13.41, 4.56]])
def test_polygon_iou_agrees_with_a_fine_grid_overlay(a, b) -> None:
    # Oracle: GEOS's snap-rounding overlay on a 1e-9 px grid (robust, slow). The floating-point
    # overlay alone gets some self-crossing pairs wrong (e.g. half the true intersection).
    ga, gb = to_polygons([a, b])
    inter = shapely.area(shapely.intersection(ga, gb, grid_size=1e-9))
    union = ga.area + gb.area - inter
    expected = inter / union if union > 0 else 0.0
    full = polygon_iou([a], [b])[0, 0]
    assert full == approx(expected, abs=1e-5)
    floored = polygon_iou([a], [b], floor=0.5)[0, 0]  # skipped pairs are 0, others unchanged
    assert floored == full or (floored == 0.0 and full < 0.5)


@PROPERTY
@given(drawn_polygon)
def test_any_drawn_polygon_with_area_matches_itself(points) -> None:
    iou = polygon_iou([points], [points])[0, 0]
    assert iou == (approx(1.0) if polygon_areas([points])[0] >= MIN_AREA else 0.0)


@PROPERTY
@given(st.lists(st.tuples(coordinate, coordinate, st.floats(1, 100), st.floats(1, 100)).map(list),
                min_size=1, max_size=5))
def test_identical_boxes_score_one(boxes) -> None:
    item = box_item([{"label": "coin", "box": b, "attributes": {"occluded": True}} for b in boxes])
    response = {"shapes": [{"label": "coin", "box": b, "attributes": {"occluded": True}} for b in reversed(boxes)]}
    result = bbox.score(item, response)
    assert result.points == approx(1.0) and result.detail["matched"] == len(boxes)


@PROPERTY
@given(st.lists(simple_polygon(), min_size=1, max_size=4))
def test_identical_polygons_score_one(polys) -> None:
    item = {"labels": [{"name": "leaf"}], "reference": [{"label": "leaf", "points": p} for p in polys]}
    result = polygon.score(item, {"shapes": [{"label": "leaf", "points": p} for p in polys]})
    assert result.points == approx(1.0)
    assert all(p["iou"] == approx(1.0) for p in result.detail["pairs"])


@PROPERTY
@given(box, box, st.floats(0, 50))
def test_disjoint_boxes_have_zero_iou(a, b, gap) -> None:
    moved = [a[0] + max(a[2], 0) + gap, b[1], b[2], b[3]]  # b placed right of a (touching when gap = 0)
    assert box_iou([a], [moved])[0, 0] == 0.0


@PROPERTY
@given(simple_polygon(), simple_polygon(), st.floats(0.01, 50))
def test_disjoint_polygons_have_zero_iou(a, b, gap) -> None:
    # (a gap, not touching: the shifted coordinates are rounded, touching is tested by hand above)
    shift = max(x for x, _ in a) - min(x for x, _ in b) + gap
    moved = [[x + shift, y] for x, y in b]
    assert polygon_iou([a], [moved])[0, 0] == 0.0


def brute_force_best(iou: np.ndarray, threshold: float) -> tuple[int, float]:
    """Most pairs >= threshold, then the largest total, over every one-to-one pairing."""
    n, m = iou.shape
    if n > m:
        return brute_force_best(iou.T, threshold)
    best = (0, 0.0)
    for cols in itertools.permutations(range(m), n):
        values = [iou[r, c] for r, c in enumerate(cols) if iou[r, c] >= threshold]
        best = max(best, (len(values), sum(values)))
    return best


@PROPERTY
@given(st.integers(0, 4), st.integers(0, 4), st.data(), st.floats(0, 1))
def test_match_is_one_to_one_above_threshold_and_optimal(n, m, data, threshold) -> None:
    values = data.draw(st.lists(st.floats(0, 1), min_size=n * m, max_size=n * m))
    iou = np.array(values, dtype=float).reshape(n, m)
    pairs = match(iou, threshold)
    rows, cols = [r for r, _, _ in pairs], [c for _, c, _ in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
    assert all(value >= threshold - EPSILON and value == iou[r, c] for r, c, value in pairs)
    count, total = brute_force_best(iou, threshold - EPSILON) if n and m else (0, 0.0)
    assert len(pairs) == count
    assert sum(v for _, _, v in pairs) == approx(total)
