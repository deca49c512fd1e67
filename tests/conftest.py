"""Fixtures: app (on a fresh copy of a migrated SQLite database), client, runner, and helpers.

The schema comes from the Alembic migrations, built once per session into a template file that
each test copies, so tests run on exactly what `flask db upgrade` makes.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from exam_prep import create_app
from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db

FIXTURES = Path(__file__).parent / "fixtures"
# Exercise images are copied here by bank loads (never into the project's instance folder).
MEDIA_DIR = Path(tempfile.mkdtemp(prefix="exam_prep_media_"))
FIXTURE_BANK = FIXTURES / "bank"
PASSWORD = "correct horse battery"


def make_app(db_path: Path, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
        "EXAM_PREP_QUESTION_BANK": str(FIXTURE_BANK),
        "EXAM_PREP_MEDIA_DIR": str(MEDIA_DIR),
        **overrides,
    }
    return create_app(config)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    app = make_app(path)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(FIXTURE_BANK))
        db.engine.dispose()
    return path


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of the fixture bank in tmp_path/bank, for a test to change."""
    folder = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, folder)
    return folder


def bank_problems(folder: Path, text: str | None = None, name: str = "extra.yaml") -> list[str]:
    """Every problem `bank check` reports for ``folder`` (after writing ``text`` into
    level2/``name``), as "file:line: message"; fails if the bank loads."""
    from exam_prep.bank import BankError, load_bank

    if text is not None:
        (folder / "level2" / name).write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in caught.value.problems]


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "test.sqlite"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def app(db_path: Path) -> Flask:
    app = make_app(db_path)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class Candidate:
    """A browser-like session: registers, logs in, and calls the API with its CSRF token."""

    def __init__(self, client: FlaskClient, username: str) -> None:
        self.client = client
        self.username = username
        self.token = ""

    def refresh_token(self) -> str:
        page = self.client.get("/help").get_data(as_text=True)
        self.token = CSRF_META.search(page).group(1)
        return self.token

    def register(self) -> Candidate:
        token = self.refresh_token()
        response = self.client.post("/auth/register", data={
            "csrf_token": token, "username": self.username, "password": PASSWORD, "password2": PASSWORD,
        })
        assert response.status_code == 302, response.get_data(as_text=True)
        self.refresh_token()
        return self

    def api(self, method: str, url: str, json: Any = None, **kwargs: Any):
        headers = {"X-CSRFToken": self.token, **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, json=json, headers=headers, **kwargs)

    def start(self, exam: str = "level2") -> dict[str, Any]:
        response = self.api("POST", "/api/v1/attempts", {"exam": exam})
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def save(self, attempt_id: int, item_id: int, response: Any, seq: int, **extra: Any):
        return self.api("PUT", f"/api/v1/attempts/{attempt_id}/items/{item_id}",
                        {"response": response, "seq": seq, **extra})

    def submit(self, attempt_id: int) -> dict[str, Any]:
        response = self.api("POST", f"/api/v1/attempts/{attempt_id}/submit")
        assert response.status_code == 200, response.get_json()
        return response.get_json()


@pytest.fixture
def candidate(client: FlaskClient) -> Candidate:
    return Candidate(client, "수험생1").register()


@pytest.fixture
def other_candidate(app: Flask) -> Candidate:
    return Candidate(app.test_client(), "다른수험생").register()


def correct_response(app: Flask, attempt_id: int, item_id: int) -> Any:
    """The right answer of an item, read from the database (as a scorer would)."""
    from exam_prep import questions
    from exam_prep.models import AttemptItem
    from exam_prep.questions import registry

    with app.app_context():
        item = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id, position=item_id).one()
        answer = questions.get(item.type).answer(registry.model_of(item.question))
        return {"text": answer["text"]} if item.type == "short" else answer


def wrong_response(app: Flask, attempt_id: int, item_id: int) -> Any:
    from exam_prep.models import AttemptItem

    with app.app_context():
        item = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id, position=item_id).one()
        payload = item.question.payload
        if item.type == "single":
            return {"choice": next(n for n in item.option_order if n != payload["answer"])}
        if item.type == "multiple":
            return {"choices": [n for n in item.option_order if n not in payload["answer"]][:1]}
        if item.type == "ox":
            return {"value": not payload["answer"]}
        if item.type == "short":
            return {"text": "틀린 답"}
        return None  # a labeling item left empty


def answer_all(app: Flask, user: Candidate, state: dict[str, Any], correct: int) -> None:
    """Answer the first ``correct`` items right and the rest wrong."""
    for n, item in enumerate(state["items"]):
        pick = correct_response if n < correct else wrong_response
        response = user.save(state["id"], item["id"], pick(app, state["id"], item["id"]), seq=1)
        assert response.status_code == 200, response.get_json()
