"""What the labeling editor sections call while an instructor authors an exercise: upload an
image (JSON for the editor's script, or the plain form of the 이미지 page), draw on the material
with the candidate's own editor, preview an inspection task, import a reference from a COCO or
Label Studio export, and start an inspection task from an exercise.

Views only read the request; the work is exam_prep.authoring.uploads / labeling_drafts. Every
refusal is a 4xx with a Korean reason (JSON: {"error": ...}), never a 500.
"""
from __future__ import annotations

from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest
from wtforms import ValidationError

from ..auth import instructor_required
from ..authoring import labeling_drafts as drafts
from ..authoring import uploads
from ..bank import limits
from ..extensions import csrf
from ..questions import registry
from .blueprint import bp

# Form fields and multipart overhead around an upload, beyond the file itself.
UPLOAD_OVERHEAD = 256 * 1024


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _refuse(message: str, status: int = 400) -> Any:
    return jsonify(error=message), status


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest(_("요청 본문은 JSON 객체여야 합니다."))
    return body


def _labeling_type(name: Any) -> Any:
    if not isinstance(name, str) or not registry.is_registered(name) or registry.get(name).editor_template is None:
        raise drafts.DraftProblem(_("알 수 없는 문항 유형입니다."))
    return registry.get(name)


def _allow_upload(limit: int) -> None:
    """Raise this request's body cap (the site's is small) to one upload of ``limit`` bytes (a
    bigger body is refused with 413 before it is read), then check the CSRF token. The upload
    views are exempt from the site-wide check only because it reads the body first, under the
    site's cap: the same check runs here, after the cap is raised."""
    request.max_content_length = limit + UPLOAD_OVERHEAD
    try:
        csrf.validate(request.headers.get("X-CSRFToken") or request.form.get("csrf_token"))
    except ValidationError as exc:
        raise CSRFError(str(exc)) from None


def _uploaded_file() -> tuple[bytes, str]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise uploads.UploadRejected(_("올릴 파일을 골라 주세요."))
    return upload.read(), upload.filename


# --- images -------------------------------------------------------------------------------

@bp.route("/labeling/images", methods=["GET"])
@instructor_required
def labeling_images() -> str:
    return render_template("instructor/labeling_images.html", images=uploads.bank_images(),
                           licences=uploads.LICENCES, stored=request.args.get("stored"))


@bp.route("/labeling/images", methods=["POST"])
@instructor_required
def upload_image() -> Any:
    _allow_upload(limits.MAX_IMAGE_BYTES)
    licence = uploads.Licence(source=request.form.get("source", ""), licence=request.form.get("licence", ""),
                              note=request.form.get("note", ""))
    try:
        data, filename = _uploaded_file()
        path = uploads.store_image(data, filename, licence)
    except uploads.UploadRejected as exc:
        if _wants_json():
            return _refuse(str(exc))
        flash(str(exc), "error")
        return render_template("instructor/labeling_images.html", images=uploads.bank_images(),
                               licences=uploads.LICENCES, stored=None, form=request.form), 400
    if _wants_json():
        return jsonify(path=path), 201
    flash(_("이미지를 올렸습니다: %(path)s", path=path), "info")
    return redirect(url_for("instructor.labeling_images", stored=path), 303)


csrf.exempt(upload_image)


# --- the drawing canvas and the preview ---------------------------------------------------

@bp.route("/labeling/canvas", methods=["POST"])
@instructor_required
def labeling_canvas() -> Any:
    """The candidate's editor of a type, drawn on the draft's material with a reference shown:
    {"type", "material": {image | images, labels, skeleton, text, guide, ...}, "response": what
    the editor shows as drawn (the candidate's response shape)} → the editor's HTML and script."""
    body = _json_body()
    try:
        qtype = _labeling_type(body.get("type"))
        item = drafts.drawing_item(body.get("material"), uploads.bank_folder())
    except drafts.DraftProblem as exc:
        return _refuse(str(exc))
    response = body.get("response") if _drawable(body.get("response")) else None
    html = render_template("instructor/editor/labeling/_canvas.html", qtype=qtype, item=item,
                           saved={"response": response} if response else None)
    return jsonify(html=html, script=url_for("static", filename=qtype.script))


def _drawable(response: Any) -> bool:
    """A response the editor's template can show as drawn: {key: [objects, lists or text]}
    (the editor's script checks the items themselves)."""
    return isinstance(response, dict) and all(
        isinstance(value, list) and all(isinstance(entry, dict | list | str) for entry in value)
        for value in response.values())


@bp.route("/labeling/preview", methods=["POST"])
@instructor_required
def labeling_preview() -> Any:
    """A draft as the candidate sees it: {"type", "draft": the type's bank keys} → HTML."""
    body = _json_body()
    try:
        qtype = _labeling_type(body.get("type"))
        item = drafts.preview_item(qtype.name, body.get("draft"), uploads.bank_folder())
    except drafts.DraftProblem as exc:
        return _refuse(str(exc))
    html = render_template("instructor/editor/labeling/_canvas.html", qtype=qtype, item=item, saved=None)
    return jsonify(html=html, script=url_for("static", filename=qtype.script))


# --- importing a reference ----------------------------------------------------------------

@bp.route("/labeling/import", methods=["POST"])
@instructor_required
def import_reference() -> Any:
    """An export uploaded with the draft (multipart: file, kind, type, draft as JSON, choice):
    without a choice, the images or tasks in it; with one, that one's reference."""
    _allow_upload(limits.MAX_EXPORT_BYTES)
    kind = request.form.get("kind", "")
    choice = request.form.get("choice", "").strip()
    try:
        data, _name = _uploaded_file()
        exported = drafts.read_export(data)
        if not choice:
            return jsonify(choices=drafts.export_choices(kind, exported))
        qtype = _labeling_type(request.form.get("type"))
        draft = drafts.read_export(request.form.get("draft", "").encode("utf-8"))
        chosen: Any = int(choice) if choice.isascii() and choice.isdigit() and len(choice) < 10 else choice
        return jsonify(drafts.import_reference(qtype.name, draft, kind, exported, chosen, uploads.bank_folder()))
    except (uploads.UploadRejected, drafts.DraftProblem) as exc:
        return _refuse(str(exc))


csrf.exempt(import_reference)


# --- inspection tasks ---------------------------------------------------------------------

@bp.route("/labeling/inspectable", methods=["GET"])
@instructor_required
def inspectable_exercises() -> Any:
    return jsonify(exercises=drafts.inspectable_exercises())


@bp.route("/labeling/inspectable/<question_id>", methods=["GET"])
@instructor_required
def inspection_material(question_id: str) -> Any:
    try:
        return jsonify(drafts.inspection_material(question_id))
    except drafts.DraftProblem as exc:
        return _refuse(str(exc), 404)


# --- what the editor sections' templates ask ----------------------------------------------

@bp.app_template_global("labeling_bank_images")
def _bank_images() -> list[str]:
    return uploads.bank_images()


@bp.app_template_global("labeling_reference")
def _reference(type_name: str, question: Any) -> Any:
    return drafts.inline_reference(type_name, question, uploads.bank_folder())


@bp.app_template_global("labeling_keypoints_occluded")
def _keypoints_occluded() -> bool:
    return drafts.keypoints_have_occluded_option()


@bp.app_template_global("labeling_default_reasons")
def _default_reasons(task: str) -> list[str]:
    return drafts.default_reasons(task)


@bp.app_template_global("labeling_all_reasons")
def _all_reasons() -> tuple[str, ...]:
    return drafts.all_reasons()


@bp.app_template_global("labeling_task_names")
def _task_names() -> dict[str, str]:
    return {name: _(registry.get(name).label) for name in drafts.INSPECTABLE}
