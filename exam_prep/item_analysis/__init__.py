"""Item analysis for instructors: how every question performs (facility, discrimination, option
choices: items.py on statistics.py), what candidates miss in labeling exercises (labeling.py) and
overlook in inspections (inspection.py), and the cohort of candidates (cohort.py).

Everything here reads finished, scored attempts and never scores again; a question is analysed
per version (a changed question is a new version, see items.py).
"""
from __future__ import annotations

from sqlalchemy import select

from .. import questions
from ..extensions import db
from ..models import FINISHED_MOCK_EXAM, Attempt, AttemptItem, QuestionVersion
from . import inspection, labeling


def exercise_figures(version: QuestionVersion) -> labeling.LabelingFigures | inspection.InspectionFigures | None:
    """The labeling or inspection figures of a version (None for a theory question or when no
    finished attempt has it). Which applies is read from the detail its scorer stored."""
    if questions.get(version.type).theory:
        return None
    detail = db.session.scalar(
        select(AttemptItem.detail).join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.question_version_id == version.id, FINISHED_MOCK_EXAM,
               AttemptItem.points.is_not(None)).limit(1))
    if detail is None:
        return None
    if "missed_objects" in detail:
        return inspection.analyse(version)
    return labeling.analyse(version)
