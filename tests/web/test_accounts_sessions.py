"""Logout and a password change end the session: cookies issued before stop opening anything."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from exam_prep.accounts import change_password, find_user
from exam_prep.extensions import db, login_manager
from tests.conftest import PASSWORD, Candidate


def log_in(client: FlaskClient, username: str, password: str = PASSWORD, remember: bool = True) -> Candidate:
    user = Candidate(client, username)
    data = {"csrf_token": user.refresh_token(), "username": username, "password": password}
    if remember:
        data["remember"] = "y"
    assert client.post("/auth/login", data=data).status_code == 302
    user.refresh_token()
    return user


def replay(app: Flask, name: str, value: str) -> FlaskClient:
    """A fresh browser holding only one captured cookie."""
    client = app.test_client()
    client.set_cookie(name, value)
    return client


def opens_pages(client: FlaskClient, attempt_id: int) -> bool:
    """Whether the client opens the history, the exam page (which checks the login on the row it
    reads itself) and the API, all three alike; an open attempt of theirs."""
    history = client.get("/history")
    exam_page = client.get(f"/attempts/{attempt_id}")
    api = client.get(f"/api/v1/attempts/{attempt_id}")
    if history.status_code == 200 and api.status_code == 200:
        assert exam_page.status_code == 200
        return True
    for page in (history, exam_page):
        assert page.status_code == 302 and page.headers["Location"].startswith("/auth/login")
    assert api.status_code == 401
    return False


def captured_cookies(user: Candidate) -> dict[str, str]:
    return {name: user.client.get_cookie(name).value for name in ("session", "remember_token")}


def test_logout_ends_the_session_and_the_remember_me_cookie(app: Flask, client: FlaskClient) -> None:
    registered = Candidate(client, "로그아웃확인").register()
    client.post("/auth/logout", data={"csrf_token": registered.token})
    user = log_in(client, "로그아웃확인")  # with 로그인 상태 유지: a remember-me cookie too
    attempt_id = user.start()["id"]
    cookies = captured_cookies(user)
    for name, value in cookies.items():  # each cookie alone opens the pages before the logout
        assert opens_pages(replay(app, name, value), attempt_id), name

    assert user.client.post("/auth/logout", data={"csrf_token": user.token}).status_code == 302

    assert not opens_pages(user.client, attempt_id)
    for name, value in cookies.items():
        assert not opens_pages(replay(app, name, value), attempt_id), name
    both = replay(app, "session", cookies["session"])
    both.set_cookie("remember_token", cookies["remember_token"])
    assert not opens_pages(both, attempt_id)


def test_logging_in_again_after_logout_works(app: Flask, client: FlaskClient) -> None:
    user = Candidate(client, "다시로그인").register()
    attempt_id = user.start()["id"]
    client.post("/auth/logout", data={"csrf_token": user.token})
    again = log_in(app.test_client(), "다시로그인")
    assert opens_pages(again.client, attempt_id)


def test_a_password_change_ends_every_session_of_the_account(app: Flask) -> None:
    user = Candidate(app.test_client(), "비번변경").register()
    attempt_id = user.start()["id"]
    other_browser = log_in(app.test_client(), "비번변경")
    cookies = captured_cookies(other_browser)
    with app.app_context():
        change_password(find_user("비번변경"), "a whole new password")
        db.session.remove()
    assert not opens_pages(user.client, attempt_id)
    assert not opens_pages(other_browser.client, attempt_id)
    for name, value in cookies.items():
        assert not opens_pages(replay(app, name, value), attempt_id), name
    assert opens_pages(log_in(app.test_client(), "비번변경", "a whole new password").client, attempt_id)


def test_a_cookie_of_the_old_form_or_a_forged_token_loads_nobody(app: Flask) -> None:
    user = Candidate(app.test_client(), "토큰").register()
    with app.test_request_context():
        loader = login_manager._user_callback
        account = find_user("토큰")
        assert loader(account.get_id()) is not None
        assert loader(str(account.id)) is None  # before session tokens, the id alone
        assert loader(f"{account.id}:wrong") is None
        assert loader(f"{account.id}:") is None
        assert loader("9" * 40 + ":x") is None
    assert user.client.get("/history").status_code == 200


def test_changing_ones_own_password_logs_other_browsers_out(app: Flask, client: FlaskClient) -> None:
    Candidate(client, "비번바꾸기").register()
    other = log_in(app.test_client(), "비번바꾸기")  # the same account in another browser
    assert client.get("/auth/password").status_code == 200

    token = Candidate(client, "비번바꾸기").refresh_token()
    wrong = client.post("/auth/password", data={"csrf_token": token, "current": "not-it-at-all",
                                                "password": "새비밀번호1234", "password2": "새비밀번호1234"})
    assert wrong.status_code == 400 and "지금 비밀번호가 맞지 않습니다" in wrong.get_data(as_text=True)
    mismatch = client.post("/auth/password", data={"csrf_token": token, "current": PASSWORD,
                                                   "password": "새비밀번호1234", "password2": "다른비밀번호1234"})
    assert mismatch.status_code == 400 and "두 비밀번호가 서로 다릅니다" in mismatch.get_data(as_text=True)
    no_csrf = client.post("/auth/password", data={"current": PASSWORD, "password": "새비밀번호1234",
                                                  "password2": "새비밀번호1234"})
    assert no_csrf.status_code == 400
    with app.app_context():
        assert find_user("비번바꾸기").password_hash and log_in(app.test_client(), "비번바꾸기")  # unchanged so far

    done = client.post("/auth/password", data={"csrf_token": token, "current": PASSWORD,
                                               "password": "새비밀번호1234", "password2": "새비밀번호1234"})
    assert done.status_code == 302
    assert client.get("/history").status_code == 200  # this browser stays in
    assert other.client.get("/history").status_code == 302  # the other one is logged out
    fresh = app.test_client()
    refused = fresh.post("/auth/login", data={"csrf_token": Candidate(fresh, "x").refresh_token(),
                                              "username": "비번바꾸기", "password": PASSWORD})
    assert refused.status_code == 400
    assert log_in(app.test_client(), "비번바꾸기", "새비밀번호1234")


def test_the_dashboard_links_the_password_page(client: FlaskClient) -> None:
    Candidate(client, "링크확인").register()
    assert 'href="/auth/password"' in client.get("/").get_data(as_text=True)


def test_the_password_page_needs_a_login(client: FlaskClient) -> None:
    response = client.get("/auth/password")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


# --- the answer save checks the login on its own row (accounts.sessions) -----------------------


def stored_flag(app: Flask, attempt_id: int, position: int) -> bool:
    from sqlalchemy import select

    from exam_prep.models import AttemptItem

    with app.app_context():
        flagged = db.session.scalar(select(AttemptItem.flagged).where(AttemptItem.attempt_id == attempt_id,
                                                                      AttemptItem.position == position))
        db.session.remove()
        return flagged


def test_the_save_refuses_a_login_the_account_no_longer_admits(app: Flask) -> None:
    user = Candidate(app.test_client(), "저장로그인").register()
    state = user.start()
    first = state["items"][0]["id"]
    assert user.save(state["id"], first, None, seq=1, flagged=True).status_code == 200
    other_browser = log_in(app.test_client(), "저장로그인", remember=False)
    with app.app_context():
        change_password(find_user("저장로그인"), "a whole new password")
        db.session.remove()
    for browser in (user, other_browser):
        refused = browser.save(state["id"], first, None, seq=5, flagged=False)
        assert refused.status_code == 401 and refused.get_json() == {"error": "로그인이 필요합니다"}
    assert stored_flag(app, state["id"], first) is True  # unchanged

    again = log_in(app.test_client(), "저장로그인", "a whole new password", remember=False)
    assert again.save(state["id"], first, None, seq=6, flagged=False).status_code == 200
    assert stored_flag(app, state["id"], first) is False
    with app.app_context():  # inactive alone (accounts.admin also renews the token)
        find_user("저장로그인").active = False
        db.session.commit()
        db.session.remove()
    assert again.save(state["id"], first, None, seq=7, flagged=True).status_code == 401
    assert stored_flag(app, state["id"], first) is False


def test_a_stale_login_learns_nothing_of_other_attempts(app: Flask, candidate: Candidate) -> None:
    theirs = candidate.start()
    position = theirs["items"][0]["id"]
    stranger = Candidate(app.test_client(), "남의시험").register()
    assert stranger.save(theirs["id"], position, None, seq=1, flagged=True).status_code == 404
    assert stranger.save(theirs["id"], 999, None, seq=1, flagged=True).status_code == 404
    with app.app_context():
        change_password(find_user("남의시험"), "a whole new password")
        db.session.remove()
    for attempt_id, at in ((theirs["id"], position), (theirs["id"], 999), (10**9, 1)):
        assert stranger.save(attempt_id, at, None, seq=2, flagged=True).status_code == 401
    assert stored_flag(app, theirs["id"], position) is False


def test_the_exam_page_shows_only_ones_own_attempt_and_only_to_a_good_login(app: Flask, candidate: Candidate) -> None:
    theirs = candidate.start()
    stranger = Candidate(app.test_client(), "남의페이지").register()
    for attempt_id in (theirs["id"], 10**9):
        assert stranger.client.get(f"/attempts/{attempt_id}").status_code == 404
    with app.app_context():  # deactivated: the page no longer opens, theirs or not
        find_user("남의페이지").active = False
        db.session.commit()
        db.session.remove()
    for attempt_id in (theirs["id"], 10**9):
        refused = stranger.client.get(f"/attempts/{attempt_id}")
        assert refused.status_code == 302 and refused.headers["Location"].startswith("/auth/login")
    page = candidate.client.get(f"/attempts/{theirs['id']}")
    assert page.status_code == 200 and candidate.username in page.get_data(as_text=True)


def test_a_remember_me_cookie_alone_still_saves(app: Flask, client: FlaskClient) -> None:
    Candidate(app.test_client(), "기억하기").register()
    user = log_in(client, "기억하기")  # with 로그인 상태 유지
    state = user.start()
    browser = replay(app, "remember_token", captured_cookies(user)["remember_token"])
    later = Candidate(browser, "기억하기")
    later.refresh_token()
    with browser.session_transaction() as session:  # the session ended, the remember-me cookie not
        session.pop("_user_id", None)
    response = later.save(state["id"], state["items"][0]["id"], None, seq=1, flagged=True)
    assert response.status_code == 200, response.get_json()
    assert stored_flag(app, state["id"], state["items"][0]["id"]) is True
    with browser.session_transaction() as session:
        session.pop("_user_id", None)
    assert browser.get(f"/attempts/{state['id']}").status_code == 200  # and opens the exam page


def test_a_new_secret_key_ends_earlier_sessions_unless_kept_as_a_fallback(app: Flask, client: FlaskClient) -> None:
    """The session's signing serializer is made once per key (accounts.sessions): a key rotated
    while the process runs still decides which cookies open pages."""
    user = Candidate(client, "열쇠교체").register()
    attempt_id = user.start()["id"]
    session_cookie = client.get_cookie("session").value
    assert opens_pages(replay(app, "session", session_cookie), attempt_id)

    old_key = app.config["SECRET_KEY"]
    app.secret_key = app.config["SECRET_KEY"] = "a-new-secret-key-for-this-test"
    assert not opens_pages(replay(app, "session", session_cookie), attempt_id)

    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert opens_pages(replay(app, "session", session_cookie), attempt_id)


def test_requests_carrying_the_same_cookie_each_start_from_its_data(app: Flask) -> None:
    """A cookie is verified once and its data remembered (exam_prep.signed): a request that
    changes its session in place (a flashed message appended to the list) changes nothing for
    the next request carrying the same cookie."""
    browser = app.test_client()
    assert browser.get("/history").status_code == 302  # flashes "로그인이 필요합니다." into the session
    cookie = browser.get_cookie("session").value
    for _ in range(2):  # each flashes it again, onto the list its cookie carries
        assert replay(app, "session", cookie).get("/history").status_code == 302
    page = replay(app, "session", cookie).get("/auth/login").get_data(as_text=True)
    assert page.count("로그인이 필요합니다.") == 1


def test_an_expired_session_cookie_opens_nothing_though_it_opened_pages_before(app: Flask, client: FlaskClient) -> None:
    user = Candidate(client, "만료쿠키").register()
    attempt_id = user.start()["id"]
    session_cookie = client.get_cookie("session").value
    assert opens_pages(replay(app, "session", session_cookie), attempt_id)
    app.permanent_session_lifetime = timedelta(seconds=-1)  # every cookie is now too old
    assert not opens_pages(replay(app, "session", session_cookie), attempt_id)
