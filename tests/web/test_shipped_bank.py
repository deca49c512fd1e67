"""The shipped bank as candidates meet it: five Level 2 mock exams in a row draw mostly new
questions, in the proportions exams.yaml sets."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from flask_migrate import upgrade

from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from tests.conftest import Candidate, make_app

SHIPPED_BANK = Path(__file__).resolve().parents[2] / "question_bank"


@pytest.fixture
def shipped_app(tmp_path: Path):
    app = make_app(tmp_path / "shipped.sqlite", EXAM_PREP_QUESTION_BANK=str(SHIPPED_BANK))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(SHIPPED_BANK))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_five_level2_mock_exams_meet_mostly_new_questions(shipped_app) -> None:
    user = Candidate(shipped_app.test_client(), "다섯번")
    user.register()
    theory_seen: list[str] = []
    practical_by_attempt: list[set[str]] = []
    for _ in range(5):
        state = user.start("level2")
        theory = [i for i in state["items"] if i["section"] == 0]
        practical = [i for i in state["items"] if i["section"] == 1]
        assert len(theory) == 25 and len(practical) == 25
        assert Counter(i["type"] for i in practical) == {"bbox": 5, "polygon": 4, "keypoints": 4, "classify": 4,
                                                         "spans": 4, "ocr": 4}
        theory_seen += [i["question"] for i in theory]
        practical_by_attempt.append({i["question"] + str(i.get("image") or i.get("text")) for i in practical})
        user.submit(state["id"])
    # 250 theory questions: five exams of 25 never repeat one.
    assert len(set(theory_seen)) == 125
    # 64 labeling tasks: the first two exams share none, and five exams see every one of them.
    assert not practical_by_attempt[0] & practical_by_attempt[1]
    assert len(set().union(*practical_by_attempt)) >= 60
