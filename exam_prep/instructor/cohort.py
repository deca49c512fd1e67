"""The cohort page: candidates with their attempts per exam, pass rates per exam, share right per
domain; and the same candidates as a CSV file for a spreadsheet."""
from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth import instructor_required
from ..extensions import db
from ..item_analysis import cohort
from ..jinja import local_time
from ..models import ExamDefinition
from .blueprint import bp


def _exam_filter() -> str | None:
    exam_id = request.args.get("exam") or None
    if exam_id is not None and db.session.get(ExamDefinition, exam_id) is None:
        abort(400)
    return exam_id


@bp.route("/cohort")
@instructor_required
def cohort_page() -> str:
    exam_id = _exam_filter()
    search = (request.args.get("q") or "").strip()[:40]
    found = cohort.candidate_page(request.args.get("page", 1, type=int) or 1, search, exam_id)
    exams = db.session.scalars(select(ExamDefinition).order_by(ExamDefinition.position)).all()
    return render_template("instructor/cohort.html", found=found, search=search, exam_id=exam_id,
                           exams=exams, titles={e.id: e.title for e in exams},
                           pass_rates=cohort.pass_rates(), domains=cohort.domain_shares(exam_id))


def _yes_no(value: bool) -> str:
    return _("합격") if value else _("불합격")


@bp.route("/cohort.csv")
@instructor_required
def cohort_csv() -> Response:
    exam_id = _exam_filter()
    titles = {e.id: e.title for e in db.session.scalars(select(ExamDefinition))}
    header = [_("아이디"), _("계정 상태"), _("시험"), _("응시 횟수"), _("최고 점수"), _("마지막 점수"),
              _("합격 여부"), _("마지막 응시 (한국 시간)")]
    rows = (
        [user.username, _("사용 중") if user.active else _("사용 중지"),
         titles.get(record.exam_id, record.exam_id) if record else "", record.attempts if record else 0,
         record.best if record else "", record.last if record else "",
         _yes_no(record.passed) if record else "", local_time(record.last_at) if record else ""]
        for user, record in cohort.cohort_rows(exam_id))
    name = f"cohort-{exam_id}.csv" if exam_id else "cohort.csv"
    return Response(cohort.csv_text(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
