"""The exam page fetches the shown question's image and the next one's, not every image (issue 14).

The practice exam's six labeling exercises are pinned in an order where the first has no image
(span tagging), the second an OCR picture (sign.png) and the third a box exercise (shapes.png).
"""
from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, register, start_exam

ORDER = ["t2-prac-spans", "t2-prac-ocr", "t2-prac-bbox", "t2-prac-polygon", "t2-prac-keypoints", "t2-prac-classify"]
MEDIA = re.compile(r"/media/[0-9a-f]{64}\.\w+$")


def image_of(page: Page, n: int) -> str:
    config = page.locator(f"#item-{n} script.labeling-config").text_content()
    return json.loads(config)["image"]["url"]


def test_only_the_shown_and_the_next_questions_images_load(page: Page, live_server: LiveServer) -> None:
    register(page)
    exam = start_exam(page, live_server, "practice")
    live_server.pin_questions(exam.attempt_id, ORDER)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.split("?")[0]) if MEDIA.search(r.url) else None)

    exam.reload()
    page.wait_for_load_state("networkidle")
    sign, shapes = image_of(page, 2), image_of(page, 3)
    assert sign != shapes
    # Shown: question 1 (no image); next: question 2, whose editor is built and fetches its image.
    assert [url.removeprefix(live_server.url) for url in fetched] == [sign]
    expect(page.locator("#item-2 .lab-svg image")).to_have_attribute("href", sign)
    for later in (3, 4, 5):
        expect(page.locator(f"#item-{later} .lab-svg")).to_have_count(0)
    assert page.locator("#item-6 img").evaluate_all("els => els.every((e) => !e.complete || e.naturalWidth === 0)")

    page.locator("#next").click()  # to question 2: question 3's image comes ahead
    expect(page.locator("#item-2")).to_be_visible()
    expect(page.locator("#item-3 .lab-svg image")).to_have_attribute("href", shapes)
    page.wait_for_load_state("networkidle")
    assert shapes in [url.removeprefix(live_server.url) for url in fetched]
    expect(page.locator("#item-4 .lab-svg")).to_have_count(0)

    exam.show(3)  # the box editor is there, with its picture drawn
    expect(page.locator("#item-3 .lab-svg")).to_be_visible()
    assert page.locator("#item-3 .lab-svg").evaluate("svg => svg.getBoundingClientRect().width") > 100


def test_an_answer_to_a_question_not_yet_shown_counts_and_shows_later(page: Page, live_server: LiveServer) -> None:
    register(page)
    exam = start_exam(page, live_server, "practice")
    live_server.pin_questions(exam.attempt_id, ORDER)
    # A polygon drawn earlier (in another tab, before this reload): question 4's editor is not
    # built on load (question 1 is shown, 2 is next), yet its answer counts and the sheet shows it.
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    polygon = {"shapes": [{"label": "triangle", "points": [[10, 10], [60, 12], [30, 50]]}]}
    saved = page.request.put(f"/api/v1/attempts/{exam.attempt_id}/items/4", headers={"X-CSRFToken": token},
                             data={"response": polygon, "seq": 1})
    assert saved.ok, saved.text()
    exam.reload()
    expect(page.locator("#answered-count")).to_have_text("1")
    expect(exam.cell(4)).to_have_class(re.compile(r"\banswered\b"))
    expect(page.locator("#item-4 .lab-svg")).to_have_count(0)
    exam.show(4)  # built now, from the saved answer
    expect(page.locator("#item-4 .lab-list li")).to_have_count(1)
    expect(page.locator("#answered-count")).to_have_text("1")
