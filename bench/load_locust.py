"""A class taking the Level 2 mock exam at once: locust load test (run by hand, never by the tests).

Each simulated candidate registers, starts the Level 2 exam as a browser does (the dashboard's
form, then the exam page it leads to; the items to answer are read off that page), saves an
answer every ~5 s (theory items get a choice, others are cleared) with a growing seq, and
submits after SAVES saves; then it stops. With BENCH_LOOP=1 it goes on as a candidate practising
again would: after submitting it opens its result page, starts a new Level 2 attempt (allowed once
the last one is submitted; Level 2 needs no other exam passed), opens it and saves again, until the
run time ends (bench/soak.py uses this to watch memory over time). The target must be on this
machine (loopback only: the file refuses any other host). Always bounded: pass --run-time.

Setup (PostgreSQL database exam_prep_bench, owned by exam_prep; gunicorn with several workers):

    su postgres -c "createdb -O exam_prep exam_prep_bench"
    export DATABASE_URL=postgresql+psycopg://exam_prep:exam_prep@127.0.0.1/exam_prep_bench
    export SECRET_KEY=bench EXAM_PREP_AUTO_SETUP=0 EXAM_PREP_HTTPS=0
    flask --app exam_prep db upgrade && flask --app exam_prep bank load
    GUNICORN_WORKERS=5 GUNICORN_BIND=127.0.0.1:8000 gunicorn -c gunicorn.conf.py "exam_prep:create_app()" &
    locust -f bench/load_locust.py --headless -u 300 -r 10 --run-time 4m --host http://127.0.0.1:8000 \
        --csv /tmp/load --only-summary

A class that logs in before the start and starts at 10:00 (the figures in docs/benchmarks.md):
arrivals at 2 a second over the first 150 s, the start at 180 s, each candidate within 30 s of it:

    BENCH_LOBBY=180 locust -f bench/load_locust.py --headless -u 300 -r 2 --run-time 6m \
        --host http://127.0.0.1:8000 --csv /tmp/load --only-summary

Requests are named by kind (register, start, exam page, save, submit; result page in loop mode)
in locust's table.
"""
from __future__ import annotations

import itertools
import os
import random
import re
import time
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
ATTEMPT_URL = re.compile(r"/attempts/(\d+)$")
CHOICE = re.compile(r'name="item-(\d+)" value="(\d+)"')
ITEM = re.compile(r'<article class="item" id="item-(\d+)"[^>]*?data-type="(\w+)"')
PASSWORD = "correct horse battery"
SAVES = int(os.environ.get("BENCH_SAVES", "24"))  # 24 saves × ~5 s ≈ 2 minutes per candidate
EXAM = os.environ.get("BENCH_EXAM", "level2")
LOOP = os.environ.get("BENCH_LOOP", "") == "1"  # after submitting, start a new attempt and go on
# The class's start (BENCH_LOBBY seconds after the run starts, 0 = at once): candidates log in as
# they arrive, then each starts the exam at the start plus up to BENCH_START_SPREAD seconds, as
# a class told "start at 10:00" does. With 0 each starts as soon as it has registered.
LOBBY = float(os.environ.get("BENCH_LOBBY", "0"))
START_SPREAD = float(os.environ.get("BENCH_START_SPREAD", "30"))
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_numbers = itertools.count(1)
_run = f"{int(time.time()) % 100000:05d}"
_class_start = 0.0


@events.test_start.add_listener
def _loopback_only(environment, **_kwargs) -> None:
    host = urlsplit(environment.host or "").hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit(f"bench/load_locust.py only targets this machine (loopback), not {host!r}")
    global _class_start
    _class_start = time.time() + LOBBY


class Candidate(HttpUser):
    wait_time = between(4, 6)  # a save about every 5 s

    def on_start(self) -> None:
        self.name = f"부하{_run}-{next(_numbers)}"
        self.token = self._token()
        with self.client.post("/auth/register", name="register", allow_redirects=False, catch_response=True,
                              data={"csrf_token": self.token, "username": self.name,
                                    "password": PASSWORD, "password2": PASSWORD}) as response:
            if response.status_code != 302:
                response.failure(f"register: {response.status_code}")
                raise StopUser()
        self.token = self._token()
        if LOBBY:  # wait for the class's start (locust's gevent makes this sleep cooperative)
            time.sleep(max(0.0, _class_start + random.uniform(0, START_SPREAD) - time.time()))
        self._start()

    def _start(self) -> None:
        """Start (or, if one is still open, resume) an attempt of EXAM as the browser does (the
        dashboard's form, then the exam page it leads to), and read the items off the page."""
        with self.client.post(f"/exams/{EXAM}/start", name="start", data={"csrf_token": self.token},
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not ATTEMPT_URL.search(location):
                response.failure(f"start: {response.status_code}")
                raise StopUser()
            self.attempt = int(ATTEMPT_URL.search(location).group(1))
        with self.client.get(f"/attempts/{self.attempt}", name="exam page", catch_response=True) as response:
            choices: dict[str, list[str]] = {}
            for n, value in CHOICE.findall(response.text):  # one pass over the page
                choices.setdefault(n, []).append(value)
            self.items = [(int(n), kind, choices.get(n, [])) for n, kind in ITEM.findall(response.text)]
            if response.status_code != 200 or not self.items:
                response.failure(f"exam page: {response.status_code}")
                raise StopUser()
        self.saves = 0
        self.seq = int(time.time() * 1000)

    def _token(self) -> str:
        page = self.client.get("/help", name="token page").text
        match = CSRF_META.search(page)
        if not match:
            raise StopUser()
        return match.group(1)

    @staticmethod
    def _answer(kind: str, choices: list[str]):
        if kind == "single" and choices:
            return {"choice": int(random.choice(choices))}
        if kind == "ox":
            return {"value": random.random() < 0.5}
        return None

    @task
    def save_or_submit(self) -> None:
        attempt = self.attempt
        if self.saves >= SAVES:
            self.client.post(f"/api/v1/attempts/{attempt}/submit", name="submit",
                             headers={"X-CSRFToken": self.token})
            if not LOOP:
                raise StopUser()
            self.client.get(f"/attempts/{attempt}/result", name="result page")
            self._start()
            return
        position, kind, choices = random.choice(self.items)
        self.seq = max(self.seq + 1, int(time.time() * 1000))
        with self.client.put(f"/api/v1/attempts/{attempt}/items/{position}", name="save",
                             json={"response": self._answer(kind, choices), "seq": self.seq},
                             headers={"X-CSRFToken": self.token}, catch_response=True) as response:
            if response.status_code != 200 or response.json().get("saved") is not True:
                response.failure(f"save: {response.status_code} {response.text[:100]}")
        self.saves += 1
