"""The same flow on PostgreSQL, the database many deployments use (DATABASE_URL).

Runs when EXAM_PREP_TEST_POSTGRES_URL names an empty-able database, e.g.
postgresql+psycopg://exam_prep:exam_prep@127.0.0.1/exam_prep_test (CI starts one). The schema is
built from the migrations, the shipped bank is loaded, and a candidate takes an exam, including
two racing submits.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from exam_prep import create_app
from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from tests.conftest import Candidate, answer_all

URL = os.environ.get("EXAM_PREP_TEST_POSTGRES_URL")
SHIPPED_BANK = Path(__file__).resolve().parents[2] / "question_bank"

pytestmark = pytest.mark.skipif(not URL, reason="EXAM_PREP_TEST_POSTGRES_URL is not set (CI sets it)")


@pytest.fixture
def pg_app():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": URL,
                      "EXAM_PREP_QUESTION_BANK": str(SHIPPED_BANK)})
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        upgrade(directory=app.extensions["migrate"].directory)
        report = load_folder(str(SHIPPED_BANK))
        assert report.added >= 60
    yield app
    with app.app_context():
        db.engine.dispose()


def test_exam_flow_on_postgresql(pg_app) -> None:
    user = Candidate(pg_app.test_client(), "포스트그레스").register()
    assert user.api("POST", "/api/v1/attempts", {"exam": "level1"}).status_code == 403
    state = user.start("level2")
    assert len(state["items"]) == 50  # 25 theory + 25 labeling exercises
    first = state["items"][0]["id"]
    answer_all(pg_app, user, state, correct=45)
    stale = user.save(state["id"], first, None, seq=1)
    assert stale.get_json()["saved"] is False

    tab2 = pg_app.test_client()
    tab2.set_cookie("session", user.client.get_cookie("session").value)
    barrier = threading.Barrier(2)
    results = []

    def submit(client) -> None:
        barrier.wait()
        response = client.post(f"/api/v1/attempts/{state['id']}/submit", headers={"X-CSRFToken": user.token})
        results.append(response.get_json())

    threads = [threading.Thread(target=submit, args=(c,)) for c in (user.client, tab2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] == results[1]
    assert results[0]["points"] == 45 and results[0]["passed"] is True
    assert user.api("POST", "/api/v1/attempts", {"exam": "level1"}).status_code == 201
    page = user.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)
    assert "합격입니다" in page
