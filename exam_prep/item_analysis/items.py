"""Facility, discrimination and option choices of every question version, read from the scored
items of finished attempts (formulas: item_analysis.statistics).

Figures are per question *version*: a changed question is a new version, and mixing the answers
to an old wording with the new one would blur exactly what an instructor wants to see. Each
finished attempt that drew the version is one observation; the rest-of-test score of that attempt
is computed in SQL (the attempt's points and maximum without this item), and the rows are streamed
one version at a time, never loading attempts or items as objects.

Choice options are counted in the bank's numbering: a stored response holds bank option numbers
(``{"choice": n}`` / ``{"choices": [..]}``, exam_prep/questions/choice.py), whatever order the
options were shown in (AttemptItem.option_order).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, case, func, null, select

from .. import questions
from ..extensions import db
from ..models import FINISHED_MOCK_EXAM, Attempt, AttemptItem, QuestionVersion
from ..questions import registry
from . import statistics
from .statistics import Observation

#: Fewer scored attempts than this and a version's figures are not shown (too noisy to act on).
MIN_ATTEMPTS = 5
FLAG_NEGATIVE = "negative"          # discrimination (D or r) below zero
FLAG_KEY_REJECTED = "key_rejected"  # the upper group picks a distractor more often than a key


@dataclass(frozen=True)
class OptionFigures:
    number: int          # bank option number (1-based)
    text: str
    is_key: bool
    picked: int          # attempts that picked it
    share: float         # picked / attempts
    upper: int           # picks in the upper group
    lower: int           # picks in the lower group


@dataclass
class ItemFigures:
    version_id: int
    attempts: int
    facility: float | None
    discrimination: float | None
    point_biserial: float | None
    group_size: int
    options: list[OptionFigures] | None = None
    unanswered: int = 0
    flags: list[str] = field(default_factory=list)
    version: QuestionVersion | None = None


def choice_types() -> list[str]:
    """Types whose options the exam may shuffle: the ones with numbered options to count."""
    return [name for name in questions.names() if questions.get(name).shuffles_options]


def chosen(response: Any) -> list[int]:
    """Bank option numbers a stored choice response (or answer) picks."""
    if not isinstance(response, dict):
        return []
    if isinstance(response.get("choice"), int):
        return [response["choice"]]
    return [n for n in response.get("choices") or [] if isinstance(n, int)]


def _rows(version_ids: Iterable[int] | None = None) -> Select:
    """(version id, attempt id, points, max points, rest points, rest max, choice response) of
    every scored item of a finished attempt, ordered by version then attempt."""
    totals = (select(AttemptItem.attempt_id, func.sum(AttemptItem.points).label("total"),
                     func.sum(AttemptItem.max_points).label("total_max"))
              .join(Attempt, Attempt.id == AttemptItem.attempt_id)
              .where(FINISHED_MOCK_EXAM, AttemptItem.points.is_not(None))
              .group_by(AttemptItem.attempt_id))
    if version_ids is not None:
        containing = select(AttemptItem.attempt_id).where(AttemptItem.question_version_id.in_(list(version_ids)))
        totals = totals.where(AttemptItem.attempt_id.in_(containing))
    totals = totals.subquery()
    kinds = choice_types()
    response = (case((AttemptItem.type.in_(kinds), AttemptItem.response), else_=null())
                if kinds else null())
    query = (select(AttemptItem.question_version_id, AttemptItem.attempt_id, AttemptItem.points,
                    AttemptItem.max_points, (totals.c.total - AttemptItem.points).label("rest"),
                    (totals.c.total_max - AttemptItem.max_points).label("rest_max"), response.label("response"))
             .join(totals, totals.c.attempt_id == AttemptItem.attempt_id)
             .where(AttemptItem.points.is_not(None))
             .order_by(AttemptItem.question_version_id, AttemptItem.attempt_id))
    if version_ids is not None:
        query = query.where(AttemptItem.question_version_id.in_(list(version_ids)))
    return query


def _observations(rows: Iterable[Any]) -> list[Observation]:
    return [Observation(float(points / max_points) if max_points else 0.0,
                        float(rest / rest_max) if rest_max else 0.0, response)
            for _, _, points, max_points, rest, rest_max, response in rows]


def _observations_by_version(version_ids: Iterable[int] | None = None) -> Iterator[tuple[int, list[Observation]]]:
    # Plain rows of the connection (no ORM loading): this reads every scored item.
    rows = db.session.connection().execution_options(yield_per=5000).execute(_rows(version_ids))
    for version_id, group in groupby(rows, key=itemgetter(0)):
        yield version_id, _observations(group)


def _figures(version_id: int, observations: list[Observation]) -> ItemFigures:
    return ItemFigures(
        version_id=version_id, attempts=len(observations),
        facility=statistics.facility(observations),
        discrimination=statistics.discrimination(observations),
        point_biserial=statistics.point_biserial(observations),
        group_size=statistics.group_size(len(observations)),
    )


def option_figures(model: Any, observations: list[Observation]) -> list[OptionFigures]:
    """How often each option was picked, overall and in the upper and lower groups."""
    keys = set(chosen(questions.get(model.type).answer(model)))
    upper, lower = statistics.upper_lower(observations)
    n = len(observations) or 1

    def picks(group: list[Observation]) -> Counter[int]:
        return Counter(number for o in group for number in chosen(o.key))

    overall, high, low = picks(observations), picks(upper), picks(lower)
    return [OptionFigures(number=number, text=text, is_key=number in keys, picked=overall[number],
                          share=overall[number] / n, upper=high[number], lower=low[number])
            for number, text in enumerate(model.options, start=1)]


def key_rejected(options: list[OptionFigures]) -> bool:
    """The upper group picks some distractor more often than some key option."""
    keys = [o.upper for o in options if o.is_key]
    distractors = [o.upper for o in options if not o.is_key]
    return bool(keys and distractors) and max(distractors) > min(keys)


def _flag(figures: ItemFigures) -> None:
    if any(v is not None and v < 0 for v in (figures.discrimination, figures.point_biserial)):
        figures.flags.append(FLAG_NEGATIVE)
    if figures.options and key_rejected(figures.options):
        figures.flags.append(FLAG_KEY_REJECTED)


def _with_options(figures: ItemFigures, version: QuestionVersion, observations: list[Observation]) -> None:
    figures.version = version
    if version.type in choice_types():
        figures.unanswered = sum(1 for o in observations if o.key is None)
        figures.options = option_figures(registry.model_of(version), observations)


@dataclass
class Analysis:
    items: list[ItemFigures]   # versions with at least MIN_ATTEMPTS scored attempts
    too_few: int               # versions attempted, but fewer times than that
    min_attempts: int = MIN_ATTEMPTS


def analyse(level: int | None = None, type_name: str | None = None, flagged_only: bool = False) -> Analysis:
    """Figures of every question version with enough scored attempts, by question id and version."""
    with_options = set(db.session.scalars(select(QuestionVersion.id).where(QuestionVersion.type.in_(choice_types()))))
    pending: dict[int, tuple[ItemFigures, list[Observation]]] = {}
    too_few = 0
    for version_id, observations in _observations_by_version():
        if len(observations) < MIN_ATTEMPTS:
            too_few += 1
            continue
        # Only choice versions need their responses after this (the option counts).
        pending[version_id] = (_figures(version_id, observations),
                               observations if version_id in with_options else [])
    query = select(QuestionVersion).where(QuestionVersion.id.in_(list(pending)))
    if level:
        query = query.where(QuestionVersion.level == level)
    if type_name:
        query = query.where(QuestionVersion.type == type_name)
    items = []
    for version in db.session.scalars(query.order_by(QuestionVersion.question_id, QuestionVersion.version)):
        figures, observations = pending[version.id]
        _with_options(figures, version, observations)
        _flag(figures)
        if figures.flags or not flagged_only:
            items.append(figures)
    return Analysis(items, too_few)


def analyse_version(version: QuestionVersion) -> ItemFigures:
    """The figures of one version (shown whatever the number of attempts; the page says it)."""
    observations = next((obs for _, obs in _observations_by_version([version.id])), [])
    figures = _figures(version.id, observations)
    _with_options(figures, version, observations)
    _flag(figures)
    return figures


WRONG_ANSWERS_SHOWN = 5


def answer_text(response: Any) -> str:
    """A stored one-value response as a teacher reads it: O / X, the typed text, else its JSON."""
    if isinstance(response, dict) and len(response) == 1:
        (value,) = response.values()
        if isinstance(value, bool):
            return "O" if value else "X"
        if isinstance(value, str):
            return value
    return json.dumps(response, ensure_ascii=False, sort_keys=True)


def frequent_wrong_answers(version: QuestionVersion) -> list[tuple[str, int]]:
    """The most frequent answers that did not earn full marks, for a theory question without
    numbered options (an O/X or a short answer: a missing accepted spelling shows up here)."""
    qtype = questions.get(version.type)
    if not qtype.theory or qtype.shuffles_options:
        return []
    rows = db.session.connection().execute(
        select(AttemptItem.response).join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.question_version_id == version.id, FINISHED_MOCK_EXAM,
               AttemptItem.response.is_not(None), AttemptItem.points < AttemptItem.max_points))
    counts = Counter(answer_text(response) for (response,) in rows if response is not None)
    return counts.most_common(WRONG_ANSWERS_SHOWN)
