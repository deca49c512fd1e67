"""The shapes practice sets take in pages and in the API.

Before an item is checked only its public view is sent (exams.presenters.public_item); its
result (answer, explanation, review figure) is added once checked and while the answer is
the one checked (service.is_checked).
"""
from __future__ import annotations

from typing import Any

from flask import render_template

from ..exams import presenters
from ..markdown import render as markdown
from ..models import Attempt, AttemptItem
from . import service


def result_view(review: dict[str, Any], tries: int) -> dict[str, Any]:
    """What the result area shows: the review's item, renamed so that its inputs (drawn
    disabled, as in the review) share no id or name with the item's own on the same page."""
    partial = not review["correct"] and bool(review["points"])
    return review | {"position": review["id"], "id": f"checked-{review['id']}", "tries": tries, "partial": partial}


def result_html(view: dict[str, Any]) -> str:
    return render_template("practice/_result.html", item=view, review=True)


def result_json(review: dict[str, Any], tries: int) -> dict[str, Any]:
    view = result_view(review, tries)
    figure = render_template(view["review_template"], item=view, review=True) if view["figure"] else ""
    return {
        "id": view["position"], "points": view["points"], "max_points": view["max_points"],
        "correct": view["correct"], "partial": view["partial"], "tries": tries,
        "answer": view["answer"], "explanation_html": str(markdown(view["explanation"])),
        "figure_html": figure, "html": result_html(view),
    }


def checked_results(items: list[AttemptItem]) -> dict[int, dict[str, Any]]:
    """Position -> review of each item checked (and not changed since)."""
    return {i.position: presenters.review_item(i) for i in items if service.is_checked(i)}


def practice_state(attempt: Attempt) -> dict[str, Any]:
    """The set as the API sends it: the attempt's public state plus the results of checked items."""
    state = presenters.attempt_state(attempt)
    items = service.items_of(attempt)
    tries = {i.position: i.tries for i in items}
    state.update({
        "mode": attempt.mode, "level": attempt.rules.get("level"), "criteria": attempt.rules.get("criteria"),
        "results": {str(p): result_json(r, tries[p]) for p, r in checked_results(items).items()},
    })
    for key in ("deadline", "seconds_left"):  # untimed
        state.pop(key, None)
    return state


def summary_json(summary: service.SetSummary) -> dict[str, Any]:
    return {
        "points": summary.points, "max_points": summary.max_points, "percent": summary.percent,
        "right": summary.right, "wrong": summary.wrong, "unanswered": summary.unanswered,
        "items": [{"id": i["id"], "type": i["type"], "domain": i["domain"], "question_id": i["question_id"],
                   "points": i["points"], "max_points": i["max_points"], "correct": i["correct"],
                   "answered": i["response"] is not None, "tries": i["tries"]} for i in summary.items],
    }
