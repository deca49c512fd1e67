"""The result page opens on a short summary (score, verdict, sections, weakest domains with a
practice link each) and lists wrong and partly right items first, the right ones folded in a
<details> behind them: the whole list is still there."""
from __future__ import annotations

import re
from collections import Counter

from flask import Flask
from sqlalchemy import select

from exam_prep.extensions import db
from exam_prep.models import AttemptItem, QuestionVersion
from tests.conftest import Candidate, answer_all, correct_response


def result_page(user: Candidate, attempt_id: int, query: str = "") -> str:
    response = user.client.get(f"/attempts/{attempt_id}/result{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def article_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="card item review-item \w+" id="review-(\d+)"', html)]


def folded(page: str) -> str:
    """The right items' toggle to the end of the list (review pictures hold <details> of their own)."""
    assert page.count('<details class="right-items" id="right-items">') == 1
    return page.split('<details class="right-items" id="right-items">')[1].split("</main>")[0]


def test_wrong_items_first_right_ones_folded_and_every_item_there(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("level2")
    answer_all(app, candidate, state, correct=1)  # item 1 right, items 2–4 wrong
    candidate.submit(state["id"])
    page = result_page(candidate, state["id"])
    assert article_ids(page) == [2, 3, 4, 1]
    right = folded(page)
    assert "<summary>맞힌 문항 1개 보기</summary>" in right
    assert article_ids(right) == [1]
    assert 'class="card item review-item correct"' in right
    assert article_ids(page.split('id="right-items"')[0]) == [2, 3, 4]
    assert '<a class="button primary" href="#wrong-items">틀린 문항 3개 보기</a>' in page
    # The summary comes before the list.
    assert page.index('id="verdict"') < page.index('id="weak-heading"') < page.index('id="wrong-items"')
    # Wrong only: the wrong items, nothing folded.
    wrong_only = result_page(candidate, state["id"], "?wrong=1")
    assert article_ids(wrong_only) == [2, 3, 4] and "right-items" not in wrong_only


def test_weakest_domains_link_to_a_practice_set_of_each(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("level2")
    answer_all(app, candidate, state, correct=1)
    candidate.submit(state["id"])
    right: Counter[str] = Counter()
    count: Counter[str] = Counter()
    with app.app_context():
        for position, domain in db.session.execute(
                select(AttemptItem.position, QuestionVersion.domain).join(QuestionVersion)
                .where(AttemptItem.attempt_id == state["id"])):
            count[domain] += 1
            right[domain] += position == 1
    titles = {"basics": "기초", "labeling": "라벨링"}
    # Under the pass total (60): both domains (one has 1 of 2 right, 50 %; the other none), weakest first.
    weak = sorted(count, key=lambda d: (right[d] / count[d], titles[d]))
    listed = re.search(r'<ul class="weak-domains" id="weak-domains">(.*?)</ul>', result_page(candidate, state["id"]),
                       flags=re.DOTALL).group(1)
    links = re.findall(r'<a href="/practice/new\?level=2&amp;domain=(\w+)">([^<]+) 연습 문제 풀기</a>', listed)
    assert links == [(d, titles[d]) for d in weak]
    assert re.findall(r"<strong>([^<]+)</strong> ([\d.]+)%", listed) == [
        (titles[d], f"{100 * right[d] / count[d]:g}") for d in weak]


def test_all_right_no_weak_domain_and_everything_folded(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("level2")
    answer_all(app, candidate, state, correct=4)
    candidate.submit(state["id"])
    page = result_page(candidate, state["id"])
    assert "틀린 문제가 없습니다. 훌륭합니다!" in page
    assert '<p id="weak-domains-none">모든 영역이 합격선(60점) 이상입니다.</p>' in page
    assert "href=\"#wrong-items\"" not in page
    assert article_ids(folded(page)) == [1, 2, 3, 4] and "맞힌 문항 4개 보기" in page


def test_a_partly_right_labeling_item_is_listed_with_the_wrong_ones(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("practice")
    for item in state["items"]:
        answer = correct_response(app, state["id"], item["id"])
        if item["type"] == "bbox":  # one of its boxes left out: partial credit
            answer = {"shapes": answer["shapes"][:-1]}
        assert candidate.save(state["id"], item["id"], answer, seq=1).status_code == 200
    candidate.submit(state["id"])
    page = result_page(candidate, state["id"])
    bbox = next(i["id"] for i in state["items"] if i["type"] == "bbox")
    assert article_ids(page)[0] == bbox
    head = page.split('id="right-items"')[0]
    assert article_ids(head) == [bbox] and '<span class="badge partial">' in head
    assert sorted(article_ids(folded(page))) == sorted(i["id"] for i in state["items"] if i["id"] != bbox)
    # The review picture of the folded items is still drawn (it only waits behind the toggle).
    assert folded(page).count('class="review-svg') >= 2
