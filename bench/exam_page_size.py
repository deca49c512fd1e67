"""How big is the Level 2 exam page before compression, over many draws? Run by hand:

    python bench/exam_page_size.py [--draws 40] [--seed 1]

Builds an SQLite database from the migrations in a temporary folder, loads the shipped bank,
and then, through Flask's test client in one process, many fresh candidates (one new account
each) start the Level 2 exam (POST /api/v1/attempts, 50 items drawn) and fetch its page (GET
/attempts/<id>, no Accept-Encoding: the HTML as rendered). Each draw is random, so the page's
size depends on which questions came up (an image-classification exercise with many labels
weighs the most); with the seed, each draw's random numbers come from random.Random(seed, n)
instead of the system's, so two runs of the code, before and after a change, measure the same
attempts. Prints every size, the median and the
largest, in kB (1,000 bytes) and KiB, with the largest page's make-up by question type. Figures
go in docs/benchmarks.md; never a size assertion in the tests.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from unittest.mock import patch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from exam_prep import create_app  # noqa: E402
from exam_prep.bank.sync import load_folder  # noqa: E402
from exam_prep.exams import lifecycle  # noqa: E402

PASSWORD = "bench-password-1"
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
ARTICLE = re.compile(r'<article\b[^>]*data-type="(\w+)".*?</article>', re.S)


def draw_pages(draws: int, seed: int, folder: Path) -> list[bytes]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}", "SECRET_KEY": "bench",
                      "EXAM_PREP_MEDIA_DIR": str(folder / "media")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(ROOT / "question_bank")
    pages = []
    for n in range(draws):
        client = app.test_client()
        token = TOKEN.search(client.get("/help").get_data(as_text=True)).group(1)
        registered = client.post("/auth/register", data={"csrf_token": token, "username": f"size{n}",
                                                         "password": PASSWORD, "password2": PASSWORD})
        assert registered.status_code in (302, 303), registered.status_code
        token = TOKEN.search(client.get("/help").get_data(as_text=True)).group(1)
        rng = random.Random(f"{seed}-{n}")
        with patch.object(lifecycle.random, "SystemRandom", lambda rng=rng: rng):
            started = client.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": token})
        assert started.status_code == 201, started.status_code
        page = client.get(f"/attempts/{started.get_json()['id']}")
        assert page.status_code == 200 and "Content-Encoding" not in page.headers
        pages.append(page.get_data())
    return pages


def make_up(html: str) -> str:
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for match in ARTICLE.finditer(html):
        sizes[match.group(1)] += len(match.group(0).encode())
        counts[match.group(1)] += 1
    items = sum(sizes.values())
    parts = ", ".join(f"{kind} {size / 1000:.1f} kB ({counts[kind]})" for kind, size in sizes.most_common())
    return f"items {items / 1000:.1f} kB: {parts}; the rest of the page {(len(html.encode()) - items) / 1000:.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pages = draw_pages(args.draws, args.seed, Path(folder))
    sizes = [len(page) for page in pages]
    print("sizes (kB):", " ".join(f"{size / 1000:.1f}" for size in sizes))
    largest = max(sizes)
    print(f"median {statistics.median(sizes) / 1000:.1f} kB ({statistics.median(sizes) / 1024:.1f} KiB), "
          f"largest {largest / 1000:.1f} kB ({largest / 1024:.1f} KiB), "
          f"over 150 kB: {sum(size > 150_000 for size in sizes)} of {len(sizes)}")
    print("the largest:", make_up(pages[sizes.index(largest)].decode()))


if __name__ == "__main__":
    main()
