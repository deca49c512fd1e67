"""Account names: trimmed and checked as stored, one account per name whatever its case or width."""
from __future__ import annotations

import unicodedata

import pytest
from flask import Flask
from flask.testing import FlaskClient

from exam_prep.accounts import InvalidUsername, UsernameTaken, clean_username, create_user, username_key
from exam_prep.extensions import db
from exam_prep.models import User
from tests.conftest import PASSWORD, Candidate


def register(client: FlaskClient, username: str):
    token = Candidate(client, username).refresh_token()
    return client.post("/auth/register", data={"csrf_token": token, "username": username,
                                               "password": PASSWORD, "password2": PASSWORD})


def stored_names(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(User.username)))


@pytest.mark.parametrize(("raw", "reason"), [
    ("q\n", "2자 이상"),  # one character once trimmed: too short, not stored as "q"
    ("  q  ", "2자 이상"),
    ("a\u0007b", "제어 문자"),
    ("ab\u200bcd", "제어 문자"),  # zero-width space (a format character)
    ("ab\x00cd", "제어 문자"),
    ("ab\ncd", "제어 문자"),
    ("a" * 41, "40자 이하"),
    ("이름 두개", "한글, 영문, 숫자"),
    ("name\u00e9", "한글, 영문, 숫자"),
])
def test_bad_names_are_refused_with_the_reason(app: Flask, client: FlaskClient, raw: str, reason: str) -> None:
    response = register(client, raw)
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert stored_names(app) == []


def test_a_name_is_stored_trimmed(app: Flask, client: FlaskClient) -> None:
    assert register(client, "  공백이름\n").status_code == 302
    assert stored_names(app) == ["공백이름"]


def test_names_differing_by_case_or_width_are_one_account(app: Flask, client: FlaskClient) -> None:
    assert register(client, "Race").status_code == 302
    client.post("/auth/logout", data={"csrf_token": Candidate(client, "Race").refresh_token()})
    for variant in ("race", "RACE", "rACE", "Ｒａｃｅ"):  # the last in fullwidth letters
        response = register(app.test_client(), variant)
        assert response.status_code == 400, variant
        assert "이미 쓰이고 있는 아이디입니다" in response.get_data(as_text=True)
    assert stored_names(app) == ["Race"]
    for variant in ("race", "RACE", "rACE", " Race "):
        fresh = app.test_client()
        token = Candidate(fresh, variant).refresh_token()
        login = fresh.post("/auth/login", data={"csrf_token": token, "username": variant, "password": PASSWORD})
        assert login.status_code == 302, variant
        assert "로그아웃 (Race)" in fresh.get("/").get_data(as_text=True)


def test_the_service_applies_the_same_rule_as_the_form(app: Flask) -> None:
    """The CLI and any other caller go through create_user, so they cannot store what the
    form refuses."""
    with app.app_context():
        with pytest.raises(InvalidUsername):
            create_user("q\n", PASSWORD)
        assert create_user(" Kim ", PASSWORD).username == "Kim"
        with pytest.raises(UsernameTaken):
            create_user("KIM", PASSWORD)


def test_the_key_is_nfkc_and_casefold() -> None:
    assert username_key("Straße") == username_key("STRASSE") == "strasse"
    assert username_key("Ｒａｃｅ") == "race"
    assert username_key("한글") == "한글"


def test_decomposed_hangul_is_stored_composed(app: Flask) -> None:
    decomposed = unicodedata.normalize("NFD", "한글이름")
    assert decomposed != "한글이름"
    with app.test_request_context():
        assert clean_username(decomposed) == "한글이름"
