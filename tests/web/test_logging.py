"""Logs survive migrations: the access log and a 500's traceback are still written after the
schema upgrade that auto setup runs on the first request (Alembic's fileConfig used to disable
every logger that existed, werkzeug's and the app's among them)."""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from tests.conftest import FIXTURE_BANK, MEDIA_DIR

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_migrations_leave_every_logger_enabled(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    def boom() -> str:
        raise ZeroDivisionError("boom for the log")

    app.add_url_rule("/boom-for-the-log", view_func=boom)
    werkzeug_logger = logging.getLogger("werkzeug")
    with app.app_context():
        app.logger.info("before the migrations")
        upgrade(directory=app.extensions["migrate"].directory)  # what auto setup runs

    assert not werkzeug_logger.disabled
    assert not app.logger.disabled
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        app.logger.info("after the migrations")
        response = app.test_client().get("/boom-for-the-log")
    assert response.status_code == 500
    assert "after the migrations" in caplog.messages
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == app.logger.name]
    assert errors and errors[0].exc_info and errors[0].exc_info[0] is ZeroDivisionError


SERVER = textwrap.dedent("""
    import sys
    from exam_prep import create_app

    app = create_app({
        "TESTING": True, "EXAM_PREP_AUTO_SETUP": True,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1],
        "EXAM_PREP_QUESTION_BANK": sys.argv[2], "EXAM_PREP_MEDIA_DIR": sys.argv[3],
    })

    @app.route("/boom-for-the-log")
    def boom():
        raise ZeroDivisionError("boom for the log")

    app.run(host="127.0.0.1", port=0, use_reloader=False)
""")


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_dev_server_keeps_its_access_log_and_tracebacks_after_auto_setup(tmp_path: Path) -> None:
    """As `flask run` on a fresh clone: the first request migrates the schema; later requests
    are still in the access log, and a 500's traceback is still written."""
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(tmp_path / "db.sqlite"), str(FIXTURE_BANK), str(MEDIA_DIR)],
            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        port = None
        for _ in range(300):
            found = re.search(r"Running on http://127\.0\.0\.1:(\d+)", stderr_path.read_text())
            if found:
                port = int(found.group(1))
                break
            assert server.poll() is None, stderr_path.read_text()
            time.sleep(0.1)
        assert port, stderr_path.read_text()
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/auth/login") == 200  # the first request: migrations and bank load
        assert _get(f"{base}/help?after=migrations") == 200
        assert _get(f"{base}/boom-for-the-log") == 500
        time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    log = stderr_path.read_text()
    assert "GET /help?after=migrations HTTP/1.1" in log, log
    assert "GET /boom-for-the-log HTTP/1.1\" 500" in log, log
    assert "Traceback" in log and "ZeroDivisionError: boom for the log" in log, log


def test_flask_db_upgrade_still_reports_its_progress(tmp_path: Path) -> None:
    """Where nothing else set up logging (the bare CLI), alembic.ini's logging still applies."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}", "SECRET_KEY": "cli-test",
           "EXAM_PREP_AUTO_SETUP": "0"}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "exam_prep", "db", "upgrade"],
                          check=False, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Running upgrade" in done.stderr, done.stderr
