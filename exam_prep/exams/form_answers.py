"""Submitting an attempt from the exam page's plain HTML form (a browser without JavaScript).

The page renders every theory item's inputs named ``item-<position>``, pre-filled with the saved
answer. Submitting posts them; the view reads them per position (taking/forms.posted_answers),
and each posted item becomes the same response the page's JavaScript
would send (the type's ``from_form``), checked by the type's ``parse_response`` and stored by the
same guarded save as the API (``lifecycle.save_response``), then the attempt is finished.

What "not posted" means: an item whose field carries no value (no radio button chosen, no box
ticked, a blank text box, or not in the form at all) keeps the answer already saved, e.g. by
autosave in another tab; the form never wipes an answer. Labeling and inspection items have no
such field: they need JavaScript. Every posted value is checked before anything is saved, so a
form with one bad value is refused whole (400) and the attempt stays open.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from .. import questions
from ..extensions import db
from ..models import STATUS_OPEN, Attempt, AttemptItem, QuestionVersion
from ..questions import registry
from ..questions.base import ResponseError
from ..timeutil import utcnow
from . import errors, lifecycle


def responses_from_form(attempt_id: int, posted: Mapping[int, list[str]],
                        now: datetime) -> dict[int, tuple[Any, int]]:
    """Checked responses of the posted items that hold an answer: position -> (response, seq).

    ``seq`` is newer than the item's stored one (and than any save the page's clock made), so
    the form's answer wins over what autosave stored before it, as a later save would."""
    if not posted:
        return {}
    rows = {row.position: row for row in db.session.execute(
        select(AttemptItem.position, AttemptItem.type, AttemptItem.option_order, AttemptItem.seq,
               QuestionVersion)
        .join(QuestionVersion, AttemptItem.question_version_id == QuestionVersion.id)
        .where(AttemptItem.attempt_id == attempt_id, AttemptItem.position.in_(posted)))}
    now_ms = int(now.replace(tzinfo=UTC).timestamp() * 1000)
    out = {}
    for position, values in sorted(posted.items()):
        row = rows.get(position)
        if row is None:
            raise errors.BadRequest(_("%(n)s번: 이 시험에 없는 문항입니다", n=position))
        qtype = questions.get(row.type)
        if not qtype.answers_by_form:
            raise errors.BadRequest(_("%(n)s번: 이 문항은 자바스크립트가 켜져 있어야 답할 수 있습니다", n=position))
        try:
            raw = qtype.from_form(values)
            response = None if raw is None else qtype.parse_response(
                raw, row.option_order, registry.model_of(row.QuestionVersion))
        except ResponseError as exc:
            raise errors.BadRequest(_("%(n)s번: %(reason)s", n=position, reason=str(exc))) from None
        if response is not None:
            out[position] = (response, max(row.seq + 1, now_ms))
    return out


def submit_form(user_id: int, attempt_id: int, posted: Mapping[int, list[str]],
                now: datetime | None = None) -> Attempt:
    """Save the form's answers (values posted per item position), then finish the attempt
    (idempotent, as the API's submit).

    An attempt already finished (a second submit, or time ran out) keeps its result: nothing
    posted is saved into it."""
    now = now or utcnow()
    attempt = lifecycle.load_attempt_for(user_id, attempt_id, now)
    if attempt.status != STATUS_OPEN:
        return attempt
    answers = responses_from_form(attempt.id, posted, now)
    try:
        for position, (response, seq) in answers.items():
            lifecycle.save_response(user_id, attempt.id, position, seq, response, now=now)
    except errors.AttemptClosed:
        pass  # finished meanwhile (a racing submit, the deadline): its stored result stands
    return lifecycle.finish_attempt(attempt.id, lifecycle.FINISH_SUBMITTED, now)
