"""The save over HTTP against a bare insert, both at the same SQLite durability. Run by hand:

    python bench/save_http_bench.py [--rounds 5] [--seconds 6] [--workers 2] [--synchronous FULL]

One gunicorn (gunicorn.conf.py, sync workers, no access log) serves, side by side:
  - /bare/save: a bare Flask endpoint that inserts one JSON row into its own SQLite file in WAL
    mode at the same `synchronous` setting (the baseline);
  - exam_prep's PUT /api/v1/attempts/<id>/items/<n>: login, CSRF, ownership, deadline, type
    validation and the seq-guarded UPDATE, on a Level 2 attempt of the shipped bank, on an SQLite
    file with exam_prep's pragmas (WAL, synchronous as given; the project's default is FULL).
wrk (Debian's package) drives each for the same time, one connection per thread, each thread on
its own item with a growing seq (so every save is stored). The two alternate, round after round,
so that a machine whose speed drifts within minutes (a shared one does) weighs on both alike.
Prints each round's req/s and ratio, then the median ratio and the ratio of the totals, with
the latency p50/p99 of the middle round. Loopback only. Figures go in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LUA = Template("""
local items = {$items}
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("item", items[(threads - 1) % #items + 1])
end
function request()
  counter = counter + 1
  local body = '{"response": {"choice": $choice}, "seq": ' .. string.format("%.0f", $base + counter) .. '}'
  return wrk.format("PUT", "$prefix" .. item, {["Content-Type"] = "application/json", ["X-CSRFToken"] = "$token",
                    ["Cookie"] = "$cookie"}, body)
end
""")
BARE_LUA = """
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("POST", "/bare/save", {["Content-Type"] = "application/json"},
                    '{"response": {"choice": 1}, "seq": ' .. counter .. '}')
end
"""


def combined():
    """gunicorn's app: exam_prep with the bare endpoint mounted at /bare."""
    from flask import Flask, request
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from exam_prep import create_app

    folder = Path(os.environ["BENCH_DIR"])
    synchronous = os.environ["BENCH_SYNCHRONOUS"]
    bare = Flask("bare")
    connections: dict[int, sqlite3.Connection] = {}

    def connection() -> sqlite3.Connection:
        if os.getpid() not in connections:  # one per worker process, opened after the fork
            conn = sqlite3.connect(folder / "bare.sqlite", check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={synchronous}")
            conn.execute("PRAGMA busy_timeout=10000")
            connections[os.getpid()] = conn
        return connections[os.getpid()]

    @bare.post("/save")
    def save():
        body = request.get_json()
        conn = connection()
        conn.execute("INSERT INTO saved (body, seq) VALUES (?, ?)", (request.get_data(as_text=True), body["seq"]))
        conn.commit()
        return {"saved": True}

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}", "SECRET_KEY": "bench",
                      "EXAM_PREP_AUTO_SETUP": False, "EXAM_PREP_HTTPS": False,
                      "EXAM_PREP_MEDIA_DIR": str(folder / "media")})
    from sqlalchemy import event

    with app.app_context():
        from exam_prep.extensions import db

        @event.listens_for(db.engine, "connect")
        def _synchronous(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA synchronous={synchronous}")

    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/bare": bare})
    return app


def prepare(folder: Path) -> tuple[str, str, str, list[int], int]:
    """Migrate, load the shipped bank, register, start a Level 2 attempt: (cookie, token, url, items)."""
    from flask_migrate import upgrade

    from exam_prep import create_app
    from exam_prep.bank.sync import load_folder
    from exam_prep.extensions import db

    with sqlite3.connect(folder / "bare.sqlite") as conn:
        conn.execute("CREATE TABLE saved (id INTEGER PRIMARY KEY, body TEXT, seq INTEGER)")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}",
                      "SECRET_KEY": "bench", "EXAM_PREP_MEDIA_DIR": str(folder / "media")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
    client = app.test_client()
    token_re = re.compile(r'name="csrf-token" content="([^"]+)"')
    token = token_re.search(client.get("/help").get_data(as_text=True)).group(1)
    client.post("/auth/register", data={"csrf_token": token, "username": "bench", "password": "bench-password",
                                        "password2": "bench-password"})
    token = token_re.search(client.get("/help").get_data(as_text=True)).group(1)
    state = client.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": token}).get_json()
    singles = [i for i in state["items"] if i["type"] == "single"]
    cookie = f"session={client.get_cookie('session').value}"
    with app.app_context():
        db.engine.dispose()
    return cookie, token, f"/api/v1/attempts/{state['id']}/items/", [i["id"] for i in singles], \
        min(o["id"] for o in singles[0]["options"])


def wrk(url: str, script: Path, seconds: int, threads: int) -> tuple[float, str, str]:
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(threads), "-d", f"{seconds}s", "--latency",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)  # the latency distribution's lines
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    if "Non-2xx" in out:
        raise SystemExit(f"{script.name}: some responses were not 2xx\n{out}")
    return rate, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=6, help="each run of each, per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="wrk threads = connections")
    parser.add_argument("--synchronous", default="FULL", choices=["FULL", "NORMAL"])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="save_http_bench_"))
    cookie, token, prefix, items, choice = prepare(folder)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "BENCH_DIR": str(folder), "BENCH_SYNCHRONOUS": args.synchronous,
           "GUNICORN_WORKERS": str(args.workers), "GUNICORN_BIND": f"127.0.0.1:{port}",
           "GUNICORN_ACCESS_LOG": "/dev/null", "PYTHONPATH": str(ROOT / "bench") + os.pathsep + str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                               "save_http_bench:combined()"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/healthz", timeout=5).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        probe = urllib.request.Request(f"{url}/bare/save", data=b'{"response": 1, "seq": 1}', method="POST",
                                       headers={"Content-Type": "application/json"})
        assert urllib.request.urlopen(probe, timeout=10).status == 200
        script = folder / "save.lua"

        def fresh_save_script() -> int:
            """The save script with seqs counting up from now in microseconds, above every seq
            sent before: every save it sends is newer, so it is stored (a stale save writes
            nothing and skips the commit's fsync, which would flatter the save)."""
            base = int(time.time() * 1_000_000)
            script.write_text(LUA.substitute(items=", ".join(map(str, items)), choice=choice, base=base,
                                             prefix=prefix, token=token, cookie=cookie))
            return base

        (folder / "bare.lua").write_text(BARE_LUA)
        wrk(url, folder / "bare.lua", 3, args.threads)  # warm up both
        fresh_save_script()
        wrk(url, script, 3, args.threads)
        rounds = []
        for _ in range(args.rounds):
            bare = wrk(url, folder / "bare.lua", args.seconds, args.threads)
            base = fresh_save_script()
            rounds.append((bare, wrk(url, script, args.seconds, args.threads)))
    finally:
        server.terminate()
        server.wait()
    with sqlite3.connect(folder / "app.sqlite") as conn:  # each connection's item took the run's saves
        used = sorted(set(items[:args.threads]))
        attempt_id = int(prefix.split("/")[-3])
        stored = conn.execute(f"SELECT min(seq) FROM attempt_item WHERE attempt_id = ? AND position IN "
                              f"({','.join('?' * len(used))})", [attempt_id, *used]).fetchone()[0]
    assert stored > base, "the measured saves were not stored"
    print(f"gunicorn {args.workers} sync workers, wrk {args.threads} connections, {args.rounds} rounds of "
          f"{args.seconds} s each, SQLite WAL synchronous={args.synchronous}")
    for number, (bare, save) in enumerate(rounds, 1):
        print(f"round {number}: bare insert {bare[0]:7.0f} req/s, exam_prep save {save[0]:7.0f} req/s, "
              f"ratio {save[0] / bare[0]:.2f}")
    ratios = sorted(save[0] / bare[0] for bare, save in rounds)
    bare, save = sorted(rounds, key=lambda pair: pair[1][0] / pair[0][0])[len(rounds) // 2]
    print(f"bare Flask + one JSON row INSERT : {sum(b[0] for b, _ in rounds) / len(rounds):8.0f} req/s  "
          f"p50 {bare[1]:>8}  p99 {bare[2]:>8}")
    print(f"exam_prep save (full checks)     : {sum(s[0] for _, s in rounds) / len(rounds):8.0f} req/s  "
          f"p50 {save[1]:>8}  p99 {save[2]:>8}")
    print(f"ratio: median {statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}), "
          f"of the totals {sum(s[0] for _, s in rounds) / sum(b[0] for b, _ in rounds):.2f}")

if __name__ == "__main__":
    main()
