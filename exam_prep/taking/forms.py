from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SubmitField

# The exam page names each theory item's inputs by the item's position (templates/questions/).
ANSWER_FIELD = re.compile(r"^item-(\d{1,6})$")


class StartForm(FlaskForm):
    submit = SubmitField(_l("시험 시작"))


class SubmitForm(FlaskForm):
    submit = SubmitField(_l("답안 제출"))


def posted_answers(form: MultiDict[str, str]) -> dict[int, list[str]]:
    """Values posted per item position, from the ``item-<position>`` fields (others ignored:
    the CSRF token, and the named inputs of labeling editors, which have no meaning here)."""
    posted = {}
    for name, values in form.lists():
        found = ANSWER_FIELD.match(name)
        if found:
            posted[int(found.group(1))] = list(values)
    return posted
