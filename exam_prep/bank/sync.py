"""Load a validated bank into the database, in one transaction.

A question whose content changed gets a new immutable version; questions gone from the bank are
retired (no longer drawn) but kept, because past attempts point at them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from ..extensions import db
from ..media import MediaError, store
from ..models import BankLoad, Domain, ExamDefinition, QuestionVersion
from . import ranks
from .fingerprint import fingerprint
from .lint import lint_by_question
from .loader import Bank, BankError, BankQuestion, Problem, load_bank
from .locking import folder_lock


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    changed: int = 0
    retired: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (f"새 문항 {self.added}개, 바뀐 문항 {self.changed}개, "
                f"빠진 문항 {self.retired}개, 그대로 {self.unchanged}개")


def content_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


ADDED, CHANGED, UNCHANGED = "added", "changed", "unchanged"


def sync_question(folder: Path, q: BankQuestion, latest: QuestionVersion | None,
                  place_in_pool: bool = True) -> tuple[QuestionVersion, str]:
    """Bring one question's versions up to date with the bank (``latest``: its newest version,
    or None): the same content makes that version current again, new content a new current
    version, given its place in its pool (unless ``place_in_pool`` is False: sync_bank numbers
    every pool at the end). Returns the current version and ADDED, CHANGED or UNCHANGED. Does
    not commit."""
    payload = q.payload()
    try:
        store(folder, payload)
    except MediaError as exc:  # the file changed since it was checked, or a forged payload
        line = q.key_lines.get("image", q.key_lines.get("images", q.line))
        raise BankError([Problem(q.path, line, str(exc))]) from None
    digest = content_hash(payload)
    was_current = latest is not None and latest.is_current
    if latest is not None and latest.content_hash == digest:
        if not latest.is_current:
            latest.is_current = True
        latest.source_path = q.path
        if place_in_pool:
            ranks.place(latest, latest, was_current)
        return latest, UNCHANGED
    if latest is not None:
        latest.is_current = False
    version = QuestionVersion(
        question_id=q.id,
        version=(latest.version + 1) if latest else 1,
        type=q.schema.type,
        level=q.schema.level,
        domain=q.schema.domain,
        difficulty=q.schema.difficulty,
        content_hash=digest,
        payload=payload,
        source_path=q.path,
        is_current=True,
    )
    db.session.add(version)
    if place_in_pool:
        ranks.place(version, latest, was_current)
    return version, (CHANGED if latest is not None else ADDED)


def sync_bank(bank: Bank, read: str | None = None) -> SyncReport:
    """Load a checked bank; ``read``: the fingerprint of what was read, kept with the load."""
    added = changed = unchanged = 0
    latest: dict[str, QuestionVersion] = {}
    for version in db.session.scalars(select(QuestionVersion).order_by(QuestionVersion.version)):
        latest[version.question_id] = version  # ordered by version, so the last one wins

    in_bank: set[str] = set()
    warnings = lint_by_question(bank)  # `bank check --lint` per question, kept on its version
    for q in bank.questions:
        in_bank.add(q.id)
        version, outcome = sync_question(bank.folder, q, latest.get(q.id), place_in_pool=False)
        version.lint = warnings.get(q.id, [])
        if outcome == ADDED:
            added += 1
        elif outcome == CHANGED:
            changed += 1
        else:
            unchanged += 1
    gone = [qid for qid, v in latest.items() if qid not in in_bank and v.is_current]
    if gone:
        db.session.execute(update(QuestionVersion).where(QuestionVersion.question_id.in_(gone))
                           .values(is_current=False))
    ranks.rank_pools()

    for key, title in bank.domains.items():
        db.session.merge(Domain(key=key, title=title))
    bank_exam_ids = set()
    for position, exam in enumerate(bank.exams):
        bank_exam_ids.add(exam.id)
        db.session.merge(ExamDefinition(
            id=exam.id, title=exam.title, level=exam.level, position=position,
            definition=exam.model_dump(mode="json", by_alias=True), is_active=True,
        ))
    db.session.execute(update(ExamDefinition).where(ExamDefinition.id.not_in(bank_exam_ids))
                       .values(is_active=False))
    report = SyncReport(added, changed, len(gone), unchanged)
    db.session.add(BankLoad(folder=str(bank.folder), added=added, changed=changed,
                            retired=len(gone), unchanged=unchanged, fingerprint=read))
    db.session.commit()
    return report


def load_folder(folder: str, unless_loaded: bool = False) -> SyncReport | None:
    """Validate the folder and load it; raises BankError (and changes nothing) when invalid.
    Holds the bank folder's lock, so an instructor's save or import never runs in between.
    With ``unless_loaded`` (the site's start), a folder whose fingerprint is the last load's
    (same folder, same files, same code) is not read again: returns None."""
    if not Path(folder).is_dir():
        load_bank(folder)  # reports the missing folder
    with folder_lock(Path(folder)):
        seen = fingerprint(Path(folder))
        if unless_loaded and last_fingerprint(folder) == seen:
            return None
        bank = load_bank(folder)
        try:
            return sync_bank(bank, seen)
        except Exception:
            db.session.rollback()
            raise


def last_fingerprint(folder: str) -> str | None:
    """The fingerprint of the last load, if that load was of ``folder``."""
    last = db.session.execute(select(BankLoad.folder, BankLoad.fingerprint)
                              .order_by(BankLoad.id.desc()).limit(1)).first()
    return last.fingerprint if last is not None and last.folder == str(Path(folder)) else None
