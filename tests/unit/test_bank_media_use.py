"""How the shipped bank uses its images: no image carries more than four exercises (so a few
pictures do not dominate the mock exams), and the Level 1 inspection (검수) tasks never use an
image a Level 2 practice exercise uses (so the two exams stay independent: an inspection task
must not show a practice exercise's answer)."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from exam_prep.bank import load_bank

SHIPPED_BANK = Path(__file__).resolve().parents[2] / "question_bank"
MAX_USES = 4
INSPECTION = "inspect"
Uses = dict[str, list[tuple[str, str]]]


def image_paths(payload: dict[str, Any]) -> set[str]:
    """The bank paths of the images an exercise shows (`image`, or each of `images`)."""
    shown = [payload["image"]] if payload.get("image") else []
    shown += payload.get("images") or []
    return {image["path"] for image in shown}


def image_uses(exercises: list[tuple[str, str, dict[str, Any]]]) -> Uses:
    """Image path -> the (id, type) of every exercise that shows it."""
    uses: Uses = defaultdict(list)
    for qid, qtype, payload in exercises:
        for path in sorted(image_paths(payload)):
            uses[path].append((qid, qtype))
    return dict(uses)


def overused(uses: Uses, limit: int = MAX_USES) -> dict[str, list[str]]:
    return {path: [qid for qid, _ in users] for path, users in uses.items() if len(users) > limit}


def shared_with_practice(uses: Uses) -> dict[str, list[str]]:
    """Images shown both by an inspection task and by another exercise."""
    return {path: [qid for qid, _ in users] for path, users in uses.items()
            if any(t == INSPECTION for _, t in users) and any(t != INSPECTION for _, t in users)}


@pytest.fixture(scope="module")
def shipped() -> list[tuple[str, str, dict[str, Any]]]:
    return [(q.id, q.schema.type, q.payload()) for q in load_bank(SHIPPED_BANK).questions]


def one(path: str) -> dict[str, Any]:
    return {"path": path, "src": "x.png", "width": 10, "height": 10}


def test_the_checks_find_an_overused_image_and_one_shared_with_practice() -> None:
    exercises = [(f"p{i}", "bbox", {"image": one("media/a.png")}) for i in range(4)]
    exercises += [("c1", "classify", {"images": [one("media/a.png"), one("media/b.png")]}),
                  ("i1", "inspect", {"image": one("media/b.png")}),
                  ("i2", "inspect", {"image": one("media/c.png")}),
                  ("s1", "inspect", {"text": "본문"})]
    uses = image_uses(exercises)
    assert overused(uses) == {"media/a.png": ["p0", "p1", "p2", "p3", "c1"]}
    assert shared_with_practice(uses) == {"media/b.png": ["c1", "i1"]}
    assert "media/c.png" not in overused(uses) and "media/c.png" not in shared_with_practice(uses)


def test_no_shipped_image_is_in_more_than_four_exercises(shipped) -> None:
    assert overused(image_uses(shipped)) == {}


def test_no_inspection_task_shares_an_image_with_a_practice_exercise(shipped) -> None:
    assert shared_with_practice(image_uses(shipped)) == {}


def test_inspection_tasks_cover_every_task_kind_with_approvals(shipped) -> None:
    """At least 90 inspection tasks, 18 or more of each kind of labeling, and in each kind some
    with nothing wrong, so a candidate cannot pass by rejecting everything."""
    tasks = [payload for _, qtype, payload in shipped if qtype == INSPECTION]
    kinds = Counter(payload["task"] for payload in tasks)
    approvals = Counter(payload["task"] for payload in tasks if payload["verdict"] == "approve")
    assert len(tasks) >= 90
    assert set(kinds) == {"bbox", "polygon", "keypoints", "spans", "ocr"}
    assert min(kinds.values()) >= 18, kinds
    assert min(approvals[kind] for kind in kinds) >= 2, approvals
