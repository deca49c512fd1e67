"""The account and attempt invariants of migration 0002 on PostgreSQL (partial and unique
indexes, the throttle's counts), where racing transactions block on an index instead of on
SQLite's single writer. Runs when EXAM_PREP_TEST_POSTGRES_URL is set (CI sets it)."""
from __future__ import annotations

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from exam_prep import create_app
from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from exam_prep.models import Attempt, User
from tests.conftest import FIXTURE_BANK, MEDIA_DIR, PASSWORD, Candidate
from tests.web.test_concurrency import open_attempts, race, tabs_of

URL = os.environ.get("EXAM_PREP_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(not URL, reason="EXAM_PREP_TEST_POSTGRES_URL is not set (CI sets it)")


@pytest.fixture
def pg_app():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": URL,
                      "EXAM_PREP_QUESTION_BANK": str(FIXTURE_BANK), "EXAM_PREP_MEDIA_DIR": str(MEDIA_DIR)})
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(FIXTURE_BANK))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_parallel_starts_leave_one_open_attempt_on_postgresql(pg_app) -> None:
    user = Candidate(pg_app.test_client(), "포스트그레스응시").register()
    for _round in range(2):
        responses = race(tabs_of(pg_app, user, 20), lambda tab: tab.post(
            "/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": user.token}))
        assert sorted(r.status_code for r in responses) == [200] * 19 + [201]
        opened = open_attempts(pg_app, user.username, "level2")
        assert len(opened) == 1 and {r.get_json()["id"] for r in responses} == set(opened)
        user.submit(opened[0])
    with pg_app.app_context():
        finished = db.session.scalars(db.select(Attempt).filter_by(status="finished")).first()
        db.session.add(Attempt(user_id=finished.user_id, exam_id=finished.exam_id, status="open",
                               deadline=finished.deadline, rules=finished.rules))
        db.session.commit()  # one open beside finished ones is fine
        db.session.add(Attempt(user_id=finished.user_id, exam_id=finished.exam_id, status="open",
                               deadline=finished.deadline, rules=finished.rules))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_parallel_case_variants_make_one_account_on_postgresql(pg_app) -> None:
    names = ["PgRace", "pgrace", "PGRACE", "pGrACE"] * 2
    users = [Candidate(pg_app.test_client(), name) for name in names]
    for user in users:
        user.refresh_token()
    responses = race(users, lambda user: user.client.post("/auth/register", data={
        "csrf_token": user.token, "username": user.username, "password": PASSWORD, "password2": PASSWORD}))
    assert sorted(r.status_code for r in responses) == [302] + [400] * (len(names) - 1)
    with pg_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_logout_and_throttle_on_postgresql(pg_app) -> None:
    user = Candidate(pg_app.test_client(), "포스트그레스로그아웃").register()
    cookie = user.client.get_cookie("session").value
    user.client.post("/auth/logout", data={"csrf_token": user.token})
    replayed = pg_app.test_client()
    replayed.set_cookie("session", cookie)
    assert replayed.get("/history").status_code == 302

    client = pg_app.test_client()
    codes = []
    for n in range(11):
        token = Candidate(client, user.username).refresh_token()
        codes.append(client.post("/auth/login", data={
            "csrf_token": token, "username": user.username, "password": f"wrong-{n}"}).status_code)
    assert codes == [400] * 10 + [429]
