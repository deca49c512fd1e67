"""Fixtures: app (on a fresh copy of a migrated SQLite database), client, runner, and helpers.

The schema comes from the Alembic migrations, built once per session into a template file that
each test copies, so tests run on exactly what `flask db upgrade` makes.

EXAM_PREP_TEST_DATABASE=postgres runs the same tests on PostgreSQL (EXAM_PREP_TEST_POSTGRES_URL):
the template is built there once, and each test starts from it again (tests/pg_database.py).
An app on the test's db_path uses that database; one on a copy of the template file gets a
schema of its own built like the template (a module's site, a second site); one on any other new
path gets an empty schema, as a new SQLite file would be. The few tests that are about SQLite
files themselves are skipped there (NOT_ON_POSTGRES).
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from exam_prep import create_app
from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from tests import pg_database

FIXTURES = Path(__file__).parent / "fixtures"
# Exercise images are copied here by bank loads (never into the project's instance folder).
MEDIA_DIR = Path(tempfile.mkdtemp(prefix="exam_prep_media_"))
FIXTURE_BANK = FIXTURES / "bank"
PASSWORD = "correct horse battery"


ON_POSTGRES = pg_database.selected()
# Test files skipped when the suite runs on PostgreSQL: those about SQLite files themselves, and
# those that run on PostgreSQL already in the SQLite run (EXAM_PREP_TEST_POSTGRES_URL).
_ALREADY = "runs on PostgreSQL in the default run already (EXAM_PREP_TEST_POSTGRES_URL)"
NOT_ON_POSTGRES: dict[str, str] = {
    "test_accounts_migration.py": "SQLite only: migrates hand-made old SQLite files",
    "test_postgres.py": _ALREADY,
    "test_accounts_postgres.py": _ALREADY,
    "test_two_hosts.py": _ALREADY,
    "test_migrations_both_ways.py": _ALREADY,
    # Twelve racing wrong guesses on PostgreSQL can all be counted before any of them checks,
    # so all twelve are refused (no password is checked: the limit holds) and, being refused,
    # none stays counted: the account is not locked afterwards, which the test's last line asks.
    "test_accounts_throttle.py::test_parallel_guesses_cannot_slip_past_the_limit":
        "on PostgreSQL every racing try is refused and none stays counted (see tests/conftest.py)",
}


def pytest_configure(config: pytest.Config) -> None:
    if ON_POSTGRES:
        # A connection that a test's code leaves to the garbage collector (an app it never
        # disposes, a forked worker's copy) is reported by psycopg when collected; sqlite3 says
        # nothing of the same in Python 3.11, so the SQLite run never sees these.
        config.addinivalue_line(
            "filterwarnings",
            r"ignore:Exception ignored in. <function BaseConnection.__del__:pytest.PytestUnraisableExceptionWarning")


def database_url(db_path: Path) -> str:
    if not ON_POSTGRES:
        return f"sqlite:///{db_path}"
    if db_path == _postgres["db_path"]:
        _reset_once_per_test()
        return pg_database.url()
    if db_path in _postgres["copies"]:
        return pg_database.url(_postgres["copies"][db_path])
    if _is_template_copy(db_path):  # a copy of the template: a schema built as the template is
        _postgres["copies"][db_path] = _build_copy(len(_postgres["copies"]))
        return pg_database.url(_postgres["copies"][db_path])
    if db_path not in _postgres["fresh"]:  # a new database file: an empty schema of its own
        if _postgres["reset"] is None:
            _build_postgres_template()
        _postgres["fresh"][db_path] = _postgres["reset"].fresh(len(_postgres["fresh"]))
    return pg_database.url(_postgres["fresh"][db_path])


def make_app(db_path: Path, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": overrides.get("SQLALCHEMY_DATABASE_URI") or database_url(db_path),
        "EXAM_PREP_QUESTION_BANK": str(FIXTURE_BANK),
        "EXAM_PREP_MEDIA_DIR": str(MEDIA_DIR),
        **overrides,
    }
    app = create_app(config)
    if ON_POSTGRES:
        _postgres["apps"].append(app)
    return app


_postgres: dict[str, Any] = {"reset": None, "test": None, "done_for": None, "db_path": None, "fresh": {},
                             "apps": [], "copies": {}}
# On PostgreSQL the template "file" holds only this mark: a test that copies it to a new path
# gets a schema of its own with the template's content (migrated, the fixture bank loaded).
_TEMPLATE_MARK = "exam_prep test template on PostgreSQL\n"


def _is_template_copy(db_path: Path) -> bool:
    try:
        return db_path.read_text(encoding="utf-8") == _TEMPLATE_MARK
    except (OSError, UnicodeDecodeError):
        return False


def _build_copy(number: int) -> str:
    if _postgres["reset"] is None:
        _build_postgres_template()
    schema = _postgres["reset"].copy(number)
    _migrate_and_load(pg_database.url(schema))
    return schema


def _reset_once_per_test() -> None:
    """On PostgreSQL: bring the database back to the template the first time a test asks for it."""
    if _postgres["reset"] is None:
        _build_postgres_template()
    if _postgres["done_for"] != _postgres["test"]:
        _postgres["reset"]()
        _postgres["done_for"] = _postgres["test"]


@pytest.fixture(autouse=True)
def _which_test(request: pytest.FixtureRequest) -> Iterator[None]:
    _postgres["test"] = request.node.nodeid
    if ON_POSTGRES:
        for key in (request.node.path.name, f"{request.node.path.name}::{request.node.originalname}"):
            if key in NOT_ON_POSTGRES:
                pytest.skip(NOT_ON_POSTGRES[key])
    yield
    for app in _postgres["apps"]:  # close every connection the test's apps opened
        with app.app_context():
            db.engine.dispose()
    if _postgres["fresh"]:
        _postgres["reset"].drop_fresh(list(_postgres["fresh"].values()))
    _postgres["db_path"], _postgres["fresh"], _postgres["apps"] = None, {}, []


def _migrate_and_load(url: str) -> None:
    """The schema at ``url`` as the template is: migrated, with the fixture bank loaded."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "EXAM_PREP_QUESTION_BANK": str(FIXTURE_BANK), "EXAM_PREP_MEDIA_DIR": str(MEDIA_DIR)})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(FIXTURE_BANK))
        db.engine.dispose()


def _build_postgres_template() -> None:
    reset = pg_database.Reset()
    reset.empty_schema()
    _migrate_and_load(pg_database.url())
    reset.snapshot()
    _postgres["reset"] = reset


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    if ON_POSTGRES:
        # Every database file a test names stands for a PostgreSQL schema (database_url); a
        # copy of this one for a schema built like the template.
        _build_postgres_template()
        path.write_text(_TEMPLATE_MARK, encoding="utf-8")
        return path
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
    if ON_POSTGRES:
        _postgres["db_path"] = path
        _reset_once_per_test()
        return path
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


def forget_attempt_layouts(app: Flask) -> None:
    """An attempt's layout (its items' versions, types and option orders) never changes in use,
    so the exam page keeps it per process (exams.presenters.items_for_page); a test that changes
    an attempt's items (pins questions, reorders options) makes the app forget what it kept."""
    from exam_prep.exams import presenters

    layouts = app.extensions.get(presenters.LAYOUTS)
    if layouts is not None:
        layouts.clear()


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
