from __future__ import annotations

from tests.conftest import PASSWORD, Candidate


def form(user: Candidate, **fields: str) -> dict[str, str]:
    return {"csrf_token": user.refresh_token(), **fields}


def test_register_and_see_the_dashboard(client) -> None:
    user = Candidate(client, "김영희").register()
    page = client.get("/").get_data(as_text=True)
    assert "테스트 2급" in page and "로그아웃 (김영희)" in page
    assert "잠김" in page  # level 1 is locked with its reason
    assert user.token


def test_register_errors_are_korean_and_clear(client) -> None:
    Candidate(client, "중복").register()
    client.post("/auth/logout", data={"csrf_token": Candidate(client, "x").refresh_token()})
    user = Candidate(client, "중복")
    response = client.post("/auth/register", data=form(user, username="중복", password=PASSWORD, password2=PASSWORD))
    assert response.status_code == 400
    assert "이미 쓰이고 있는 아이디입니다" in response.get_data(as_text=True)
    response = client.post("/auth/register", data=form(user, username="새사람", password="short", password2="short"))
    assert "비밀번호는 8자 이상으로 입력해 주세요." in response.get_data(as_text=True)
    response = client.post("/auth/register",
                           data=form(user, username="새사람", password=PASSWORD, password2="다른비밀번호입니다"))
    assert "두 비밀번호가 서로 다릅니다." in response.get_data(as_text=True)


def test_login_logout(client) -> None:
    Candidate(client, "로그인").register()
    user = Candidate(client, "로그인")
    client.post("/auth/logout", data={"csrf_token": user.refresh_token()})
    assert client.get("/history").status_code == 302
    wrong = client.post("/auth/login", data=form(user, username="로그인", password="wrong-password"))
    assert "아이디 또는 비밀번호가 맞지 않습니다." in wrong.get_data(as_text=True)
    ok = client.post("/auth/login?next=/history", data=form(user, username="로그인", password=PASSWORD))
    assert ok.status_code == 302 and ok.headers["Location"] == "/history"


def test_login_never_redirects_off_site(client) -> None:
    Candidate(client, "리다이렉트").register()
    user = Candidate(client, "리다이렉트")
    client.post("/auth/logout", data={"csrf_token": user.refresh_token()})
    response = client.post("/auth/login?next=//evil.example/",
                           data=form(user, username="리다이렉트", password=PASSWORD))
    assert response.headers["Location"] == "/"


def test_passwords_are_hashed(app, client) -> None:
    Candidate(client, "해시").register()
    from exam_prep.accounts import find_user

    with app.app_context():
        stored = find_user("해시").password_hash
    assert PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
