"""Real-browser fixtures: the app served by werkzeug in a thread, driven by Debian's Chromium.

One Chromium per session (starting it costs about a second); every test gets its own copy of the
template database, its own server on a free port and a fresh browser context (cookies and
localStorage start empty), so tests do not see each other.

Chromium is looked for at /usr/bin/chromium, then on PATH. Without it the browser tests are
skipped, unless EXAM_PREP_REQUIRE_BROWSER is set (CI): then they fail, so a missing browser
cannot pass unnoticed.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from exam_prep.extensions import db
from tests.conftest import PASSWORD, forget_attempt_layouts, make_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

REQUIRE_ENV = "EXAM_PREP_REQUIRE_BROWSER"
CHROMIUM_DEFAULT = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
# Short enough that a broken page fails fast, long enough for a loaded 2-core machine.
DEFAULT_TIMEOUT_MS = 10_000


def find_chromium() -> str | None:
    if os.path.isfile(CHROMIUM_DEFAULT) and os.access(CHROMIUM_DEFAULT, os.X_OK):
        return CHROMIUM_DEFAULT
    return shutil.which("chromium")


def require_chromium() -> str:
    """Chromium's path; otherwise skip the calling module, or fail if the browser is required."""
    path = find_chromium()
    problem = None
    if path is None:
        problem = f"Chromium not found (looked for {CHROMIUM_DEFAULT} and `chromium` on PATH)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the Python package `playwright` is not installed (pip install -r requirements-dev.txt)"
    if problem is None:
        return path
    if REQUIRE_ENV in os.environ:
        pytest.fail(f"browser tests required ({REQUIRE_ENV} is set) but {problem}", pytrace=False)
    pytest.skip(f"browser tests skipped: {problem}; install Debian's chromium to run them "
                f"(set {REQUIRE_ENV}=1 to make this a failure)", allow_module_level=True)
    raise AssertionError("unreachable")  # pragma: no cover


# --- browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture(scope="session")
def playwright_instance(chromium_path: str) -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_path: str) -> Iterator[Browser]:
    from playwright.sync_api import expect

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


# --- server ------------------------------------------------------------------------------


@dataclass
class LiveServer:
    app: Flask
    url: str

    def attempt_deadline_in(self, attempt_id: int, seconds: float) -> None:
        """Move an open attempt's deadline to `seconds` from now, as if the exam had run on."""
        from exam_prep.models import Attempt
        from exam_prep.timeutil import utcnow

        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            attempt.deadline = utcnow() + timedelta(seconds=seconds)
            db.session.commit()

    def pin_questions(self, attempt_id: int, question_ids: list[str]) -> None:
        """Replace an attempt's randomly drawn questions with the given ones, in order.

        Sampling is random; a test that must meet every question type pins them instead.
        """
        import random

        from sqlalchemy import select

        from exam_prep import questions
        from exam_prep.models import AttemptItem, QuestionVersion
        from exam_prep.questions import registry

        with self.app.app_context():
            items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
                                       .order_by(AttemptItem.position)).all()
            assert len(items) == len(question_ids)
            rng = random.Random(attempt_id)
            for item, question_id in zip(items, question_ids, strict=True):
                version = db.session.scalars(select(QuestionVersion).where(
                    QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).one()
                item.question_version_id = version.id
                item.type = version.type
                item.option_order = questions.get(version.type).option_order(registry.model_of(version), True, rng)
            db.session.commit()
        forget_attempt_layouts(self.app)

    def attempt_status(self, attempt_id: int) -> tuple[str, str | None]:
        from exam_prep.models import Attempt

        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            return attempt.status, attempt.finish_reason


class ClosedOnce:
    """A response body whose close() runs once, however often it is called."""

    def __init__(self, body: Any) -> None:
        self.body = body
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if hasattr(self.body, "close"):
                self.body.close()


class QuietRequestHandler(WSGIRequestHandler):
    """No line per request (a page load is a dozen); errors are still logged.

    Every response body is closed when its request ends. When the browser drops a connection
    mid-response (a test navigates away while a script is still being sent), werkzeug's dev
    server can skip the body's close(): the error comes out of the block that drains the socket,
    which runs before it. The open static file then surfaced as a ResourceWarning in whichever
    test the garbage collector ran in, and failed it.
    """

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def make_environ(self) -> dict[str, Any]:
        self.wsgi_environ = super().make_environ()
        return self.wsgi_environ

    def run_wsgi(self) -> None:
        try:
            super().run_wsgi()
        finally:
            body = getattr(self, "wsgi_environ", {}).pop(RESPONSE_BODY_KEY, None)
            if body is not None:
                body.close()


RESPONSE_BODY_KEY = "tests.response_body"


def remembering_the_body(app: Flask) -> Any:
    """The app, its response body kept in the environ for QuietRequestHandler to close."""

    def wsgi(environ: dict[str, Any], start_response: Any) -> ClosedOnce:
        body = ClosedOnce(app(environ, start_response))
        environ[RESPONSE_BODY_KEY] = body
        return body

    return wsgi


@pytest.fixture
def live_server(db_path: Path) -> Iterator[LiveServer]:
    with serving(make_app(db_path)) as server:
        yield server


@contextmanager
def serving(app: Flask) -> Iterator[LiveServer]:
    """The app served on a free port in a thread, until the block ends."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, remembering_the_body(app), threaded=True,
                                          request_handler=QuietRequestHandler)
    # A short poll interval: shutdown() waits up to one interval, at the end of every test.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


# --- pages -------------------------------------------------------------------------------


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    # Depends on live_server so that it closes (and drops its keep-alive connections) first.
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", timezone_id="Asia/Seoul",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@dataclass
class PageErrors:
    """Uncaught exceptions and rejected promises of the page: any is a failed test."""

    errors: list[str] = field(default_factory=list)


@pytest.fixture
def page_errors() -> PageErrors:
    return PageErrors()


@contextmanager
def touch_phone(browser: Browser, base_url: str, page_errors: PageErrors, viewport: dict[str, int],
                **options: Any) -> Iterator[Page]:
    """A page in a touch phone's context (has_touch, is_mobile, Korean, Seoul time) at
    ``viewport``; ``options`` go to the context (device_scale_factor, ...). No uncaught
    JavaScript error may happen on it."""
    context = browser.new_context(base_url=base_url, locale="ko-KR", timezone_id="Asia/Seoul",
                                  viewport=viewport, has_touch=True, is_mobile=True, **options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda e: page_errors.errors.append(f"{page.url}: {e}"))
    yield page
    context.close()
    assert not page_errors.errors, f"JavaScript errors on the page: {page_errors.errors}"


@pytest.fixture
def page(context: BrowserContext, page_errors: PageErrors) -> Iterator[Page]:
    page = context.new_page()
    context.on("page", lambda p: p.on("pageerror", lambda e: page_errors.errors.append(f"{p.url}: {e}")))
    page.on("pageerror", lambda e: page_errors.errors.append(f"{page.url}: {e}"))
    yield page
    assert not page_errors.errors, f"JavaScript errors on the page: {page_errors.errors}"


# --- the exam page -----------------------------------------------------------------------


ATTEMPT_URL = re.compile(r"/attempts/(\d+)$")


def register(page: Page, username: str = "수험생1") -> None:
    """Sign up through the real form; lands on the dashboard."""
    from playwright.sync_api import expect

    page.goto("/auth/register")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.get_by_role("button", name="가입하기").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".flash-success")).to_contain_text("가입을 환영합니다")


class ExamPage:
    """The exam page of one attempt, and what a candidate does on it."""

    def __init__(self, page: Page, server: LiveServer, attempt_id: int) -> None:
        self.page = page
        self.server = server
        self.attempt_id = attempt_id
        self.status = page.locator("#save-status")
        self.journal_key = f"exam_prep:attempt:{attempt_id}:journal"

    # -- loading

    def wait_ready(self) -> ExamPage:
        """Wait until main.js has run (it marks <html> with the class js)."""
        from playwright.sync_api import expect

        expect(self.page).to_have_url(ATTEMPT_URL)
        expect(self.page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
        return self

    def reload(self) -> ExamPage:
        self.page.reload()
        return self.wait_ready()

    # -- items

    def item(self, n: int):
        return self.page.locator(f"#item-{n}")

    def cell(self, n: int):
        return self.page.locator(f'.sheet-cell[data-goto="{n}"]')

    def item_type(self, n: int) -> str:
        return self.item(n).get_attribute("data-type")

    def show(self, n: int, tap: bool = False) -> None:
        """Go to question n through the answer sheet (on a narrow screen, opened first with the
        exam bar's 답안표 button: a sheet from the bottom that closes when a number is chosen)."""
        from playwright.sync_api import expect

        def press(control) -> None:
            if tap:
                control.tap()
            else:
                control.click()

        opener = self.page.locator("#sheet-open")
        if opener.is_visible():
            press(opener)
            expect(self.page.locator("#sheet-dialog")).to_be_visible()
        press(self.cell(n))
        expect(self.item(n)).to_be_visible()

    def right_answer(self, n: int) -> Any:
        from tests.conftest import correct_response

        return correct_response(self.server.app, self.attempt_id, n)

    def wrong_answer(self, n: int) -> Any:
        from tests.conftest import wrong_response

        return wrong_response(self.server.app, self.attempt_id, n)

    def _option(self, n: int, value: Any):
        return self.item(n).locator("label.option").filter(
            has=self.page.locator(f'input[value="{value}"]'))

    def enter(self, n: int, response: dict[str, Any]) -> None:
        """Answer question n through the UI, as a candidate would (starting from no answer)."""
        self.show(n)
        kind = self.item_type(n)
        if kind == "single":
            self._option(n, response["choice"]).click()
        elif kind == "multiple":
            for choice in response["choices"]:
                self._option(n, choice).click()
        elif kind == "ox":
            sign = "O" if response["value"] else "X"
            label = self._option(n, "true" if response["value"] else "false")
            assert label.locator(".ox-sign").inner_text() == sign
            label.click()
        elif kind == "short":
            self.item(n).locator('input[type="text"]').press_sequentially(response["text"])
        else:  # pragma: no cover
            raise AssertionError(f"unknown question type {kind}")

    def answer(self, n: int, response: dict[str, Any]) -> None:
        """Answer question n and wait until the server has confirmed it."""
        from playwright.sync_api import expect

        def is_save(r) -> bool:
            return r.request.method == "PUT" and r.url.endswith(f"/items/{n}")

        with self.page.expect_response(is_save) as saved:
            self.enter(n, response)
        assert saved.value.ok, saved.value.text()
        expect(self.status).to_have_attribute("data-state", "saved")
        expect(self.status).to_have_text("저장됨")

    def expect_shown(self, n: int, response: dict[str, Any] | None) -> None:
        """The page shows `response` (None: no answer) for question n, whether visible or not."""
        from playwright.sync_api import expect

        item, kind = self.item(n), self.item_type(n)
        if kind == "short":
            expect(item.locator('input[type="text"]')).to_have_value(response["text"] if response else "")
            return
        inputs = item.locator('input[name^="item-"]')
        if kind == "single":
            wanted = {str(response["choice"])} if response else set()
        elif kind == "multiple":
            wanted = {str(c) for c in response["choices"]} if response else set()
        else:
            wanted = {"true" if response["value"] else "false"} if response else set()
        values = inputs.evaluate_all("els => els.map(e => e.value)")
        assert wanted <= set(values), (wanted, values)
        for value in values:
            box = inputs.and_(self.page.locator(f'[value="{value}"]'))
            if value in wanted:
                expect(box).to_be_checked()
            else:
                expect(box).not_to_be_checked()

    # -- storage and server

    def journal(self) -> dict[str, Any] | None:
        return self.page.evaluate("key => JSON.parse(localStorage.getItem(key))", self.journal_key)

    def wait_journal(self, *item_ids: int) -> dict[str, Any]:
        """The journal, once it holds an entry for each of the items (typing saves after a pause)."""
        self.page.wait_for_function(
            """([key, ids]) => {
              const journal = JSON.parse(localStorage.getItem(key) || "{}") || {};
              return ids.every((id) => id in journal);
            }""", arg=[self.journal_key, [str(n) for n in item_ids]])
        return self.journal()

    def result(self) -> dict[str, Any]:
        """The scored attempt, from the API (points, and per item whether it was right)."""
        response = self.page.request.get(f"/api/v1/attempts/{self.attempt_id}/result")
        assert response.ok, response.text()
        return response.json()

    def server_state(self) -> dict[str, Any]:
        response = self.page.request.get(f"/api/v1/attempts/{self.attempt_id}")
        assert response.ok, response.text()
        return response.json()

    def timer_seconds(self) -> int:
        return parse_clock(self.page.locator("#timer-value").inner_text())


def parse_clock(text: str) -> int:
    """Seconds from the timer's m:ss (or h:mm:ss)."""
    parts = [int(p) for p in text.strip().split(":")]
    assert 2 <= len(parts) <= 3, text
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def start_exam(page: Page, server: LiveServer, exam: str = "level2") -> ExamPage:
    """From the dashboard, press 시험 시작 on the exam's card; lands on the exam page."""
    card = page.locator(f'.exam-card[data-exam="{exam}"]')
    card.get_by_role("button", name="시험 시작").click()
    page.wait_for_url(ATTEMPT_URL)
    attempt_id = int(ATTEMPT_URL.search(page.url).group(1))
    return ExamPage(page, server, attempt_id).wait_ready()


@pytest.fixture
def exam(page: Page, live_server: LiveServer) -> ExamPage:
    """A signed-up candidate on the page of a fresh level2 attempt."""
    register(page)
    return start_exam(page, live_server)
