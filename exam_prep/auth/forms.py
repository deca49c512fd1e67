from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

USERNAME_RULE = Regexp(r"^[0-9A-Za-z가-힣_.\-]+$", message=_l("아이디에는 한글, 영문, 숫자와 _ . - 만 쓸 수 있습니다."))


class RegisterForm(FlaskForm):
    username = StringField(_l("아이디"), validators=[
        InputRequired(_l("아이디를 입력해 주세요.")),
        Length(min=2, max=40, message=_l("아이디는 2자 이상 40자 이하로 입력해 주세요.")),
        USERNAME_RULE,
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


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("로그아웃"))
