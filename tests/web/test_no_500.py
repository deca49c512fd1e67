"""No input makes the server answer 500: hostile ids in URLs, hostile JSON bodies, and hostile
responses of every question type; what a save stores, the exam and result pages render."""
from __future__ import annotations

import itertools
import json
import re
from typing import Any

from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_prep import questions
from exam_prep.extensions import db
from exam_prep.models import AttemptItem
from tests.conftest import Candidate, answer_all
from tests.strategies import json_values, responses, seed_responses

HUGE_IDS = [str(2**63), str(2**64), "9" * 30, "9" * 5000]


def put_raw(user: Candidate, url: str, data: bytes | str) -> Any:
    return user.client.put(url, data=data, headers={"X-CSRFToken": user.token, "Content-Type": "application/json"})


def item_url(state: dict[str, Any], item_type: str) -> str:
    item = next(i for i in state["items"] if i["type"] == item_type)
    return f"/api/v1/attempts/{state['id']}/items/{item['id']}"


def open_attempts_holding(app: Flask, exam: str, kinds: set[str]) -> list[tuple[Candidate, dict[str, Any]]]:
    """Open attempts of ``exam``, one per new candidate, until together they hold every type in
    ``kinds`` (an exam draws some of its pool's questions at random)."""
    found: list[tuple[Candidate, dict[str, Any]]] = []
    missing = set(kinds)
    for n in range(40):
        user = Candidate(app.test_client(), f"수험생{n + 100}").register()
        state = user.start(exam)
        drawn = {item["type"] for item in state["items"]}
        if drawn & missing:
            found.append((user, state))
            missing -= drawn
        if not missing:
            return found
    raise AssertionError(f"no {exam} attempt drew {missing}")


# --- ids in URLs -----------------------------------------------------------------------------------

def test_ids_beyond_64_bits_are_not_found_on_every_route(app: Flask, candidate: Candidate) -> None:
    """Every route with an integer segment, with every method: an id SQLite cannot hold is 404."""
    state = candidate.start("level2")
    routes = [rule for rule in app.url_map.iter_rules() if "int" in str(rule.rule)]
    assert len(routes) >= 7
    for rule in routes:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            names = re.findall(r"<int:(\w+)>", rule.rule)
            for huge, n in itertools.product(HUGE_IDS, range(len(names))):
                # one segment huge at a time, the others real (the attempt, its item 1)
                real = {"attempt_id": str(state["id"]), "position": "1"}
                values = iter(huge if k == n else real[name] for k, name in enumerate(names))
                url = re.sub(r"<int:\w+>", lambda _match, values=values: next(values), rule.rule)
                response = candidate.api(method, url, json={"response": None, "seq": 1})
                assert response.status_code == 404, (method, url[:80], response.status_code)
    largest = candidate.api("GET", f"/api/v1/attempts/{2**63 - 1}")
    assert largest.status_code == 404 and largest.get_json()["error"]


# --- JSON bodies -----------------------------------------------------------------------------------

def test_deeply_nested_json_is_refused_before_it_is_parsed(candidate: Candidate) -> None:
    state = candidate.start("practice")
    for body in ("[" * 100_000 + "]" * 100_000, '{"response": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001):
        response = put_raw(candidate, item_url(state, "bbox"), body)
        assert response.status_code == 400 and "깊게" in response.get_json()["error"]
    started = candidate.client.post("/api/v1/attempts", data="[" * 100_000,
                                    headers={"X-CSRFToken": candidate.token, "Content-Type": "application/json"})
    assert started.status_code == 400
    # brackets inside strings are text, not nesting
    text = json.dumps({"response": {"regions": [{"box": [10, 10, 20, 20], "text": "[{" * 200}]}, "seq": 1})
    assert put_raw(candidate, item_url(state, "ocr"), text).status_code == 200


def test_what_json_does_not_allow_is_refused(candidate: Candidate) -> None:
    state = candidate.start("practice")
    url = item_url(state, "bbox")
    huge_float = b'{"response": {"shapes": [{"label": "square", "box": [1e999, 1, 5, 5]}]}, "seq": 1}'
    for body in (b'{"response": null, "seq": NaN}', huge_float, b'{"response": null, "seq": Infinity}',
                 b'{"response": "\xff\xfe", "seq": 1}', b"", b"{", "\ufeff{}".encode()):
        response = put_raw(candidate, url, body)
        assert response.status_code == 400 and response.get_json()["error"], body


def test_a_lone_surrogate_is_refused_and_the_attempt_stays_usable(app: Flask) -> None:
    [(user, theory)] = open_attempts_holding(app, "level2", {"short"})
    practice = user.start("practice")
    for state, item_type, body in (
        (theory, "short", '{"response": {"text": "a\\ud800"}, "seq": 1}'),
        (practice, "ocr", '{"response": {"regions": [{"box": [10, 10, 20, 20], "text": "\\udfff"}]}, "seq": 1}'),
        (practice, "spans", '{"response": {"spans": [{"start": 0, "end": 1, "label": "\\ud83d"}]}, "seq": 1}'),
        (practice, "bbox", '{"response": null, "flagged": true, "seq": 1, "\\ud800": 1}'),
    ):
        response = put_raw(user, item_url(state, item_type), body)
        assert response.status_code == 400 and "서로게이트" in response.get_json()["error"], item_type
    for state in (theory, practice):
        assert user.client.get(f"/attempts/{state['id']}").status_code == 200
        user.submit(state["id"])
        assert user.client.get(f"/attempts/{state['id']}/result").status_code == 200


# --- responses through the save --------------------------------------------------------------------

def test_unhashable_labels_huge_coordinates_and_vanishing_boxes_are_refused(candidate: Candidate) -> None:
    state = candidate.start("practice")
    cases = [
        ("spans", {"spans": [{"start": 0, "end": 1, "label": ["PER"]}]}),
        ("spans", {"spans": [{"start": 0, "end": 1, "label": {"PER": 1}}]}),
        ("bbox", {"shapes": [{"label": "square", "box": [10**400, 0, 5, 5]}]}),
        ("keypoints", {"instances": [{"label": "shape", "points": [[1, 10**400], None, "hidden"]}]}),
        ("bbox", {"shapes": [{"label": "square", "box": [1, 1, 0.004, 5]}]}),
        ("ocr", {"regions": [{"box": [1, 1, 5, 0.001], "text": "x"}]}),
    ]
    for seq, (item_type, response) in enumerate(cases, start=1):
        answer = candidate.save(state["id"], next(i["id"] for i in state["items"] if i["type"] == item_type),
                                response, seq=seq)
        assert answer.status_code == 400 and answer.get_json()["error"], (item_type, response)


def payloads(app: Flask, attempt_id: int) -> dict[int, tuple[str, dict[str, Any]]]:
    with app.app_context():
        items = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id).all()
        return {item.position: (item.type, item.question.payload) for item in items}


def bodies(seeds: list[Any], seq: itertools.count) -> st.SearchStrategy[bytes]:
    """A save body: mostly {"response": R, "seq": next}, else any JSON, bytes or deep nesting."""
    saves = st.builds(lambda r, flagged: {"response": r, "seq": next(seq), **flagged},
                      responses(seeds), st.sampled_from([{}, {"flagged": True}, {"flagged": "yes"}]))
    nested = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    return st.one_of(saves.map(json.dumps), saves.map(json.dumps), saves.map(json.dumps), json_values().map(json.dumps),
                     nested).map(str.encode) | st.binary(max_size=64)


def test_any_save_is_answered_200_or_4xx_and_what_is_stored_renders(app: Flask, candidate: Candidate) -> None:
    passed = candidate.start("level2")
    answer_all(app, candidate, passed, correct=len(passed["items"]))
    candidate.submit(passed["id"])
    attempts = [(candidate, candidate.start(exam)) for exam in ("level1", "practice")]
    attempts += open_attempts_holding(app, "level2", {"single", "multiple", "ox", "short"})
    items = [(user, state["id"], position, kind, payload) for user, state in attempts
             for position, (kind, payload) in payloads(app, state["id"]).items()]
    assert {item[3] for item in items} == set(questions.names()), "the exams must hold every type"
    seq = itertools.count(1)
    strategies = {(a, p): bodies(seed_responses(kind, payload), seq) for _u, a, p, kind, payload in items}
    statuses: set[int] = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(data=st.data())
    def save(data: st.DataObject) -> None:
        user, attempt_id, position, _kind, _payload = data.draw(st.sampled_from(items))
        body = data.draw(strategies[(attempt_id, position)])
        response = put_raw(user, f"/api/v1/attempts/{attempt_id}/items/{position}", body)
        statuses.add(response.status_code)
        assert response.status_code in (200, 400), (response.status_code, body[:300])
        assert response.get_json()
        if response.status_code == 200 and response.get_json()["saved"]:
            assert user.client.get(f"/attempts/{attempt_id}").status_code == 200, body[:300]

    save()
    assert statuses == {200, 400}
    for user, state in attempts:
        assert user.client.get(f"/attempts/{state['id']}").status_code == 200
        assert user.api("GET", f"/api/v1/attempts/{state['id']}").status_code == 200
        user.submit(state["id"])
        assert user.client.get(f"/attempts/{state['id']}/result").status_code == 200
        assert user.api("GET", f"/api/v1/attempts/{state['id']}/result").status_code == 200
