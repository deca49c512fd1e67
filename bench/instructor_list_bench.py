"""The instructor's question list with 10,000 questions in the bank. Run by hand:

    python bench/instructor_list_bench.py [--questions 10000] [--repeat 30]

Builds an SQLite database (WAL) from the migrations with the shipped bank, adds N synthetic
current question versions (bulk insert, spread over both levels, the bank's domains, four types
and three difficulties), signs an instructor in through the login form, then times GET
/instructor/questions through Flask's test client (one process, warm): the first page, a page
deep in the list, a level + domain filter, a type + difficulty filter and a text search. Prints
median and p95 per request in milliseconds and the page's size. Figures go in
docs/benchmarks.md; never a timed assertion in the tests.
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
TYPES = ["single", "multiple", "ox", "short"]


def synthetic_rows(n: int, domains: list[str]) -> list[dict]:
    rows = []
    for i in range(n):
        kind, level = TYPES[i % len(TYPES)], 1 + i % 2
        payload = {"id": f"bulk-{i:05d}", "type": kind, "level": level, "domain": domains[i % len(domains)],
                   "question": f"대량 문항 {i}번: 데이터 라벨링 품질 검수에서 확인할 점은?", "explanation": "해설"}
        rows.append({"question_id": payload["id"], "version": 1, "type": kind, "level": level,
                     "domain": payload["domain"], "difficulty": 1 + i % 3, "content_hash": f"{i:064d}",
                     "source_path": f"level{level}/bulk.yaml", "is_current": True, "lint": None, "payload": payload})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from flask_migrate import upgrade
    from sqlalchemy import insert, select

    from exam_prep import create_app
    from exam_prep.accounts import create_or_promote_instructor
    from exam_prep.bank.sync import load_folder
    from exam_prep.extensions import db
    from exam_prep.models import Domain, QuestionVersion

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'app.sqlite'}", "SECRET_KEY": "bench",
                          "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank"),
                          "EXAM_PREP_MEDIA_DIR": str(folder / "media"), "EXAM_PREP_AUTO_SETUP": False})
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            load_folder(str(ROOT / "question_bank"))
            domains = list(db.session.scalars(select(Domain.key)))
            db.session.execute(insert(QuestionVersion), synthetic_rows(args.questions, domains))
            db.session.commit()
            total = db.session.query(QuestionVersion).filter_by(is_current=True).count()
            create_or_promote_instructor("강사", PASSWORD)
        client = app.test_client()
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        response = client.post("/auth/login", data={"csrf_token": token, "username": "강사", "password": PASSWORD})
        assert response.status_code == 302, response.status_code

        cases = {
            "first page": "/instructor/questions",
            "page 150": "/instructor/questions?page=150",
            "level + domain": f"/instructor/questions?level=2&domain={domains[0]}",
            "type + difficulty": "/instructor/questions?type=ox&difficulty=3",
            "text search": "/instructor/questions?q=%EB%8C%80%EB%9F%89+%EB%AC%B8%ED%95%AD+777",
        }
        print(f"{total} current questions; load average {os.getloadavg()[0]:.1f}; {args.repeat} requests each")
        for name, url in cases.items():
            client.get(url)  # warm
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            times.sort()
            p95 = times[max(0, round(0.95 * len(times)) - 1)]
            print(f"{name:>18}: median {statistics.median(times):6.1f} ms, p95 {p95:6.1f} ms, "
                  f"{len(response.data) // 1024} KB")


if __name__ == "__main__":
    main()
