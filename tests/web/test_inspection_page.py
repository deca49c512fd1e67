"""The exam page of a Level 1 attempt renders the inspection (검수) editor's markup."""
from __future__ import annotations

import json
import re

from tests.conftest import Candidate
from tests.web.test_inspection_flow import start_level1

CONFIG = re.compile(r'<script type="application/json" class="labeling-config">(.*?)</script>', re.S)


def test_the_inspection_editor_markup_without_the_answers(app, candidate: Candidate) -> None:
    state = start_level1(app, candidate)
    page = candidate.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    assert page.count('data-editor="inspect"') == 2
    assert 'data-task="bbox"' in page and 'data-task="spans"' in page
    # One row per submitted label (3 boxes, 2 spans), each with approve / reject and the reasons
    # under their Korean names (questions/_reasons.html).
    assert page.count('class="lab-judge-row"') == 5
    assert page.count('class="lab-decision-input"') == 10
    assert "헐거움 (가장자리에 꼭 맞지 않음)" in page and "구간 경계 틀림" in page
    assert "누락 객체 그리기" in page and page.count('class="lab-verdict-input"') == 4
    configs = [json.loads(raw) for raw in CONFIG.findall(page)]
    inspect = [c for c in configs if c.get("type") == "inspect"]
    assert {c["task"] for c in inspect} == {"bbox", "spans"}
    for config in inspect:
        assert "errors" not in config and "verdict" not in config and "explanation" not in config
    assert "SECRET" not in page
