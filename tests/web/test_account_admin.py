"""Instructors manage accounts: reset a password (a temporary one shown once, old sessions end),
make an instructor, deactivate (no login, open sessions end) and reactivate; never their own
account; every action a POST with CSRF, logged; candidates get 403, visitors the login."""
from __future__ import annotations

import logging
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from exam_prep.accounts import find_user
from exam_prep.extensions import db
from tests.conftest import CSRF_META, PASSWORD, Candidate
from tests.web.test_item_analysis import INSTRUCTOR, sign_in

NAME = "관리대상"


def token(client: FlaskClient) -> str:
    return CSRF_META.search(client.get("/instructor/accounts").get_data(as_text=True)).group(1)


def user_id(app: Flask, name: str) -> int:
    with app.app_context():
        return find_user(name).id


def login(app: Flask, name: str, password: str):
    client = app.test_client()
    csrf = CSRF_META.search(client.get("/help").get_data(as_text=True)).group(1)
    return client, client.post("/auth/login", data={"csrf_token": csrf, "username": name, "password": password})


def signed_in(client: FlaskClient) -> bool:
    return client.get("/history").status_code == 200


@pytest.fixture
def instructor(app: Flask) -> FlaskClient:
    return sign_in(app)


@pytest.fixture
def target(app: Flask) -> Candidate:
    return Candidate(app.test_client(), NAME).register()


def act(client: FlaskClient, app: Flask, name: str, action: str, **form: str):
    return client.post(f"/instructor/accounts/{user_id(app, name)}/{action}",
                       data={"csrf_token": token(client), **form})


def test_the_list_finds_accounts(app: Flask, instructor: FlaskClient, target: Candidate) -> None:
    page = instructor.get("/instructor/accounts?q=관리").get_data(as_text=True)
    assert f'data-user="{NAME}"' in page and "계정 1개" in page
    assert f'data-user="{INSTRUCTOR}"' not in page
    teachers = instructor.get("/instructor/accounts?role=instructor").get_data(as_text=True)
    assert f'data-user="{INSTRUCTOR}"' in teachers and f'data-user="{NAME}"' not in teachers


def test_reset_password_shows_a_temporary_one_once_and_ends_sessions(
        app: Flask, instructor: FlaskClient, target: Candidate, caplog: pytest.LogCaptureFixture) -> None:
    assert signed_in(target.client)
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        response = act(instructor, app, NAME, "password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    temporary = re.search(r'id="temporary-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    assert len(temporary) == 12 and "한 번만 보입니다" in response.get_data(as_text=True)
    assert any("password reset" in r.getMessage() and NAME in r.getMessage() for r in caplog.records)

    assert not signed_in(target.client)  # the old session cookie is dead
    _, old = login(app, NAME, PASSWORD)
    assert old.status_code == 400 and "아이디 또는 비밀번호가 맞지 않습니다" in old.get_data(as_text=True)
    client, new = login(app, NAME, temporary)
    assert new.status_code == 302 and signed_in(client)
    # The list never shows it again.
    assert temporary not in instructor.get("/instructor/accounts").get_data(as_text=True)


def test_make_instructor_and_back(app: Flask, instructor: FlaskClient, target: Candidate) -> None:
    assert target.client.get("/instructor/").status_code == 403
    response = act(instructor, app, NAME, "role", role="instructor")
    assert response.status_code == 303
    assert f"{NAME} 님을 강사로 지정했습니다." in instructor.get(response.headers["Location"]).get_data(as_text=True)
    assert target.client.get("/instructor/").status_code == 200  # the same session, now an instructor
    act(instructor, app, NAME, "role", role="candidate")
    assert target.client.get("/instructor/").status_code == 403
    assert act(instructor, app, NAME, "role", role="admin").status_code == 303
    with app.app_context():
        assert find_user(NAME).role == "candidate"


def test_deactivate_ends_sessions_and_login_then_reactivate(
        app: Flask, instructor: FlaskClient, target: Candidate, caplog: pytest.LogCaptureFixture) -> None:
    assert signed_in(target.client)
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        response = act(instructor, app, NAME, "active", active="0")
    assert response.status_code == 303
    assert any("deactivated" in r.getMessage() for r in caplog.records)
    page = instructor.get(response.headers["Location"]).get_data(as_text=True)
    assert "사용 중지했습니다" in page
    assert not signed_in(target.client)  # its open session ended
    _, refused = login(app, NAME, PASSWORD)
    assert refused.status_code == 400 and "사용이 중지된 계정입니다" in refused.get_data(as_text=True)

    act(instructor, app, NAME, "active", active="1")
    client, again = login(app, NAME, PASSWORD)
    assert again.status_code == 302 and signed_in(client)


def test_a_deactivated_account_loads_nobody_even_with_its_current_cookie(app: Flask, target: Candidate) -> None:
    """Deactivated some other way (the database, a script): its sessions stop at the next request."""
    with app.app_context():
        find_user(NAME).active = False
        db.session.commit()
    assert not signed_in(target.client)


@pytest.mark.parametrize(("action", "form", "message"), [
    ("active", {"active": "0"}, "자기 계정은 스스로 사용 중지할 수 없습니다"),
    ("role", {"role": "candidate"}, "자기 계정의 강사 권한은 스스로 해제할 수 없습니다"),
    ("password", {}, "자기 비밀번호는 여기서 초기화할 수 없습니다"),
])
def test_an_instructor_cannot_lock_themself_out(app: Flask, instructor: FlaskClient, action: str,
                                                form: dict[str, str], message: str,
                                                caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        response = act(instructor, app, INSTRUCTOR, action, **form)
    assert any("refused" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    assert response.status_code == 303
    assert message in instructor.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        me = find_user(INSTRUCTOR)
        assert me.active and me.is_instructor
    assert signed_in(instructor)


def test_without_csrf_nothing_changes(app: Flask, instructor: FlaskClient, target: Candidate) -> None:
    url = f"/instructor/accounts/{user_id(app, NAME)}/active"
    response = instructor.post(url, data={"active": "0"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert instructor.post(url, data={"active": "0", "csrf_token": "forged"}).status_code == 400
    assert signed_in(target.client)
    assert act(instructor, app, NAME, "active", active="maybe").status_code == 400
    assert instructor.post("/instructor/accounts/999999/active",
                           data={"active": "0", "csrf_token": token(instructor)}).status_code == 404


def test_candidates_get_403_and_visitors_the_login(app: Flask, client: FlaskClient, target: Candidate) -> None:
    victim = user_id(app, NAME)
    other = Candidate(app.test_client(), "다른수험생2").register()
    posts = [(f"/instructor/accounts/{victim}/{action}", form) for action, form in
             (("password", {}), ("role", {"role": "instructor"}), ("active", {"active": "0"}))]
    assert other.client.get("/instructor/accounts").status_code == 403
    for url, form in posts:
        assert other.client.post(url, data={"csrf_token": other.token, **form}).status_code == 403
    assert "/auth/login" in client.get("/instructor/accounts").headers["Location"]
    for url, form in posts:
        response = app.test_client().post(url, data=form)
        assert response.status_code in (302, 400) and response.status_code != 200
    with app.app_context():
        user = find_user(NAME)
        assert user.active and not user.is_instructor
    assert signed_in(target.client)
