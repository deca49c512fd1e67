"""What a load balancer asks of a host: can it reach the database, is a bank loaded, which
version runs. Cheap by design (an indexed count and two one-row reads), and no login."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import PROJECT_ROOT
from ..extensions import db
from ..models import BankLoad, QuestionVersion


@dataclass
class Health:
    problems: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def code_version() -> str:
    """EXAM_PREP_VERSION when the deployment sets it, else the git commit of the checkout (read
    once: the code of a running process does not change), else "unknown"."""
    if os.environ.get("EXAM_PREP_VERSION"):
        return os.environ["EXAM_PREP_VERSION"]
    git = PROJECT_ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()[:12]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:12]
    except OSError:
        pass
    return "unknown"


def check() -> Health:
    health = Health(report={"version": code_version()})
    try:
        schema = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        questions = db.session.scalar(select(func.count()).select_from(QuestionVersion)
                                      .where(QuestionVersion.is_current.is_(True)))
        last = db.session.execute(select(BankLoad.id, BankLoad.loaded_at)
                                  .order_by(BankLoad.id.desc()).limit(1)).first()
    except SQLAlchemyError as exc:
        db.session.rollback()
        health.problems.append("database")
        health.report.update(database="unreachable", error=type(exc).__name__)
        return health
    finally:
        db.session.close()  # give the connection back at once: this is polled every few seconds
    health.report.update(database="ok", schema=schema)
    if not questions:
        health.problems.append("bank")
        health.report["bank"] = {"status": "empty", "questions": 0}
    else:
        health.report["bank"] = {"status": "loaded", "questions": questions,
                                 "load": last.id if last else None,
                                 "loaded_at": last.loaded_at.isoformat() + "Z" if last else None}
    return health
