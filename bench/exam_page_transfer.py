"""What the exam page transfers on load in Chromium, cache off. Run by hand:

    python bench/exam_page_transfer.py

Serves exam_prep (werkzeug, threaded, on loopback) with the shipped bank, registers a candidate,
starts the Level 2 exam and loads its page in Chromium with the cache disabled (CDP
Network.setCacheDisabled), then sums what came over the wire (CDP Network.loadingFinished's
encodedDataLength: headers and the body as sent, compressed when it was) until the network is
idle. Prints requests, bytes by kind and the images fetched; then moves to the next question and
prints what that fetched. Figures go in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from exam_prep import create_app  # noqa: E402
from exam_prep.bank.sync import load_folder  # noqa: E402

PASSWORD = "bench-password-1"


class Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


class Wire:
    """Every finished request of a page, by CDP: its URL, resource type and bytes transferred."""

    def __init__(self, cdp) -> None:
        self.requests: dict[str, tuple[str, str]] = {}
        self.done: list[tuple[str, str, int]] = []
        cdp.on("Network.requestWillBeSent", lambda e: self.requests.__setitem__(
            e["requestId"], (e["request"]["url"], e.get("type", "Other"))))
        cdp.on("Network.loadingFinished", lambda e: self.done.append(
            (*self.requests.get(e["requestId"], ("?", "Other")), int(e["encodedDataLength"]))))

    def take(self) -> list[tuple[str, str, int]]:
        done, self.done = self.done, []
        return done


def report(title: str, rows: list[tuple[str, str, int]]) -> None:
    by_type: Counter[str] = Counter()
    for _url, kind, size in rows:
        by_type[kind] += size
    total = sum(size for *_, size in rows)
    images = [url.rsplit("/", 1)[-1] for url, kind, _ in rows if kind == "Image"]
    print(f"{title}: {len(rows)} requests, {total / 1024:.0f} KB "
          f"({', '.join(f'{k} {v / 1024:.0f} KB' for k, v in by_type.most_common())}); {len(images)} images")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--exam", default="level2")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'app.sqlite'}", "SECRET_KEY": "bench",
                      "EXAM_PREP_QUESTION_BANK": str(ROOT / "question_bank"),
                      "EXAM_PREP_MEDIA_DIR": str(tmp / "media"), "EXAM_PREP_AUTO_SETUP": False})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(ROOT / "question_bank"))
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page(base_url=base, viewport={"width": 1280, "height": 900})
        page.goto("/auth/register")
        page.fill('input[name="username"]', "bench")
        page.fill('input[name="password"]', PASSWORD)
        page.fill('input[name="password2"]', PASSWORD)
        page.get_by_role("button", name="가입하기").click()
        page.wait_for_url(base + "/")
        token = page.locator('meta[name="csrf-token"]').get_attribute("content")
        state = page.request.post("/api/v1/attempts", data={"exam": args.exam},
                                  headers={"X-CSRFToken": token}).json()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        wire = Wire(cdp)
        page.goto(f"/attempts/{state['id']}", wait_until="networkidle")
        page.wait_for_timeout(500)
        report(f"exam page of a {len(state['items'])}-item {args.exam} attempt, on load", wire.take())
        page.locator("#next").click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        report("after moving to question 2", wire.take())
        labeling = [i["id"] for i in state["items"] if "image" in i or "images" in i]
        if labeling:
            page.locator(f'.sheet-cell[data-goto="{labeling[0]}"]').click()
            page.wait_for_timeout(800)
            report(f"after going to question {labeling[0]} (the first with an image)", wire.take())
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
