"""Two app hosts, one PostgreSQL and nothing else shared: a candidate registers and starts on one
host, opens the exam page, fetches an exercise image and saves on the other (which never ran
`bank load` and has an empty media folder), and submits on the first.

Each host is a real gunicorn process (gunicorn.conf.py) with its own working folder, media folder
and question bank setting; they share only DATABASE_URL and SECRET_KEY, as hosts behind one load
balancer do. Runs when EXAM_PREP_TEST_POSTGRES_URL is set (CI sets it), in a schema of its own.
"""
from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.conftest import FIXTURE_BANK, PASSWORD

URL = os.environ.get("EXAM_PREP_TEST_POSTGRES_URL")
ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "two_hosts"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')

pytestmark = pytest.mark.skipif(not URL, reason="EXAM_PREP_TEST_POSTGRES_URL is not set (CI sets it)")


def schema_url() -> str:
    return f"{URL}{'&' if '?' in URL else '?'}options=-csearch_path%3D{SCHEMA}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def host_env(folder: Path, bank: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXAM_PREP_", "GUNICORN_"))}
    return {**env, "DATABASE_URL": schema_url(), "SECRET_KEY": "two-hosts-shared-secret",
            "EXAM_PREP_AUTO_SETUP": "0", "EXAM_PREP_HTTPS": "0", "EXAM_PREP_QUESTION_BANK": str(bank),
            "EXAM_PREP_MEDIA_DIR": str(folder / "media"), "PYTHONPATH": str(ROOT)}


def flask(env: dict[str, str], cwd: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "exam_prep", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


class Host:
    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = cwd / "gunicorn.log"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": "1"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "exam_prep:create_app()"],
                env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                response = requests.get(f"{self.base}/healthz", timeout=5)
                if response.status_code == 200:
                    return response.json()
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.base} never became healthy:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def hosts(tmp_path: Path) -> Iterator[tuple[Host, Host, Path]]:
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    # Host A deploys: it migrates and loads the bank. Host B has no bank folder at all.
    env_a = host_env(tmp_path / "host_a", FIXTURE_BANK)
    env_b = host_env(tmp_path / "host_b", tmp_path / "host_b" / "no-bank-here")
    flask(env_a, tmp_path / "host_a", "db", "upgrade")
    flask(env_a, tmp_path / "host_a", "bank", "load")
    a, b = Host(env_a, tmp_path / "host_a"), Host(env_b, tmp_path / "host_b")
    try:
        yield a, b, tmp_path
    finally:
        a.stop()
        b.stop()
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()


def token_of(session: requests.Session, host: Host) -> str:
    return CSRF_META.search(session.get(f"{host.base}/help", timeout=30).text).group(1)


def test_an_exam_taken_across_two_hosts_on_one_postgresql(hosts: tuple[Host, Host, Path]) -> None:
    a, b, tmp_path = hosts
    assert a.wait_healthy()["bank"]["status"] == "loaded"
    assert b.wait_healthy()["bank"]["status"] == "loaded"  # B sees the bank A loaded
    for host in (a, b):  # each master rendered the exam items before forking its worker
        assert re.search(r"exam_prep: [1-9]\d* exam items rendered before forking", host.log.read_text())
    browser = requests.Session()  # one browser; each request may reach either host

    token = token_of(browser, a)
    registered = browser.post(f"{a.base}/auth/register", timeout=30, allow_redirects=False, data={
        "csrf_token": token, "username": "두서버", "password": PASSWORD, "password2": PASSWORD})
    assert registered.status_code == 302, registered.text
    token = token_of(browser, a)
    started = browser.post(f"{a.base}/api/v1/attempts", json={"exam": "practice"}, timeout=30,
                           headers={"X-CSRFToken": token})
    assert started.status_code in (200, 201), started.text
    state = started.json()

    # On B: the same login, the exam page, an image B never had, and a save with A's CSRF token.
    page = browser.get(f"{b.base}/attempts/{state['id']}", timeout=30)
    assert page.status_code == 200 and "csrf-token" in page.text
    image_item = next(i for i in state["items"] if i.get("image"))
    assert not (tmp_path / "host_b" / "media").exists()
    image = browser.get(f"{b.base}{image_item['image']['url']}", timeout=30)
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    name = image_item["image"]["url"].rsplit("/", 1)[1]
    assert hashlib.sha256(image.content).hexdigest() == name.split(".")[0]
    assert image.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    item = state["items"][0]
    saved = browser.put(f"{b.base}/api/v1/attempts/{state['id']}/items/{item['id']}", timeout=30,
                        json={"response": None, "seq": 1}, headers={"X-CSRFToken": token})
    assert saved.status_code == 200 and saved.json()["saved"] is True, saved.text
    stale = browser.put(f"{a.base}/api/v1/attempts/{state['id']}/items/{item['id']}", timeout=30,
                        json={"response": None, "seq": 1}, headers={"X-CSRFToken": token})
    assert stale.status_code == 200 and stale.json()["saved"] is False  # A sees B's seq at once

    submitted = browser.post(f"{a.base}/api/v1/attempts/{state['id']}/submit", timeout=30,
                             headers={"X-CSRFToken": token})
    assert submitted.status_code == 200, submitted.text
    assert "points" in submitted.json()
    after = browser.get(f"{b.base}/api/v1/attempts/{state['id']}", timeout=30)
    assert after.status_code == 200 and after.json()["status"] != "in_progress"
