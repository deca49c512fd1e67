"""Every figure on the result page follows one rule, so they agree with each other.

Before, an attempt with partial credit showed "70.8점 (2.8 / 4점)" (2.8 / 4 is 70 %), and the
domain table counted a partially scored item as 0 beside a section score that counted it.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from flask import Flask

from tests.conftest import Candidate, correct_response, wrong_response
from tests.web.test_inspection_flow import start_level1

RULE_LINE = "점수는 문항별 득점(부분 점수 포함, 소수 셋째 자리에서 반올림)의 합이고"


def shown_percent(points: Decimal, max_points: Decimal) -> Decimal:
    return (points * 100 / max_points).quantize(Decimal("0.1"), ROUND_HALF_UP)


def rows(page: str, table_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="{table_class}">(.*?)</table>', page, flags=re.DOTALL).group(1)
    body = table.split("<tbody>")[1]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.DOTALL)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.DOTALL)]


def fraction(text: str) -> tuple[Decimal, Decimal]:
    points, max_points = re.fullmatch(r"([\d.]+) / ([\d.]+)점?", text).groups()
    return Decimal(points), Decimal(max_points)


def number(text: str, unit: str) -> Decimal:
    return Decimal(re.fullmatch(rf"([\d.]+){unit}", text).group(1))


def finish_with_partial_inspection_credit(app: Flask, candidate: Candidate) -> dict:
    """Level 1: one theory item right, one wrong, the bbox inspection worth 2.5/3 of its point
    (one rejection with another reason), the spans inspection fully right."""
    state = start_level1(app, candidate)
    theory = [i for i in state["items"] if i["type"] != "inspect"]
    inspect = {i["task"]: i for i in state["items"] if i["type"] == "inspect"}
    responses = {
        theory[0]["id"]: correct_response(app, state["id"], theory[0]["id"]),
        theory[1]["id"]: wrong_response(app, state["id"], theory[1]["id"]),
        inspect["bbox"]["id"]: {
            "judgements": [{"label": 1, "decision": "approve"},
                           {"label": 2, "decision": "reject", "reason": "not_tight"},
                           {"label": 3, "decision": "reject", "reason": "cuts_object"}],
            "missed": [{"box": [30, 110, 60, 30]}], "verdict": "reject"},
        inspect["spans"]["id"]: {
            "judgements": [{"label": 1, "decision": "approve"}, {"label": 2, "decision": "approve"}],
            "verdict": "approve"},
    }
    for item_id, response in responses.items():
        assert candidate.save(state["id"], item_id, response, seq=1).status_code == 200
    candidate.submit(state["id"])
    return state


def test_result_page_figures_agree(app: Flask, candidate: Candidate) -> None:
    state = finish_with_partial_inspection_credit(app, candidate)
    page = candidate.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)

    total_percent = number(re.search(r'id="total-percent">([^<]+)<', page).group(1), "점")
    total = re.search(r"\(\s*(?:<[^>]+>)?([\d.]+) / ([\d.]+)점, 문항당 1점", page)
    points, max_points = Decimal(total.group(1)), Decimal(total.group(2))
    assert (points, max_points, total_percent) == (Decimal("2.83"), Decimal(4), Decimal("70.8"))
    assert total_percent == shown_percent(points, max_points)

    sections = rows(page, "sections")
    assert [s[0] for s in sections] == ["고급 이론", "검수"]
    section_points = [fraction(s[2]) for s in sections]
    for section, (p, m) in zip(sections, section_points, strict=True):
        assert number(section[1], "점") == shown_percent(p, m), section
    assert sum(p for p, _ in section_points) == points
    assert sum(m for _, m in section_points) == max_points

    domains = rows(page, "domains")  # quality (theory) and inspection
    domain_points = [fraction(d[1]) for d in domains]
    for domain, (p, m) in zip(domains, domain_points, strict=True):
        assert number(domain[2], "%") == shown_percent(p, m), domain
    assert sum(p for p, _ in domain_points) == points
    assert sum(m for _, m in domain_points) == max_points
    inspection = next(d for d in domains if d[0] == "검수")
    assert inspection[1:] == ["1.83 / 2", "91.5%"]  # the partial point counts, as in the section
    assert next(s for s in sections if s[0] == "검수")[1:3] == ["91.5점", "1.83 / 2"]

    # The items' own points add up to the total too.
    badges = re.findall(r'<span class="badge (pass|partial|fail)">\s*(.*?)\s*</span>', page, flags=re.DOTALL)
    item_points = [Decimal(1) if kind == "pass" else
                   Decimal(re.search(r"부분 점수 ([\d.]+) /", text).group(1)) if kind == "partial" else Decimal(0)
                   for kind, text in badges]
    assert len(item_points) == 4 and sum(item_points) == points
    assert RULE_LINE in page


def test_api_result_uses_the_same_figures(app: Flask, candidate: Candidate) -> None:
    state = finish_with_partial_inspection_credit(app, candidate)
    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    assert (result["points"], result["max_points"], result["percent"]) == (2.83, 4.0, 70.8)
    assert [(s["points"], s["percent"]) for s in result["sections"]] == [(1.0, 50.0), (1.83, 91.5)]
    # Items keep their scorer's exact points; the figures count each to two decimals.
    assert sorted(round(i["points"], 2) for i in result["items"]) == [0.0, 0.83, 1.0, 1.0]
    history = candidate.client.get("/history").get_data(as_text=True)
    assert "70.8점" in history
