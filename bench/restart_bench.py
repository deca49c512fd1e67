"""How long does the first request take after the site starts? Run by hand:

    python bench/restart_bench.py [--rounds 2] [--window 12] [--workers 1]

Serves a copy of the shipped bank with gunicorn (the project's gunicorn.conf.py, ``--workers``
sync workers) and auto setup on (the default of a plain start: the first request migrates the
schema and loads the bank in a background thread),
on loopback, in three situations, one after the other in each round:
  1. fresh: an empty database, so the bank is read and loaded (the baseline);
  2. restart: the same database again, the bank folder unchanged;
  3. changed: the same database, one bank file rewritten (one question's text changed).
For each it times the first request (GET /auth/login), the time from launch until /healthz
reports the bank's questions, then the first candidate's requests right behind it (register,
start the Level 2 exam, open its page), and the CPU seconds the server spent in its first ``--window``
seconds (what a bank load takes away from the requests of a class arriving after a restart).
``--no-preload``: each worker imports the app only once forked, after the port is open, so the
first request also waits for that.
Figures go in docs/benchmarks.md; never a timed assertion in the tests.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil  # installed with locust (requirements-dev.txt)

ROOT = Path(__file__).resolve().parents[1]
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
CHANGED_FILE = Path("level2") / "algorithms.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(folder: Path, bank: Path, port: int, workers: int, preload: bool) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'app.sqlite'}", "SECRET_KEY": "restart-bench-key",
           "EXAM_PREP_QUESTION_BANK": str(bank), "EXAM_PREP_MEDIA_DIR": str(folder / "media"),
           "EXAM_PREP_AUTO_SETUP": "1", "EXAM_PREP_HTTPS": "0", "PYTHONPATH": str(ROOT),
           "GUNICORN_WORKERS": str(workers), "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_LOG_LEVEL": "warning",
           "GUNICORN_PRELOAD": "1" if preload else "0"}
    # The project's gunicorn.conf.py (by default the app is preloaded before the workers fork).
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "exam_prep:create_app()"]
    return subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the server exited") from None
            time.sleep(0.02)
    raise RuntimeError("the server did not start")


def cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) of the server and its workers so far."""
    root = psutil.Process(process.pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class Browser:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def timed(self, method: str, path: str, data: bytes | None = None,
              headers: dict[str, str] | None = None) -> tuple[float, int, str]:
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode()
        elapsed = time.perf_counter() - started
        if match := CSRF_META.search(body):
            self.token = match.group(1)
        return elapsed, status, body

    def candidate_flow(self) -> dict[str, float]:
        """Register, start the Level 2 exam, open its page: seconds of each."""
        password = "restart-bench-pw"
        form = urllib.parse.urlencode({"csrf_token": self.token, "username": f"rb{time.time_ns() % 10**9}",
                                       "password": password, "password2": password}).encode()
        register, status, _ = self.timed("POST", "/auth/register", form,
                                         {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, status  # the redirect to the dashboard was followed
        start, status, body = self.timed("POST", "/api/v1/attempts", json.dumps({"exam": "level2"}).encode(),
                                         {"Content-Type": "application/json", "X-CSRFToken": self.token})
        assert status == 201, (status, body[:300])
        page, status, _ = self.timed("GET", f"/attempts/{json.loads(body)['id']}")
        assert status == 200, status
        return {"register": register, "start": start, "page": page}


def run(folder: Path, bank: Path, workers: int, window: float, preload: bool) -> dict[str, float]:
    port = free_port()
    launched = time.perf_counter()
    process = serve(folder, bank, port, workers, preload)
    try:
        wait_listening(port, process)
        listening = time.perf_counter() - launched
        browser = Browser(port)
        first, status, _ = browser.timed("GET", "/auth/login")
        assert status == 200, status
        while True:  # the bank's questions are served (at once after a restart)
            _, status, body = browser.timed("GET", "/healthz")
            if status == 200 and json.loads(body)["bank"].get("questions"):
                break
            time.sleep(0.05)
        ready = time.perf_counter() - launched
        figures = {"listening": listening, "first": first, "bank ready": ready, **browser.candidate_flow()}
        time.sleep(max(0.0, window - (time.perf_counter() - launched)))
        figures["cpu"] = cpu_seconds(process)
        return figures
    finally:
        process.terminate()
        process.wait(timeout=30)


def change_one_question(bank: Path) -> None:
    path = bank / CHANGED_FILE
    text = path.read_text(encoding="utf-8")
    marker = "아파트 면적과 가격의 관계를"
    assert marker in text, f"{marker!r} not in {path}"
    path.write_text(text.replace(marker, f"(바뀜 {time.time_ns()}) {marker}", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--window", type=float, default=15.0, help="seconds after launch the CPU is summed over")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-preload", action="store_true",
                        help="GUNICORN_PRELOAD=0: each worker imports the app when it starts (the first request waits)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="restart_bench_"))
    bank = tmp / "bank"
    shutil.copytree(ROOT / "question_bank", bank)

    columns = ["listening", "first", "bank ready", "register", "start", "page", "cpu"]
    print(f"{'':<10}" + "".join(f"{c:>12}" for c in columns) + "   (seconds)")
    for r in range(args.rounds):
        folder = tmp / f"round{r}"
        folder.mkdir()
        for name in ("fresh", "restart", "changed"):
            if name == "changed":
                change_one_question(bank)
            figures = run(folder, bank, args.workers, args.window, not args.no_preload)
            print(f"{name:<10}" + "".join(f"{figures[c]:>12.3f}" for c in columns))


if __name__ == "__main__":
    main()
