"""The exam page's plain form (a browser without JavaScript) saves its theory answers on submit.

The page's form posts each theory item's inputs as ``item-<position>``; the submit used to check
only the CSRF token, so correct answers posted this way scored 0.
"""
from __future__ import annotations

import html
import re
from typing import Any

from flask import Flask

from tests.conftest import Candidate, correct_response, wrong_response


def form_values(item_type: str, response: dict[str, Any]) -> list[str]:
    """The values a browser posts for ``response``: the ticked inputs' values, or the text typed."""
    if item_type == "single":
        return [str(response["choice"])]
    if item_type == "multiple":
        return [str(c) for c in response["choices"]]
    if item_type == "ox":
        return ["true" if response["value"] else "false"]
    return [response["text"]]


def page_inputs(candidate: Candidate, attempt_id: int) -> dict[str, list[str]]:
    """name -> values of the radio buttons and checkboxes (or the text box) on the exam page."""
    page = candidate.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    inputs: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            inputs.setdefault(name.group(1), []).append(html.unescape(value.group(1)) if value else "")
    return inputs


def form_answers(app: Flask, candidate: Candidate, state: dict[str, Any],
                 pick=correct_response) -> dict[str, list[str]]:
    """Fields of the exam form choosing ``pick``'s answer of every item, from the page's own inputs."""
    shown = page_inputs(candidate, state["id"])
    fields = {}
    for item in state["items"]:
        name = f"item-{item['id']}"
        values = form_values(item["type"], pick(app, state["id"], item["id"]))
        assert name in shown, f"the page has no input named {name}"
        if item["type"] != "short":  # choices are among the page's own inputs
            assert set(values) <= set(shown[name]), (name, values, shown[name])
        fields[name] = values
    return fields


def submit_form(candidate: Candidate, attempt_id: int, fields: dict[str, list[str]]):
    return candidate.client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": candidate.token, **fields})


def result(candidate: Candidate, attempt_id: int) -> dict[str, Any]:
    return candidate.api("GET", f"/api/v1/attempts/{attempt_id}/result").get_json()


def test_correct_answers_posted_through_the_form_are_scored(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    assert {i["type"] for i in state["items"]} <= {"single", "multiple", "ox", "short"}
    response = submit_form(candidate, state["id"], form_answers(app, candidate, state))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/attempts/{state['id']}/result")
    scored = result(candidate, state["id"])
    assert scored["status"] == "finished" and scored["finish_reason"] == "submitted"
    assert scored["points"] == 4 and scored["max_points"] == 4
    stored = {i["id"]: i["response"] for i in scored["items"]}
    for item in state["items"]:  # stored exactly as the API stores a JavaScript save
        expected = correct_response(app, state["id"], item["id"])
        if item["type"] == "multiple":
            expected = {"choices": sorted(expected["choices"])}
        assert stored[item["id"]] == expected


def test_form_answer_replaces_an_older_autosaved_one(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    for item in state["items"]:
        saved = candidate.save(state["id"], item["id"], wrong_response(app, state["id"], item["id"]), seq=5)
        assert saved.status_code == 200
    assert submit_form(candidate, state["id"], form_answers(app, candidate, state)).status_code == 302
    assert result(candidate, state["id"])["points"] == 4


def test_items_the_form_leaves_empty_keep_their_autosaved_answers(app: Flask, candidate: Candidate) -> None:
    """No value posted (no radio chosen, no box ticked, a blank text box, no field) keeps what
    autosave stored: the form never wipes an answer."""
    state = candidate.start()
    for item in state["items"]:
        saved = candidate.save(state["id"], item["id"], correct_response(app, state["id"], item["id"]), seq=1)
        assert saved.status_code == 200
    blank = {f"item-{i['id']}": [""] for i in state["items"] if i["type"] == "short"}
    assert submit_form(candidate, state["id"], blank).status_code == 302
    assert result(candidate, state["id"])["points"] == 4


def test_an_invalid_form_value_is_refused_with_a_reason_and_nothing_is_finished(
        app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    by_type = {i["type"]: i["id"] for i in state["items"]}
    first = state["items"][0]
    good = correct_response(app, state["id"], first["id"])
    assert candidate.save(state["id"], first["id"], good, seq=1).status_code == 200
    bad_forms = [{"item-99": ["1"]}, {f"item-{first['id']}": ["x" * 300]}]
    for kind, values in [("single", ["9"]), ("single", ["1", "2"]), ("single", ["one"]), ("multiple", ["2", "2"]),
                         ("multiple", ["-1"]), ("ox", ["maybe"]), ("short", ["x" * 201]), ("short", ["a", "b"])]:
        if kind in by_type:
            bad_forms.append({f"item-{by_type[kind]}": values})
    for fields in bad_forms:
        # A valid answer of another item in the same form is not saved either.
        other = next(i for i in state["items"] if f"item-{i['id']}" not in fields)
        fields = {**fields, f"item-{other['id']}": form_values(
            other["type"], wrong_response(app, state["id"], other["id"]))}
        response = submit_form(candidate, state["id"], fields)
        assert response.status_code == 400, (fields, response.status_code)
        page = response.get_data(as_text=True)
        number = re.search(r"item-(\d+)", next(iter(fields))).group(1)
        assert f"{number}번:" in page, page
    now = candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()
    assert now["status"] == "open"
    assert now["responses"][str(first["id"])]["response"] == (
        {"choices": sorted(good["choices"])} if first["type"] == "multiple" else good)
    assert all(r["seq"] <= 1 for r in now["responses"].values())


def test_labeling_items_cannot_be_answered_by_the_form_and_the_page_says_so(candidate: Candidate) -> None:
    state = candidate.start("practice")
    page = candidate.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    notes = re.findall(r"<noscript>(.*?)</noscript>", page, flags=re.DOTALL)
    assert any("라벨링·검수 문제는 자바스크립트가 켜져 있어야 답할 수 있습니다" in n for n in notes)
    # ...and each labeling item says so itself.
    assert sum("이 문제는 자바스크립트가 켜져 있어야 풀 수 있습니다" in n for n in notes) == len(state["items"])
    response = submit_form(candidate, state["id"], {"item-1": ["1"]})
    assert response.status_code == 400
    assert "자바스크립트" in response.get_data(as_text=True)
    assert candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()["status"] == "open"
    # Without item fields (what a browser without JavaScript posts) it is submitted, unanswered.
    assert submit_form(candidate, state["id"], {}).status_code == 302
    assert result(candidate, state["id"])["points"] == 0


def test_a_finished_attempt_takes_no_more_form_answers(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    fields = form_answers(app, candidate, state)
    candidate.submit(state["id"])
    response = submit_form(candidate, state["id"], fields)
    assert response.status_code == 302
    assert result(candidate, state["id"])["points"] == 0
