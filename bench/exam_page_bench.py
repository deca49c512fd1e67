"""How many exam pages a second, beside a bare Flask app in the same run? Run by hand:

    python bench/exam_page_bench.py [--seconds 10] [--connections 32] [--workers 2] [--rounds 2]

Builds an SQLite database (WAL) from the migrations with the shipped bank, registers a candidate
and starts the Level 2 exam (50 items). Then serves, one after the other under the same server
(gunicorn with N sync workers when installed, else werkzeug threaded) on loopback:
  1. a bare Flask app answering GET /hello with a short text (the baseline),
  2. exam_prep answering GET /attempts/<id>, the exam page of that attempt, logged in,
and loads each with wrk (when installed, else a Python loop of keep-alive connections in
threads) for the same time and connections, alternating rounds so both see the same machine.
The page requests say `Accept-Encoding: gzip, deflate, br, zstd` as Chromium does, so the page
is compressed as a browser gets it (`--identity` measures it uncompressed).
Prints requests per second, latencies and the ratio exam page / bare. Figures go in
docs/benchmarks.md; never a timed assertion in the tests.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECRET = "bench-secret-key-not-for-production"
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


# --- the two applications (gunicorn imports this module and calls one of these) ------------


def bare_app():
    from flask import Flask

    app = Flask("bare")

    @app.get("/hello")
    def hello() -> str:
        return "Hello, World!"

    return app


def exam_app():
    from exam_prep import create_app

    folder = Path(os.environ["EXAM_PAGE_BENCH_DIR"])
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}", "SECRET_KEY": SECRET,
                       "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank"),
                       "EXAM_PREP_MEDIA_DIR": str(folder / "media"), "EXAM_PREP_AUTO_SETUP": False})


# --- setup ----------------------------------------------------------------------------------


def prepare(folder: Path) -> tuple[str, str]:
    """The database with the shipped bank, a candidate and an open Level 2 attempt:
    (the page's path, the session cookie)."""
    from flask_migrate import upgrade

    from exam_prep.bank.sync import load_folder
    from exam_prep.extensions import db

    os.environ["EXAM_PAGE_BENCH_DIR"] = str(folder)
    app = exam_app()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
    client = app.test_client()

    def token() -> str:
        page = client.get("/help").get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    password = "bench-password-1"
    client.post("/auth/register", data={"csrf_token": token(), "username": "bench", "password": password,
                                        "password2": password})
    state = client.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": token()}).get_json()
    assert len(state["items"]) == 50, state
    cookie = client.get_cookie("session")
    with app.app_context():
        db.engine.dispose()
    return f"/attempts/{state['id']}", f"session={cookie.value}"


# --- serving --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def has_gunicorn() -> bool:
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def serve(factory: str, port: int, workers: int, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "EXAM_PAGE_BENCH_DIR": str(folder)}
    if has_gunicorn():
        # cwd is the bench's own folder, so that no gunicorn.conf.py of the project is read:
        # both apps run with exactly these settings.
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
                   "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                   "--pythonpath", f"{ROOT / 'bench'},{ROOT}", f"exam_page_bench:{factory}()"]
    else:
        command = [sys.executable, "-c",
                   "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; import exam_page_bench as b;"
                   "from werkzeug.serving import run_simple;"
                   f"run_simple('127.0.0.1', {port}, b.{factory}(), threaded=True)",
                   str(ROOT / "bench"), str(ROOT)]
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{factory} did not start on port {port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


# --- load -----------------------------------------------------------------------------------


def check(port: int, path: str, headers: dict[str, str]) -> tuple[int, str | None]:
    """One request first: it must be a 200 (a login page or an error would measure nothing).
    Returns the body's size and the session cookie the response sets, if any: the login was
    made by the test client, whose browser (User-Agent) differs from the load's, so the first
    request marks the session not fresh (Flask-Login's "basic" protection) and a browser would
    keep the cookie it gets back. The load sends that one, as a browser's later requests do."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    cookie = re.match(r"(session=[^;]*)", response.getheader("Set-Cookie") or "")
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status}")
    return len(body), (cookie.group(1) if cookie else None)


def load_wrk(port: int, path: str, headers: dict[str, str], seconds: int, connections: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                         check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk: {errors.group(1)} responses were not 2xx/3xx\n{out}")

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms("50%"), "p99": ms("99%")}


def load_python(port: int, path: str, headers: dict[str, str], seconds: int, connections: int) -> dict[str, float]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                assert response.status == 200, response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / seconds, "p50": cuts[49], "p99": cuts[98]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--identity", action="store_true", help="ask for the page uncompressed")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="exam_page_bench_"))
    page, cookie = prepare(folder)
    load = load_wrk if shutil.which("wrk") else load_python
    server = "gunicorn sync" if has_gunicorn() else "werkzeug threaded"
    encoding = "identity" if args.identity else BROWSER_ENCODINGS
    targets = {"bare": ("bare_app", "/hello", {"Accept-Encoding": encoding}),
               "exam": ("exam_app", page, {"Cookie": cookie, "Accept-Encoding": encoding})}
    ports = {name: free_port() for name in targets}
    processes = {name: serve(factory, ports[name], args.workers, folder) for name, (factory, _, _) in targets.items()}
    print(f"server: {server}, {args.workers} workers; load: {load.__name__[5:]}, {args.connections} connections, "
          f"{args.seconds} s per run; Accept-Encoding: {encoding}")
    try:
        for name, (_, path, headers) in targets.items():
            size, refreshed = check(ports[name], path, headers)
            if refreshed and "Cookie" in headers:
                headers["Cookie"] = refreshed
                size, refreshed = check(ports[name], path, headers)
                assert refreshed is None, "the session cookie changes on every request"
            load(ports[name], path, headers, 2, args.connections)  # warm up every worker
            print(f"{name}: GET {path}: {size} bytes on the wire")
        results: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for round_no in range(1, args.rounds + 1):
            for name, (_, path, headers) in targets.items():
                figures = load(ports[name], path, headers, args.seconds, args.connections)
                results[name].append(figures)
                print(f"round {round_no} {name}: {figures['rps']:.0f} req/s, p50 {figures['p50']:.1f} ms, "
                      f"p99 {figures['p99']:.1f} ms")
    finally:
        for process in processes.values():
            stop(process)
    bare = statistics.mean(r["rps"] for r in results["bare"])
    exam = statistics.mean(r["rps"] for r in results["exam"])
    print(f"mean: bare /hello {bare:.0f} req/s, exam page {exam:.0f} req/s, ratio {exam / bare:.3f}")


if __name__ == "__main__":
    main()
