"""The question editor: new, edit, duplicate, retire, the live preview, history and restore.

Views only read the request and render; the bank's checks and every write are the authoring
service's (exam_prep.authoring.service), which checks a draft exactly as `bank check` does and
writes the YAML file, guarded by the hash of the version the instructor opened.
"""
from __future__ import annotations

from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth import instructor_required
from ..authoring import service
from ..bank.loader import validate_question
from ..errors import error_response
from ..extensions import db
from ..models import Domain, QuestionVersion
from ..questions import registry
from . import changes, editor_form, question_search
from .as_candidate import answered_item, preview_item
from .blueprint import bp
from .editor_form import TOP

PREVIEW, SAVE = "preview", "save"
bp.add_app_template_filter(changes.version_text, "version_yaml")


def _refuse(message: str, status: int = 400) -> None:
    """End the request with the error page saying why (a 4xx with its Korean reason)."""
    abort(make_response(error_response(status, message)))


def _type_or_400(name: str | None) -> Any:
    if not name or not registry.is_registered(name):
        _refuse(_("알 수 없는 문항 유형입니다."))
    qtype = registry.get(name)
    if qtype.editor_template is None:
        _refuse(_("이 유형은 아직 웹에서 만들 수 없습니다."))
    return qtype


def _current_or_404(question_id: str) -> QuestionVersion:
    version = question_search.latest_version(question_id)
    if version is None:
        abort(404)
    return version


def _messages(found: list[Any]) -> list[str]:
    """Lint warnings as the page lists them: a FieldProblem's message, or a stored "path:line: message"."""
    return [p.message if isinstance(p, service.FieldProblem) else str(p) for p in found]


def _editor(qtype: Any, question: dict[str, Any], *, mode: str, action: str, base_hash: str | None,
            file: str | None = None, problems: list[Any] = (), warnings: list[Any] = (),
            preview: dict[str, Any] | None = None, status: int = 200) -> tuple[str, int]:
    shown = editor_form.problems_by_field(problems, qtype.name)
    if mode == "edit" and not file:
        found = service.locate(question["id"])
        file = found.file if found else None
    files = [(f, f) for f in service.bank_files()]
    chosen = file or ""  # "": the file default_file names for the question as saved
    if chosen and chosen not in dict(files):
        files.append((chosen, chosen))
    domains = [(d.key, d.title) for d in db.session.scalars(select(Domain).order_by(Domain.key))]
    page = render_template("instructor/editor.html", qtype=qtype, question=question, mode=mode, action=action,
                           base_hash=base_hash, files=files, file=chosen, domains=domains,
                           problems={k: v for k, v in shown.items() if k != TOP},
                           top_problems=shown.get(TOP, []), warnings=_messages(list(warnings)),
                           preview=preview)
    return page, status


def _preview(draft: dict[str, Any], replacing: str | None) -> dict[str, Any]:
    """What the preview shows of a draft: its problems, or the item on the exam page and in the
    review, with the lint's warnings."""
    problems = service.check_draft(draft, replacing=replacing)
    if problems:
        return {"problems": [p.message for p in problems]}
    model, _errors = validate_question(service.bank_shape(draft), {"folder": service.bank_folder(), "cache": {}})
    return {"item": preview_item(draft["type"], model), "answered": answered_item(draft["type"], model),
            "warnings": _messages(service.lint_draft(draft, replacing=replacing))}


def _submitted(qtype: Any, question_id: str | None, *, mode: str, action: str) -> Any:
    """The editor's POST: the preview button re-renders with the preview; the save button checks
    the draft (problems: the form again, 400), saves it (a conflict: 409) and shows the question."""
    draft = editor_form.draft_from_form(request.form, qtype.name, question_id)
    base_hash = request.form.get("base_hash") or None
    file = request.form.get("file") or None
    replacing = question_id if mode == "edit" else None
    if mode == "edit" and base_hash is None:
        _refuse(_("어느 버전을 고친 것인지 알 수 없습니다. 문항을 다시 열어 고쳐 주세요."))
    if request.form.get("action", SAVE) == PREVIEW:
        return _editor(qtype, draft, mode=mode, action=action, base_hash=base_hash, file=file,
                       preview=_preview(draft, replacing))
    problems = service.check_draft(draft, replacing=replacing)
    if problems:
        return _editor(qtype, draft, mode=mode, action=action, base_hash=base_hash, file=file,
                       problems=problems, status=400)
    try:
        service.save_question(current_user, draft, file=file, base_hash=base_hash)
    except service.DraftInvalid as exc:  # the bank changed between the check and the save
        return _editor(qtype, draft, mode=mode, action=action, base_hash=base_hash, file=file,
                       problems=exc.problems, status=400)
    except service.EditConflict as exc:
        return _conflict(draft["id"], exc, draft)
    flash(_("문항 %(id)s을 저장했습니다.", id=draft["id"]), "success")
    return redirect(url_for("instructor.question_page", question_id=draft["id"]))


def _conflict(question_id: str, conflict: Any, draft: dict[str, Any] | None = None) -> tuple[str, int]:
    """The 409 page: someone else changed the question first; it shows the version now saved."""
    version = question_search.latest_version(question_id)
    return render_template("instructor/conflict.html", question_id=question_id, version=version,
                           reason=conflict.message,
                           draft_text=changes.version_text(draft) if draft else None), 409


@bp.route("/questions/new", methods=["GET", "POST"])
@instructor_required
def new_question() -> Any:
    type_name = request.form.get("type") if request.method == "POST" else request.args.get("type")
    if request.method == "GET" and not type_name:
        types = [registry.get(t) for t in registry.names() if registry.get(t).editor_template]
        return render_template("instructor/new_question.html", theory=[t.name for t in types if t.theory],
                               practical=[t.name for t in types if not t.theory])
    qtype = _type_or_400(type_name)
    action = url_for("instructor.new_question")
    if request.method == "POST":
        return _submitted(qtype, None, mode="new", action=action)
    question = {"id": "", "type": qtype.name, "level": 2}
    return _editor(qtype, question, mode="new", action=action, base_hash=None)


@bp.route("/questions/<question_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_question(question_id: str) -> Any:
    version = _current_or_404(question_id)
    if not version.is_current:
        flash(_("사용 중지된 문항은 고칠 수 없습니다. 변경 이력에서 되돌린 뒤 고쳐 주세요."), "error")
        return redirect(url_for("instructor.question_page", question_id=question_id))
    qtype = _type_or_400(version.type)
    action = url_for("instructor.edit_question", question_id=question_id)
    if request.method == "POST":
        return _submitted(qtype, question_id, mode="edit", action=action)
    question = service.bank_shape(version.payload)
    found = service.locate(question_id, version.source_path)
    return _editor(qtype, question, mode="edit", action=action, base_hash=version.content_hash,
                   file=found.file if found else None, warnings=version.lint or [])


@bp.route("/questions/<question_id>/duplicate")
@instructor_required
def duplicate_question(question_id: str) -> Any:
    version = _current_or_404(question_id)
    qtype = _type_or_400(version.type)
    question = {**service.bank_shape(version.payload), "id": question_search.suggest_copy_id(question_id)}
    found = service.locate(question_id, version.source_path)
    return _editor(qtype, question, mode="new", action=url_for("instructor.new_question"), base_hash=None,
                   file=found.file if found else None)


@bp.route("/questions/<question_id>/retire", methods=["POST"])
@instructor_required
def retire_question(question_id: str) -> Any:
    _current_or_404(question_id)
    try:
        service.retire_question(current_user, question_id, base_hash=request.form.get("base_hash", ""))
    except service.EditConflict as exc:
        return _conflict(question_id, exc)
    except service.DraftInvalid as exc:  # its bank file cannot be edited (says where and why)
        flash(_("사용 중지하지 못했습니다: %(why)s", why=" / ".join(_messages(exc.problems))), "error")
        return redirect(url_for("instructor.question_page", question_id=question_id))
    flash(_("문항 %(id)s을 사용 중지했습니다. 다음 시험부터 나오지 않습니다.", id=question_id), "success")
    return redirect(url_for("instructor.question_page", question_id=question_id))


@bp.route("/questions/preview", methods=["POST"])
@instructor_required
def preview_question() -> Any:
    """The live preview of the draft the editor posts (its form, as a fetch): an HTML fragment."""
    qtype = _type_or_400(request.form.get("type"))
    replacing = request.form.get("replacing") or None  # the id of the question being edited
    draft = editor_form.draft_from_form(request.form, qtype.name)
    return render_template("instructor/editor/_preview.html", preview=_preview(draft, replacing))


@bp.route("/questions/<question_id>/history")
@instructor_required
def question_history(question_id: str) -> Any:
    version = _current_or_404(question_id)
    return render_template("instructor/history.html", version=version,
                           entries=changes.history_entries(question_id), versions=changes.versions(question_id))


@bp.route("/questions/<question_id>/history/<int:number>/restore", methods=["POST"])
@instructor_required
def restore_question(question_id: str, number: int) -> Any:
    _current_or_404(question_id)
    if question_search.version_of(question_id, number) is None:
        abort(404)
    try:
        service.restore_version(current_user, question_id, number, base_hash=request.form.get("base_hash") or None)
    except service.EditConflict as exc:
        return _conflict(question_id, exc)
    except service.DraftInvalid as exc:
        flash(_("이 버전은 지금의 문제은행 검사를 통과하지 못해 되돌릴 수 없습니다: %(why)s",
                why=" / ".join(_messages(exc.problems))), "error")
        return redirect(url_for("instructor.question_history", question_id=question_id))
    flash(_("문항 %(id)s을 버전 %(n)s의 내용으로 되돌렸습니다.", id=question_id, n=number), "success")
    return redirect(url_for("instructor.question_page", question_id=question_id))
