"""The question list (searchable, filtered, paginated) and the page of one question."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from ..auth import instructor_required
from ..authoring import service
from ..extensions import db
from ..models import Domain
from ..questions import registry
from . import question_search
from .as_candidate import shown_version
from .blueprint import bp
from .question_search import QuestionFilter


def _number(value: str | None, allowed: range) -> int | None:
    return int(value) if value and value.isdigit() and int(value) in allowed else None


def filter_from_args(args: MultiDict) -> QuestionFilter:
    """The list's filter as the search form sends it; values it cannot mean are ignored."""
    type_name = args.get("type", "")
    status = args.get("status", "current")
    return QuestionFilter(
        text=args.get("q", "").strip()[:question_search.MAX_TEXT],
        level=_number(args.get("level"), range(1, 3)),
        domain=args.get("domain", "")[:60],
        type=type_name if registry.is_registered(type_name) else "",
        difficulty=_number(args.get("difficulty"), range(0, 4)),
        lint_only=args.get("lint") == "1",
        status=status if status in question_search.STATUSES else "current",
    )


def _page_url(args: MultiDict, page: int) -> str:
    kept = {k: v for k, v in args.items() if k != "page" and v}
    return url_for("instructor.question_list", **kept, page=page)


def page_numbers(page: int, pages: int, around: int = 2) -> list[int]:
    """The page links to show: the first, the last, and those around the current page."""
    return sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})


@bp.route("/questions")
@instructor_required
def question_list() -> str:
    found = question_search.search(filter_from_args(request.args), request.args.get("page", 1, type=int) or 1)
    domains = db.session.scalars(select(Domain).order_by(Domain.key)).all()
    pages = [(n, _page_url(request.args, n)) for n in page_numbers(found.page, found.pages)]
    return render_template("instructor/questions.html", found=found, filter=filter_from_args(request.args),
                           domains=domains, type_names=registry.names(), pages=pages)


@bp.route("/questions/<question_id>")
@instructor_required
def question_page(question_id: str) -> str:
    version = question_search.latest_version(question_id)
    if version is None:
        abort(404)
    location = service.locate(question_id, version.source_path) if version.is_current else None
    return render_template("instructor/question.html", version=version, item=shown_version(version),
                           location=location)
