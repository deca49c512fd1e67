"""Does starting an exam cost the same with 1,000 or 100,000 questions in the bank? Run by hand:

    python bench/start_bench.py [--sizes 1000 100000] [--starts 40] [--rounds 3]

For each size it builds an SQLite database (WAL) from the migrations, loads the shipped bank
(657 questions) and adds copies of its question_version rows, under new question ids, until the
database holds that many current questions: the copies have the shipped bank's levels, domains
and types in the same proportions, and payloads the types accept. Then, through Flask's test
client in one process, many fresh candidates (one new account each, logged in, with its CSRF
token) each start the Level 2 exam with POST /api/v1/attempts (50 items drawn: 25 per domain,
25 per type), and only that request is timed (``--cold``: the typed-question cache emptied
before each start, so both sizes validate their 50 drawn versions). Rounds alternate between the sizes, so both see
the same machine; the smallest size is the baseline of the ratio. Figures go in
docs/benchmarks.md; never a timed assertion in the tests.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from exam_prep import create_app  # noqa: E402
from exam_prep.bank import ranks  # noqa: E402
from exam_prep.bank.sync import load_folder  # noqa: E402
from exam_prep.extensions import db  # noqa: E402
from exam_prep.models import QuestionVersion, User  # noqa: E402
from exam_prep.questions import registry  # noqa: E402

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
COPY_COLUMNS = ["type", "level", "domain", "difficulty", "content_hash", "payload", "source_path", "is_current",
                "created_at", "lint"]


def build(folder: Path, questions: int) -> Flask:
    """An app on a database holding ``questions`` current question versions."""
    folder.mkdir(parents=True)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}",
                      "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank"),
                      "EXAM_PREP_MEDIA_DIR": str(folder / "media")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
        shipped = db.session.scalar(select(func.count()).select_from(QuestionVersion))
        extra = max(questions - shipped, 0)
        # Copy row k of the shipped bank (k = i mod its size) as question "<id>~<i>", in SQL.
        db.session.execute(text(f"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :extra),
                 shipped AS (SELECT *, row_number() OVER (ORDER BY id) - 1 AS k FROM question_version)
            INSERT INTO question_version (question_id, version, {", ".join(COPY_COLUMNS)})
            SELECT shipped.question_id || '~' || n.i, 1, {", ".join("shipped." + c for c in COPY_COLUMNS)}
            FROM n JOIN shipped ON shipped.k = n.i % :shipped WHERE :extra > 0
        """), {"extra": extra, "shipped": shipped})
        ranks.rank_pools()  # as a bank load does: each current version's place in its pool
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return app


def candidates(app: Flask, prefix: str, n: int) -> list[tuple[int, str]]:
    """``n`` new candidate accounts (one password hash for all: logging in is not measured)."""
    password_hash = generate_password_hash("bench-password")
    with app.app_context():
        first = (db.session.scalar(select(func.max(User.id))) or 0) + 1
        db.session.execute(insert(User), [
            {"username": f"{prefix}{i}", "username_key": f"{prefix}{i}", "password_hash": password_hash,
             "session_token": f"token{i}", "role": "candidate"} for i in range(n)])
        db.session.commit()
        return [(user_id, token) for user_id, token in db.session.execute(
            select(User.id, User.session_token).where(User.id >= first).order_by(User.id))]


def time_starts(app: Flask, accounts: list[tuple[int, str]], cold: bool = False) -> list[float]:
    """Milliseconds of each account's POST /api/v1/attempts (a new attempt every time). ``cold``:
    the typed-question cache (questions.registry) is emptied before each start."""
    timings = []
    for user_id, token in accounts:
        if cold:
            with registry._models_lock:  # the typed questions of every version are read again
                registry._models.clear()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = f"{user_id}:{token}"
            session["_fresh"] = True
        csrf = CSRF_META.search(client.get("/help").get_data(as_text=True)).group(1)
        started = time.perf_counter()
        response = client.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": csrf})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 201, response.get_data(as_text=True)
        assert len(response.get_json()["items"]) == 50
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--starts", type=int, default=40, help="fresh candidates per size and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true",
                        help="empty the typed-question cache before each start (both sizes read their 50 versions)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="start_bench_"))

    apps = {}
    for size in args.sizes:
        began = time.perf_counter()
        apps[size] = build(tmp / str(size), size)
        print(f"built {size:>7,} questions in {time.perf_counter() - began:5.1f} s")
    for app in apps.values():  # warm up: first-request costs (templates, typed-question cache)
        time_starts(app, candidates(app, "warm", 3))

    timings: dict[int, list[float]] = {size: [] for size in args.sizes}
    for r in range(args.rounds):
        for size, app in apps.items():
            timings[size] += time_starts(app, candidates(app, f"r{r}-", args.starts), args.cold)
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()

    base = statistics.median(timings[args.sizes[0]])
    cache = "emptied before each start" if args.cold else "as the starts leave it"
    print(f"\n{args.rounds} rounds × {args.starts} fresh candidates per size, Level 2 exam (50 items), "
          f"typed-question cache {cache}")
    print(f"{'questions':>10} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}")
    for size in args.sizes:
        median = statistics.median(timings[size])
        p90 = statistics.quantiles(timings[size], n=10)[-1]
        print(f"{size:>10,} {median:>10.1f} {p90:>8.1f} {median / base:>6.2f}")


if __name__ == "__main__":
    main()
