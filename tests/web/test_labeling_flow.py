"""Labeling exercises as exam items: public view without references, response checking on save,
scoring on submit, and the review picture with both layers."""
from __future__ import annotations

import json

from tests.conftest import Candidate

PERFECT = {
    "bbox": {"shapes": [{"label": "square", "box": [20, 30, 50, 60]}, {"label": "circle", "box": [110, 40, 60, 60]}]},
    "polygon": {"shapes": [{"label": "triangle", "points": [[30, 120], [90, 110], [80, 140]]}]},
    "keypoints": {"instances": [{"label": "shape", "points": [[20, 30], [70, 90], "hidden"]}]},
    "classify": {"labels": [["square", "circle"], ["square", "text"]]},
    "spans": {"spans": [{"start": 2, "end": 5, "label": "PER"}, {"start": 7, "end": 9, "label": "LOC"},
                        {"start": 17, "end": 19, "label": "LOC"}]},
    "ocr": {"regions": [{"box": [10, 10, 60, 30], "text": "stop"}]},
}

FLAWED = {
    # one box loose-but-matching, one box missing, one extra far away
    "bbox": {"shapes": [{"label": "square", "box": [18, 28, 56, 66]}, {"label": "circle", "box": [0, 0, 10, 10]}]},
    "polygon": {"shapes": [{"label": "triangle", "points": [[30, 120], [90, 110], [80, 140]]}]},
    # the hidden point guessed
    "keypoints": {"instances": [{"label": "shape", "points": [[20, 30], [70, 90], [100, 100]]}]},
    "classify": {"labels": [["square"], ["square", "text"]]},
    # 홍길동은 (with the particle) is a partial overlap; the second 서울 is missing
    "spans": {"spans": [{"start": 2, "end": 6, "label": "PER"}, {"start": 7, "end": 9, "label": "LOC"}]},
    "ocr": {"regions": [{"box": [10, 10, 60, 30], "text": "STOP!"}]},
}


def start_practice(user: Candidate) -> dict:
    state = user.start("practice")
    assert {i["type"] for i in state["items"]} == set(PERFECT)
    return state


def test_public_view_of_exercises_has_no_reference(candidate: Candidate) -> None:
    state = start_practice(candidate)
    body = json.dumps(state, ensure_ascii=False)
    assert "reference" not in body and "SECRET-EXPLANATION" not in body
    bbox = next(i for i in state["items"] if i["type"] == "bbox")
    assert bbox["image"]["width"] == 200 and bbox["image"]["url"].startswith("/media/")
    assert [label["name"] for label in bbox["labels"]] == ["square", "circle"]
    keypoints = next(i for i in state["items"] if i["type"] == "keypoints")
    assert [p["title"] for p in keypoints["skeleton"]["points"]] == ["왼쪽 위", "오른쪽 아래", "뒷면"]
    image = candidate.client.get(bbox["image"]["url"])
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert "immutable" in image.headers["Cache-Control"]
    image.close()
    assert candidate.client.get("/media/../secret_key").status_code == 404


def test_perfect_labels_score_full_marks(app, candidate: Candidate) -> None:
    state = start_practice(candidate)
    for item in state["items"]:
        response = candidate.save(state["id"], item["id"], PERFECT[item["type"]], seq=1)
        assert response.status_code == 200, (item["type"], response.get_json())
    summary = candidate.submit(state["id"])
    assert summary["points"] == 6 and summary["passed"] is True


def test_flawed_labels_are_scored_and_explained(app, candidate: Candidate) -> None:
    state = start_practice(candidate)
    for item in state["items"]:
        assert candidate.save(state["id"], item["id"], FLAWED[item["type"]], seq=1).status_code == 200
    candidate.submit(state["id"])
    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    by_type = {i["type"]: i for i in result["items"]}
    bbox = by_type["bbox"]["detail"]
    assert bbox["matched"] == 1 and bbox["missed"] == [1] and bbox["extra"] == [1]
    assert by_type["bbox"]["points"] == 1 / 3  # 1 matched / (1 matched + 1 missed + 1 extra)
    assert by_type["polygon"]["points"] == 1
    statuses = [p["status"] for p in by_type["keypoints"]["detail"]["instances"][0]["points"]]
    assert statuses[2] == "guessed_hidden"
    assert by_type["classify"]["points"] == 0.75  # Jaccard 1/2 and 1
    assert by_type["spans"]["detail"]["partial"]
    assert by_type["ocr"]["points"] == 0  # "STOP!" is not "STOP" (only case is ignored)
    assert all("reference" not in i for i in result["items"])

    page = candidate.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)
    assert page.count('class="review-svg"') >= 3
    assert 'class="ref missed"' in page and 'class="cand extra"' in page and "IoU 0.81" in page
    assert "가려진 점을 짐작해서 찍음" in page
    assert "놓친 개체가 1개 있습니다" in page
    assert "도형의 가장자리에 꼭 맞게 그립니다." in page  # the guide under the picture
    assert "부분 점수 0.33 / 1" in page  # the bbox item earned a third of its point


def test_malformed_labeling_responses_are_refused(candidate: Candidate) -> None:
    state = start_practice(candidate)
    ids = {i["type"]: i["id"] for i in state["items"]}
    bad = [
        ("bbox", {"shapes": [{"label": "dog", "box": [0, 0, 5, 5]}]}),
        ("bbox", {"shapes": [{"label": "square", "box": [0, 0, -5, 5]}]}),
        ("bbox", {"shapes": [{"label": "square", "box": [0, 0, 5, 5], "attributes": {"flying": True}}]}),
        ("polygon", {"shapes": [{"label": "triangle", "points": [[0, 0], [1, 1]]}]}),
        ("keypoints", {"instances": [{"label": "shape", "points": [[1, 1]]}]}),
        ("classify", {"labels": [["square", "circle"]]}),
        ("spans", {"spans": [{"start": 5, "end": 99, "label": "PER"}]}),
        ("ocr", {"regions": [{"box": [0, 0, 5, 5]}]}),
        ("bbox", {"shapes": "nope"}),
        ("bbox", {"shapes": [{"label": "square", "points": [[0, 0], [5, 0], [5, 5]]}]}),
        ("polygon", {"shapes": [{"label": "triangle", "box": [0, 0, 5, 5]}]}),
    ]
    for kind, response in bad:
        reply = candidate.save(state["id"], ids[kind], response, seq=1)
        assert reply.status_code == 400, (kind, response, reply.get_json())
        assert reply.get_json()["error"]
    reply = candidate.save(state["id"], ids["bbox"],
                           {"shapes": [{"label": "square", "points": [[0, 0], [5, 0], [5, 5]]}]}, seq=1)
    assert reply.get_json()["error"] == "상자에는 box가 있어야 합니다"
