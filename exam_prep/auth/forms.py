from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from ..accounts import InvalidUsername, clean_username


def username_rule(form: FlaskForm, field: Field) -> None:
    """The account rule (accounts.clean_username), checked on the name as it will be
    stored; the field then holds that name."""
    try:
        field.data = clean_username(field.data)
    except InvalidUsername as exc:
        raise ValidationError(str(exc)) from None


class RegisterForm(FlaskForm):
    username = StringField(_l("아이디"), validators=[
        InputRequired(_l("아이디를 입력해 주세요.")),
        username_rule,
    ])
    password = PasswordField(_l("비밀번호"), validators=[
        InputRequired(_l("비밀번호를 입력해 주세요.")),
        Length(min=8, max=128, message=_l("비밀번호는 8자 이상으로 입력해 주세요.")),
    ])
    password2 = PasswordField(_l("비밀번호 확인"), validators=[
        InputRequired(_l("비밀번호를 한 번 더 입력해 주세요.")),
        EqualTo("password", message=_l("두 비밀번호가 서로 다릅니다.")),
    ])
    submit = SubmitField(_l("가입하기"))


class LoginForm(FlaskForm):
    username = StringField(_l("아이디"), validators=[InputRequired(_l("아이디를 입력해 주세요."))])
    password = PasswordField(_l("비밀번호"), validators=[InputRequired(_l("비밀번호를 입력해 주세요."))])
    remember = BooleanField(_l("로그인 상태 유지"))
    submit = SubmitField(_l("로그인"))


class PasswordForm(FlaskForm):
    current = PasswordField(_l("지금 비밀번호"), validators=[InputRequired(_l("지금 비밀번호를 입력해 주세요."))])
    password = PasswordField(_l("새 비밀번호"), validators=[
        InputRequired(_l("새 비밀번호를 입력해 주세요.")),
        Length(min=8, max=128, message=_l("비밀번호는 8자 이상으로 입력해 주세요.")),
    ])
    password2 = PasswordField(_l("새 비밀번호 확인"), validators=[
        InputRequired(_l("새 비밀번호를 한 번 더 입력해 주세요.")),
        EqualTo("password", message=_l("두 비밀번호가 서로 다릅니다.")),
    ])
    submit = SubmitField(_l("비밀번호 바꾸기"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("로그아웃"))
