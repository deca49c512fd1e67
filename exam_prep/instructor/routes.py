"""Instructor pages: the loaded bank at a glance, each question with its answer."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from ..auth import instructor_required
from ..extensions import db
from ..models import Attempt, BankLoad, Domain, ExamDefinition, QuestionVersion

bp = Blueprint("instructor", __name__, url_prefix="/instructor")


@bp.route("/")
@instructor_required
def index() -> str:
    counts = db.session.execute(
        select(QuestionVersion.level, QuestionVersion.domain, QuestionVersion.type, func.count())
        .where(QuestionVersion.is_current.is_(True))
        .group_by(QuestionVersion.level, QuestionVersion.domain, QuestionVersion.type)
        .order_by(QuestionVersion.level.desc(), QuestionVersion.domain, QuestionVersion.type)
    ).all()
    domains = {d.key: d.title for d in db.session.scalars(select(Domain))}
    loads = db.session.scalars(select(BankLoad).order_by(BankLoad.id.desc()).limit(5)).all()
    exams = db.session.scalars(select(ExamDefinition).order_by(ExamDefinition.position)).all()
    attempt_stats = db.session.execute(
        select(Attempt.exam_id, func.count(), func.avg(Attempt.percent))
        .where(Attempt.percent.is_not(None)).group_by(Attempt.exam_id)).all()
    return render_template("instructor/index.html", counts=counts, domains=domains, loads=loads,
                           exams=exams, attempt_stats=attempt_stats)


@bp.route("/questions")
@instructor_required
def question_list() -> str:
    query = select(QuestionVersion).where(QuestionVersion.is_current.is_(True))
    level = request.args.get("level", type=int)
    domain = request.args.get("domain")
    if level:
        query = query.where(QuestionVersion.level == level)
    if domain:
        query = query.where(QuestionVersion.domain == domain)
    versions = db.session.scalars(query.order_by(QuestionVersion.question_id)).all()
    return render_template("instructor/questions.html", versions=versions, level=level, domain=domain)
