"""How long scoring a submitted 50-item Level 2 attempt takes on the server. Run by hand:

    python bench/submit_bench.py [--attempts 40]

Builds an SQLite database (WAL, the project's pragmas) from the migrations with the shipped bank,
then for each of N candidates starts the Level 2 exam (25 theory items, 25 labeling exercises),
saves an answer to every item through the save path (half the candidates get full marks, the
others every other item wrong or left out, so the scorers see partial work), and submits:

  - `finish`: lifecycle.finish_attempt alone, timed around the call (scoring every item, the
    summary, the 오답노트 entries and the commit): the server time the issue's 50 ms is about;
  - `submit`: POST /api/v1/attempts/<id>/submit through Flask's test client (login, CSRF, the
    same finish and the JSON summary), for another set of attempts.

Prints median, p95 and max in milliseconds. Figures go in docs/benchmarks.md; never a timed
assertion in the tests.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1"


def build_app(folder: Path):
    from flask_migrate import upgrade

    from exam_prep import create_app
    from exam_prep.bank.sync import load_folder

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}", "SECRET_KEY": "bench",
                      "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank"),
                      "EXAM_PREP_MEDIA_DIR": str(folder / "media"), "EXAM_PREP_AUTO_SETUP": False,
                      "EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS": 0})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
    return app


def answered_attempt(app, n: int, wrong: bool):
    """A logged-in client and its Level 2 attempt with every item answered (right, or every other
    item wrong / left out)."""
    from exam_prep import questions
    from exam_prep.exams import lifecycle
    from exam_prep.extensions import db
    from exam_prep.models import AttemptItem
    from exam_prep.questions import registry

    client = app.test_client()

    def token() -> str:
        page = client.get("/help").get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    client.post("/auth/register", data={"csrf_token": token(), "username": f"채점{n}", "password": PASSWORD,
                                        "password2": PASSWORD})
    csrf = token()
    state = client.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": csrf}).get_json()
    with app.app_context():
        items = db.session.query(AttemptItem).filter_by(attempt_id=state["id"]).all()
        user_id = items[0].attempt.user_id
        for item in items:
            if wrong and item.position % 2:
                continue  # left out
            model = registry.model_of(item.question)
            response = questions.get(item.type).full_marks_response(model)
            lifecycle.save_response(user_id, state["id"], item.position, 1, response)
    return client, csrf, state["id"]


def summary(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"{name:>7}: {len(times)} attempts, median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=40)
    args = parser.parse_args()
    from exam_prep.exams import lifecycle

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp))
        finish, submit = [], []
        for n in range(args.attempts):
            client, csrf, attempt_id = answered_attempt(app, n, wrong=bool(n % 2))
            if n % 4 < 2:
                with app.test_request_context():
                    start = time.perf_counter()
                    lifecycle.finish_attempt(attempt_id, lifecycle.FINISH_SUBMITTED)
                    finish.append((time.perf_counter() - start) * 1000)
            else:
                start = time.perf_counter()
                response = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers={"X-CSRFToken": csrf})
                submit.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.get_data(as_text=True)
        print(f"Level 2 attempts of the shipped bank, 50 items each; load average {os.getloadavg()[0]:.1f}")
        summary("finish", finish)
        summary("submit", submit)


if __name__ == "__main__":
    main()
