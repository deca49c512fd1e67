from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class StartForm(FlaskForm):
    submit = SubmitField(_l("시험 시작"))


class SubmitForm(FlaskForm):
    submit = SubmitField(_l("답안 제출"))
