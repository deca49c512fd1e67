"""The keypoint editor's per-point toggle 보임 / 가려짐(위치 추정) / 표시 안 함 (COCO v = 2 / 1 / 0)
in a real browser: with the mouse, the keyboard alone, what reaches the server, and the review.

The exercise is t2-prac-keypoints of tests/fixtures/bank/level2/practical.yaml (occluded: skip,
reference [[20, 30], [70, 90], hidden]).
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LiveServer, register, require_chromium, start_exam

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.test_labeling_editors import Labeling, close  # noqa: E402

pytestmark = pytest.mark.browser

TOUCH = 44  # CSS px: WCAG 2.5.5's target size for a touch control


@pytest.fixture
def labeling(page: Page, live_server: LiveServer) -> Labeling:
    register(page)
    return Labeling(start_exam(page, live_server, "practice"))


def test_each_point_is_visible_occluded_or_not_labeled(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("keypoints")
    toggle = {name: item.locator(f'.lab-kp-visibility [data-action="{name}"]')
              for name in ("visible", "occluded", "hidden")}
    rows = item.locator(".lab-kp-list li")

    def pressed() -> list[str]:
        return [name for name, button in toggle.items() if button.get_attribute("aria-pressed") == "true"]

    # One group, named by the current point; each button a large target with a word, not a colour.
    expect(item.locator(".lab-kp-visibility")).to_have_attribute("role", "group")
    expect(item.locator(".lab-vis-point")).to_have_text("1. 왼쪽 위")
    for name, word in (("visible", "보임"), ("occluded", "가려짐(위치 추정)"), ("hidden", "표시 안 함")):
        expect(toggle[name]).to_contain_text(word)
        box = toggle[name].bounding_box()
        assert box["height"] >= TOUCH and box["width"] >= TOUCH, (name, box)
    assert pressed() == ["visible"]  # an unplaced point is placed as visible unless told otherwise

    # Point 1 visible, by a click on the image.
    labeling.click("keypoints", 20, 30)
    expect(rows.nth(0)).to_contain_text("보임")
    # Point 2: 가려짐 first, then the click places it occluded at its estimated position.
    expect(item.locator(".lab-vis-point")).to_have_text("2. 오른쪽 아래")
    toggle["occluded"].click()
    assert pressed() == ["occluded"]
    expect(rows.nth(1)).to_contain_text("가려짐으로 찍을 차례")
    labeling.click("keypoints", 70, 90)
    expect(rows.nth(1)).to_contain_text("가려짐(위치 추정)")
    # On the image an occluded point is a hollow ring with a cross, the visible one a filled dot.
    expect(item.locator(".lab-kp.occluded .lab-kp-ring")).to_have_count(1)
    expect(item.locator(".lab-kp.occluded .lab-kp-cross")).to_have_count(1)
    expect(item.locator(".lab-kp:not(.occluded) .lab-kp-dot")).to_have_count(1)
    # Point 3 from the keyboard: Tab reaches the toggle, Enter presses 표시 안 함.
    expect(item.locator(".lab-vis-point")).to_have_text("3. 뒷면")
    toggle["hidden"].focus()
    page.keyboard.press("Enter")
    expect(rows.nth(2)).to_contain_text("표시 안 함")
    expect(item.locator(".lab-kp-next-name")).to_have_text("모든 점을 찍었습니다.")
    saved = labeling.saved("keypoints")["instances"][0]["points"]
    assert close(saved[0], [20, 30]) and close(saved[1], [70, 90, 1]) and saved[2] == "hidden", saved
    assert saved[1][2] == 1

    # Changing a placed point's state keeps its place: O toggles 가려짐 / 보임, the button too.
    rows.nth(1).locator("button").click()
    assert pressed() == ["occluded"]
    page.keyboard.press("o")
    expect(rows.nth(1)).to_contain_text("보임, x")
    assert pressed() == ["visible"]
    assert close(labeling.saved("keypoints")["instances"][0]["points"][1], [70, 90])
    toggle["occluded"].click()
    expect(item.locator(".lab-kp.occluded")).to_have_count(1)
    # Dragging an occluded point keeps it occluded.
    item.locator(".lab-viewport").scroll_into_view_if_needed()
    labeling.drag("keypoints", (70, 90), (80, 95))
    expect(rows.nth(1)).to_contain_text(re.compile(r"가려짐\(위치 추정\), x (79|80|81)"))
    moved = labeling.saved("keypoints")["instances"][0]["points"][1]
    assert len(moved) == 3 and moved[2] == 1 and close(moved[:2], [80, 95]), moved
    labeling.drag("keypoints", (80, 95), (70, 90))
    expect(rows.nth(1)).to_contain_text(re.compile(r"가려짐\(위치 추정\), x (69|70|71)"))

    # The guide of this exercise (skip) says not to guess hidden points; the help says so too.
    expect(item.locator(".lab-help")).to_contain_text('추측해서 찍지 말고 "표시 안 함"(V)')

    # Scored as the guide says: point 2 is visible in the reference and placed where it is (its
    # 보임 / 가려짐 flag is not scored, as in COCO), so full marks; the review tells the flag.
    results = labeling.submit()
    assert results["keypoints"]["points"] == pytest.approx(1.0, abs=0.01)
    review = page.locator(".keypoint-table").first
    row = review.locator("tbody tr").nth(1)
    expect(row).to_contain_text(re.compile(r"가려짐 \(7\d"))
    expect(row).to_contain_text("보임 / 가려짐 표시가 정답과 다름")
    expect(review.locator("tbody tr").nth(2)).to_contain_text("표시 안 함으로 바르게 표시")
    expect(page.locator(".review-svg .cand-point.occluded-point")).to_have_count(1)
    expect(page.locator(".labeling-review:has(.keypoint-table) .review-legend")).to_contain_text(
        "속이 빈 점선 테두리: 가려짐(위치 추정)")
