"""What a question's history page shows: each recorded change with the difference between its
two versions, as lines of the bank's YAML, and every version that can be restored."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select

from ..authoring import service
from ..extensions import db
from ..models import QuestionVersion


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "remove", "same" or "gap" (lines left out between two parts)
    text: str


def version_text(payload: dict[str, Any] | None) -> str:
    """A question (a stored payload or a draft) as the bank's YAML would hold it, for reading and
    comparing: image paths rather than the stored image records, no empty tags."""
    if not payload:
        return ""
    return yaml.safe_dump(service.bank_shape(payload), allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)


def diff_lines(before: str, after: str, context: int = 2) -> list[DiffLine]:
    """The lines that changed from ``before`` to ``after``, with ``context`` lines around each."""
    lines: list[DiffLine] = []
    old, new = before.splitlines(), after.splitlines()
    for group in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", text) for text in old[i1:i2])
                continue
            lines.extend(DiffLine("remove", text) for text in old[i1:i2])
            lines.extend(DiffLine("add", text) for text in new[j1:j2])
    return lines


@dataclass(frozen=True)
class Entry:
    change: Any  # a QuestionChange
    before: QuestionVersion | None
    after: QuestionVersion | None
    diff: list[DiffLine]


def history_entries(question_id: str) -> list[Entry]:
    """The question's recorded changes, newest first, each with its diff."""
    entries = []
    for change in service.history(question_id):
        before, after = change.before, change.after
        diff = diff_lines(version_text(before.payload if before else None),
                          version_text(after.payload if after else None))
        entries.append(Entry(change, before, after, diff))
    return entries


def versions(question_id: str) -> list[QuestionVersion]:
    """Every version of the question, newest first."""
    return list(db.session.scalars(select(QuestionVersion).where(QuestionVersion.question_id == question_id)
                                   .order_by(QuestionVersion.version.desc())))
