"""The bank as a zip: export (all or a filtered part) and import (all or nothing), at
/instructor/bank. Thin views over authoring.bank_zip; registered on the instructor blueprint."""
from __future__ import annotations

from typing import Any

from flask import Response, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.validators import ValidationError

from ..auth import instructor_required
from ..authoring import bank_zip
from ..bank import limits
from ..extensions import csrf, db
from ..models import Domain
from ..questions import registry
from .blueprint import bp

EXPORT_NAME = "question_bank.zip"
# Form fields and multipart framing around the zip itself.
UPLOAD_OVERHEAD = 64 * 1024


def _page(status: int = 200, **context: Any) -> tuple[str, int]:
    domains = db.session.scalars(select(Domain).order_by(Domain.key)).all()
    return render_template("instructor/bank_io.html", domains=domains, type_names=registry.names(),
                           max_size=limits.size_text(bank_zip.MAX_ZIP_BYTES), **context), status


@bp.route("/bank", methods=["GET"])
@instructor_required
def bank_page() -> Any:
    return _page()


def _export_filters() -> tuple[int | None, str | None, list[str]]:
    """The filters of the export form; an unknown value is a 400 with a Korean reason."""
    level_text = request.form.get("level", "")
    if level_text not in ("", "1", "2"):
        raise ValueError(_("급은 1급 또는 2급이어야 합니다."))
    domain = request.form.get("domain") or None
    if domain is not None and db.session.get(Domain, domain) is None:
        raise ValueError(_("알 수 없는 영역입니다."))
    types = [name for name in request.form.getlist("type") if name]
    if any(not registry.is_registered(name) for name in types):
        raise ValueError(_("알 수 없는 문항 유형입니다."))
    return (int(level_text) if level_text else None), domain, types


@bp.route("/bank/export", methods=["POST"])
@instructor_required
def bank_export() -> Any:
    try:
        level, domain, types = _export_filters()
    except ValueError as exc:
        return _page(400, export_error=str(exc))
    try:
        data = bank_zip.export_zip(level=level, domain=domain, types=types or None)
    except bank_zip.NothingToExport:
        return _page(400, export_error=_("조건에 맞는 문항이 없습니다. 조건을 바꿔 보세요."))
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{EXPORT_NAME}"',
                             "Cache-Control": "no-store"})


@bp.route("/bank/import", methods=["POST"])
@instructor_required
@csrf.exempt  # checked below, once this request may carry a zip bigger than the site's body cap
def bank_import() -> Any:
    request.max_content_length = bank_zip.MAX_ZIP_BYTES + UPLOAD_OVERHEAD
    too_big = _("올린 파일이 너무 큽니다 (최대 %(size)s).", size=limits.size_text(bank_zip.MAX_ZIP_BYTES))
    try:
        token = request.form.get("csrf_token")
        upload = request.files.get("bank_zip")
    except RequestEntityTooLarge:
        return _page(413, import_problems=[too_big])
    try:
        csrf.validate(token)
    except ValidationError:
        raise CSRFError(_("보안 토큰(CSRF)이 없거나 만료되었습니다.")) from None
    if upload is None or not upload.filename:
        return _page(400, import_problems=[_("올릴 zip 파일을 골라 주세요.")])
    data = upload.stream.read(bank_zip.MAX_ZIP_BYTES + 1)
    if len(data) > bank_zip.MAX_ZIP_BYTES:
        return _page(413, import_problems=[too_big])
    try:
        report = bank_zip.import_zip(current_user, data)
    except bank_zip.ImportInvalid as exc:
        return _page(400, import_problems=exc.problems)
    current_app.logger.info("Bank import by %s: %s files, %s added, %s changed", current_user.username,
                            len(report.files), len(report.added), len(report.changed))
    return _page(report=report)
