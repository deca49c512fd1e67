"""How fast is the save (the most frequent request)? Run by hand:

    python bench/save_bench.py [--requests 2000]

It measures, in one process through Flask's test client on an SQLite file in WAL mode:
  1. a bare Flask endpoint that writes one SQLite row (the baseline of docs/DESIGN: ~850 req/s
     on a 2-core machine over HTTP),
  2. exam_prep's PUT /api/v1/attempts/<id>/items/<n> with login, CSRF, ownership, deadline and
     sequence checks, on an attempt of the real level 2 exam (25 items),
and prints requests per second for both and their ratio. Figures go in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Flask, request  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from exam_prep import create_app  # noqa: E402
from exam_prep.bank.sync import load_folder  # noqa: E402
from exam_prep.extensions import db  # noqa: E402


def bare_app(path: Path) -> Flask:
    app = Flask("bare")
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT, seq INTEGER)")
    conn.execute("INSERT OR IGNORE INTO t VALUES (1, '', 0)")
    conn.commit()

    @app.put("/save")
    def save():
        body = request.get_json()
        conn.execute("UPDATE t SET v = ?, seq = ? WHERE id = 1", (str(body["response"]), body["seq"]))
        conn.commit()
        return {"saved": True}

    return app


def run(client, method: str, url: str, n: int, body, headers=None) -> float:
    start = time.perf_counter()
    for seq in range(1, n + 1):
        response = client.open(url, method=method, json={**body, "seq": seq}, headers=headers or {})
        assert response.status_code == 200, response.get_data(as_text=True)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())

    bare = bare_app(tmp / "bare.sqlite").test_client()
    bare_rate = run(bare, "PUT", "/save", args.requests, {"response": {"choice": 1}})

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'app.sqlite'}",
                      "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
    client = app.test_client()
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/help").get_data(as_text=True)).group(1)
    client.post("/auth/register", data={"csrf_token": token, "username": "bench", "password": "bench-password",
                                        "password2": "bench-password"})
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/help").get_data(as_text=True)).group(1)
    headers = {"X-CSRFToken": token}
    state = client.post("/api/v1/attempts", json={"exam": "level2"}, headers=headers).get_json()
    # A theory item: an O/X one, or a single-choice one when the draw held no O/X item.
    item = next(i for i in state["items"] if i["type"] in ("ox", "single"))
    response = {"value": True} if item["type"] == "ox" else {"choice": item["options"][0]["id"]}
    url = f"/api/v1/attempts/{state['id']}/items/{item['id']}"
    app_rate = run(client, "PUT", url, args.requests, {"response": response}, headers)
    with app.app_context():
        db.engine.dispose()

    print(f"requests: {args.requests} each")
    print(f"bare Flask + one SQLite UPDATE : {bare_rate:8.0f} req/s")
    print(f"exam_prep save (full checks)   : {app_rate:8.0f} req/s")
    print(f"ratio                          : {app_rate / bare_rate:8.2f}")


if __name__ == "__main__":
    main()
