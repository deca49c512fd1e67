"""In a real browser: the analysis page of a labeling exercise draws its heat overlay over the
image (each box coloured and labelled), and the accounts page resets a password and deactivates
an account; both at phone and desktop width, without sideways scrolling and axe-clean.

Set EXAM_PREP_SCREENSHOTS to a folder to keep screenshots of the pages at 360 and 1280 px.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import LiveServer, require_chromium
from tests.conftest import PASSWORD

require_chromium()

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.test_every_page import check, sign_in  # noqa: E402
from tests.web.test_item_analysis import (  # noqa: E402
    BBOX_ANSWERS,
    PRACTICE,
    current_version,
    seed_inspections,
    take,
)

pytestmark = pytest.mark.browser
WIDTHS = (360, 1280)


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("EXAM_PREP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def instructor(server: LiveServer, page: Page) -> None:
    from exam_prep.accounts import create_or_promote_instructor

    with server.app.app_context():
        create_or_promote_instructor("강사", PASSWORD)
    sign_in(page, "강사")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_heat_overlay_of_a_labeling_exercise(page: Page, live_server: LiveServer, width: int) -> None:
    for name, response in BBOX_ANSWERS.items():
        take(live_server.app, name, "practice", {} if response is None else {"t2-prac-bbox": response}, PRACTICE)
    version = current_version(live_server.app, "t2-prac-bbox")
    page.set_viewport_size({"width": width, "height": 900})
    instructor(live_server, page)

    page.goto(f"/instructor/analysis/{version.id}")
    figure = page.locator(".heat-svg")
    expect(figure).to_be_visible()
    expect(figure).to_have_attribute("aria-label", "정답 개체마다 놓친 비율을 색과 숫자로 겹쳐 그린 그림")
    # The image underneath has loaded and is drawn at the figure's size.
    box = figure.bounding_box()
    assert box is not None and box["width"] > 150 and box["width"] <= width
    assert page.evaluate("""() => new Promise((resolve) => {
        const img = new Image(); img.onload = () => resolve(img.naturalWidth); img.onerror = () => resolve(0);
        img.src = document.querySelector('.heat-svg image').getAttribute('href'); })""") == 200
    # Two reference boxes: the square missed by 40 %, the circle by everyone, each with its text.
    expect(figure.locator("g.heat")).to_have_count(2)
    expect(figure.locator("g.heat-2 text")).to_have_text("1: 40%")
    expect(figure.locator("g.heat-4 text")).to_have_text("2: 100%")
    fills = page.evaluate("""() => [...document.querySelectorAll('.heat-svg g.heat rect')]
        .map((r) => getComputedStyle(r).fill)""")
    assert fills[0] != fills[1] and all(f.startswith("rgb(") for f in fills)
    # The label sits inside its box, on top of the image.
    label, square = figure.locator("g.heat-2 text").bounding_box(), figure.locator("g.heat-2 rect").bounding_box()
    assert square["x"] <= label["x"] + label["width"] / 2 <= square["x"] + square["width"]
    expect(page.locator(".objects-table")).to_contain_text("원")
    check(page, f"analysis-bbox-{width}")
    screenshot(page, "analysis-bbox")

    page.goto("/instructor/analysis")
    check(page, f"analysis-list-{width}")
    screenshot(page, "analysis-list")
    page.goto("/instructor/cohort")
    expect(page.locator(".cohort-table")).to_contain_text("p1")
    check(page, f"cohort-{width}")
    screenshot(page, "cohort")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_inspection_and_keypoint_analyses(page: Page, live_server: LiveServer, width: int) -> None:
    app = seed_inspections(live_server.app)  # the three inspections of the web test
    take(app, "k1", "practice", {"t2-prac-keypoints": {"instances": [
        {"label": "shape", "points": [[20, 30], [72, 95], "hidden"]}]}}, PRACTICE)
    page.set_viewport_size({"width": width, "height": 900})
    instructor(live_server, page)

    page.goto(f"/instructor/analysis/{current_version(app, 't1-insp-bbox').id}")
    figure = page.locator(".heat-svg")
    # Three submitted boxes and the object the labeler left out, each labelled.
    expect(figure.locator("g.heat")).to_have_count(4)
    expect(figure.locator("g.planted.heat-4 text")).to_have_text("3: 100%")
    expect(figure.locator("g.missed_object text")).to_have_text("빠진 개체 1: 100%")
    expect(page.locator('tr[data-label-number="1"] .rejected')).to_have_text("33%")
    check(page, f"analysis-inspect-{width}")
    screenshot(page, "analysis-inspect")

    page.goto(f"/instructor/analysis/{current_version(app, 't2-prac-keypoints').id}")
    expect(page.locator(".heat-svg circle")).to_have_count(2)  # the two visible reference points
    expect(page.locator('.joints-table tr[data-joint="3"]')).to_contain_text("뒷면")
    check(page, f"analysis-keypoints-{width}")
    screenshot(page, "analysis-keypoints")


@pytest.mark.parametrize("width", WIDTHS)
def test_accounts_reset_a_password_and_deactivate(page: Page, live_server: LiveServer, width: int) -> None:
    from exam_prep.accounts import create_user

    with live_server.app.app_context():
        for name in ("김수험", "이수험"):
            create_user(name, PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    instructor(live_server, page)

    page.goto("/instructor/accounts")
    expect(page.locator('tr[data-user="김수험"] .state')).to_have_text("사용 중")
    check(page, f"accounts-{width}")
    screenshot(page, "accounts")

    page.get_by_role("button", name="김수험 비밀번호 초기화").click()
    password = page.locator("#temporary-password").inner_text()
    assert len(password) == 12
    check(page, f"accounts-password-{width}")
    screenshot(page, "accounts-password")

    page.goto("/instructor/accounts")
    page.get_by_role("button", name="이수험 사용 중지").click()
    expect(page.locator(".flash-success")).to_contain_text("이수험 님의 계정을 사용 중지했습니다")
    expect(page.locator('tr[data-user="이수험"] .state')).to_have_text("사용 중지")
    expect(page.get_by_role("button", name="이수험 다시 사용")).to_be_visible()
    # Our own row offers no button that could lock us out.
    expect(page.locator('tr[data-user="강사"] button')).to_have_count(0)
    check(page, f"accounts-after-{width}")
