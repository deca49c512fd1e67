"""What the API's request bodies must look like: each is read strictly here, so the exam
service receives checked values, never a request body."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from flask_babel import gettext as _

from ..exams.errors import BadRequest
from ..exams.lifecycle import UNSET
from . import json_body

MAX_SEQ = 2**62


@dataclass(frozen=True)
class SaveRequest:
    seq: int
    response: Any  # the raw response for the item's type to check; None clears; UNSET keeps
    flagged: bool | None


def json_of_request() -> Any:
    """The request's JSON body (strict, see json_body), or BadRequest saying why not."""
    if not request.is_json:
        raise BadRequest(_("Content-Type: application/json 본문이 필요합니다"))
    try:
        return json_body.parse(request.get_data(cache=True))
    except json_body.MalformedBody as exc:
        raise BadRequest(str(exc)) from None


def exam_to_start(body: Any) -> str:
    if not isinstance(body, dict) or not isinstance(body.get("exam"), str):
        raise BadRequest('본문은 {"exam": "시험 id"} 형식이어야 합니다')
    return body["exam"]


def save_request(body: Any) -> SaveRequest:
    """A save: {"seq": n, "response": ..., "flagged": bool}, with response or flagged or both."""
    if not isinstance(body, dict):
        raise BadRequest('본문은 {"response": ..., "seq": n} 형식의 JSON이어야 합니다')
    unknown = set(body) - {"response", "seq", "flagged"}
    if unknown:
        raise BadRequest(_("알 수 없는 키: %(keys)s", keys=", ".join(sorted(unknown))))
    seq = body.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq < MAX_SEQ:
        raise BadRequest(_("seq는 1 이상의 정수여야 합니다"))
    flagged = body.get("flagged")
    if flagged is not None and not isinstance(flagged, bool):
        raise BadRequest(_("flagged는 true 또는 false여야 합니다"))
    if "response" not in body and flagged is None:
        raise BadRequest(_("response 또는 flagged가 필요합니다"))
    return SaveRequest(seq, body.get("response", UNSET), flagged)
