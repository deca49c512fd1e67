"""What the notebook pages and the API show of an entry or a bookmark: the question as the
candidate saw it, and its answer only where earned (service.earned_versions)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import url_for

from .. import questions
from ..models import MODE_EXAM, AttemptItem, Bookmark, NotebookEntry, QuestionVersion
from ..questions import registry
from ..timeutil import iso, utcnow
from . import schedule, service


def question_view(key: int, version: QuestionVersion, earned: bool,
                  seen_in: AttemptItem | None = None) -> dict[str, Any]:
    """The question of ``version`` as the review draws it (options in bank order). Earned: with
    the answer and the explanation, and the candidate's response and scoring of ``seen_in`` when
    that item showed this very version (else as if unanswered). Not earned: the question alone."""
    model = registry.model_of(version)
    qtype = questions.get(version.type)
    item: dict[str, Any] = {
        "id": key, "type": version.type, **qtype.public(model, None),
        "template": qtype.template, "review_template": qtype.review_template,
        "in_bank_order": qtype.shuffles_options,
        "question_id": version.question_id, "question_version": version.version,
        "level": version.level, "domain": version.domain, "earned": earned,
    }
    if not earned:
        return item
    same = seen_in is not None and seen_in.question_version_id == version.id
    detail = (seen_in.detail if same else None) or qtype.score(model, None).detail
    item.update({
        "response": seen_in.response if same else None,
        "answer": qtype.answer(model), "explanation": model.explanation,
        "points": seen_in.points if same else None, "max_points": seen_in.max_points if same else None,
        "correct": False, "detail": detail or {},
    })
    item["figure"] = qtype.review_figure(model, item)
    return item


def missed_in(item: AttemptItem | None) -> dict[str, Any] | None:
    """Where the entry was last missed: the attempt, its title, and a link to that item's review."""
    if item is None:
        return None
    attempt = item.attempt
    is_exam = attempt.mode == MODE_EXAM
    if is_exam:
        url = url_for("review.result", attempt_id=attempt.id, _anchor=f"review-{item.position}")
    else:
        url = url_for("practice.take", attempt_id=attempt.id)
    return {"attempt": attempt.id, "item": item.position, "mode": attempt.mode, "exam": is_exam,
            "answered": item.response is not None,
            "title": attempt.rules.get("title", ""), "url": url}


def entry_views(user: Any, entries: list[NotebookEntry], now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or utcnow()
    earned = service.earned_versions(user, [e.version_id for e in entries])
    seen = service.missed_items(entries)
    views = []
    for entry in entries:
        seen_in = seen.get(entry.attempt_item_id) if entry.attempt_item_id else None
        view = question_view(entry.id, entry.version, entry.version_id in earned, seen_in)
        view["entry"] = entry
        view["due_days"] = schedule.days_until_due(entry, now)
        view["missed_in"] = missed_in(seen_in)
        views.append(view)
    return views


def bookmark_views(user: Any, bookmarks: list[Bookmark]) -> list[dict[str, Any]]:
    earned = service.earned_versions(user, [b.version_id for b in bookmarks])
    return [question_view(b.id, b.version, b.version_id in earned) | {"bookmark": b} for b in bookmarks]


# --- JSON ------------------------------------------------------------------------------


def _question_json(view: dict[str, Any]) -> dict[str, Any]:
    hidden = {"template", "review_template", "figure", "entry", "bookmark", "missed_in", "due_days", "earned",
              "id", "detail", "correct", "points", "max_points", "response"}
    return {k: v for k, v in view.items() if k not in hidden}


def entry_json(view: dict[str, Any]) -> dict[str, Any]:
    entry: NotebookEntry = view["entry"]
    return {
        "id": entry.id, "question_id": entry.question_id, "version": view["question_version"],
        "type": view["type"], "level": view["level"], "domain": view["domain"],
        "added_at": iso(entry.added_at), "missed_at": iso(entry.missed_at), "misses": entry.misses,
        "last_points": entry.last_points, "last_max_points": entry.last_max_points,
        "box": entry.box, "due_at": iso(entry.due_at), "due_in_days": view["due_days"],
        "right_days": entry.right_days, "cleared_at": iso(entry.cleared_at), "note": entry.note,
        "missed_in": {k: v for k, v in (view["missed_in"] or {}).items() if k not in ("exam", "answered")} or None,
        "earned": view["earned"], "question": _question_json(view),
    }


def bookmark_json(view: dict[str, Any]) -> dict[str, Any]:
    bookmark: Bookmark = view["bookmark"]
    return {"question_id": bookmark.question_id, "version": view["question_version"], "type": view["type"],
            "level": view["level"], "domain": view["domain"], "created_at": iso(bookmark.created_at),
            "earned": view["earned"], "question": _question_json(view)}
