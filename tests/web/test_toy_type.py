"""Adding a question type means one package (here tests/toy_type/: the type's module and its
template): registered, it goes through the bank load, an exam page, a save, the scoring and the
review like the built-in types, with no list elsewhere to extend (docs/architecture.md)."""
from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from exam_prep.bank import load_bank
from exam_prep.bank.loader import BankError
from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from exam_prep.questions import registry
from tests.conftest import Candidate
from tests.toy_type import TEMPLATES, Count

EXAMS = """\
domains:
  toys: 장난감
exams:
  - id: toy
    title: 장난감 시험
    level: 2
    minutes: 10
    pass: {total: 50}
    sections:
      - title: 세기
        count: 2
        level: 2
        types: [count]
"""

QUESTIONS = """\
- id: toy-apples
  type: count
  level: 2
  domain: toys
  question: 사과는 몇 개입니까? TOY-QUESTION-APPLES
  answer: 3
  explanation: 사과는 세 개입니다. TOY-EXPLANATION
- id: toy-pears
  type: count
  level: 2
  domain: toys
  question: 배는 몇 개입니까? TOY-QUESTION-PEARS
  answer: 5
  explanation: 배는 다섯 개입니다. TOY-EXPLANATION
"""


@pytest.fixture
def toy_type() -> Iterator[None]:
    registry.register(Count)
    yield
    registry.unregister(Count.name)


@pytest.fixture
def toy_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "toy_bank"
    (folder / "level2").mkdir(parents=True)
    (folder / "exams.yaml").write_text(EXAMS, encoding="utf-8")
    (folder / "level2" / "toys.yaml").write_text(textwrap.dedent(QUESTIONS), encoding="utf-8")
    return folder


@pytest.fixture
def toy_app(app: Flask, toy_type: None, toy_bank: Path) -> Flask:
    app.jinja_loader = ChoiceLoader([app.jinja_loader, FileSystemLoader(str(TEMPLATES))])
    with app.app_context():
        load_folder(str(toy_bank))
        db.session.commit()
    return app


def test_without_its_package_registered_the_type_is_unknown_to_the_bank(toy_bank: Path) -> None:
    with pytest.raises(BankError) as raised:
        load_bank(toy_bank)
    assert any("'count'" in str(problem) for problem in raised.value.problems)


def test_a_toy_type_goes_through_load_exam_save_score_and_review(toy_app: Flask, toy_bank: Path) -> None:
    assert [q.schema.type for q in load_bank(toy_bank).questions] == ["count", "count"]
    user = Candidate(toy_app.test_client(), "장난감수험생").register()
    state = user.start("toy")
    assert [item["type"] for item in state["items"]] == ["count", "count"]

    page = user.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    assert page.count('class="toy-count"') == 2  # drawn by the type's own template
    data = re.search(r'<script type="application/json" id="attempt-data">(.*?)</script>', page, re.S).group(1)
    data = json.loads(data)
    assert data["scripts"] == {"count": "/static/js/questions/count.js"}  # the type's script, named once
    assert "TOY-EXPLANATION" not in page

    answers = {"toy-apples": 3, "toy-pears": 5}
    by_question = {item["id"]: ("toy-apples" if "APPLES" in item["question"] else "toy-pears")
                   for item in state["items"]}
    first, second = (item["id"] for item in state["items"])
    refused = user.save(state["id"], first, {"count": "three"}, seq=1)
    assert refused.status_code == 400 and "count" in refused.get_json()["error"]
    assert user.save(state["id"], first, {"count": answers[by_question[first]]}, seq=2).status_code == 200
    assert user.save(state["id"], second, {"count": 999}, seq=1).status_code == 200

    summary = user.submit(state["id"])
    assert (summary["points"], summary["max_points"], summary["passed"]) == (1, 2, True)

    result = user.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    assert [(i["correct"], i["detail"]["given"]) for i in result["items"]] == [
        (True, answers[by_question[first]]), (False, 999)]
    review = user.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)
    assert review.count('class="toy-count-answer"') == 2
    assert "정답 개수: 3" in review and "정답 개수: 5" in review
    assert "TOY-EXPLANATION" in review
