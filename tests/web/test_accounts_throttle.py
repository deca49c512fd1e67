"""Login throttling per account and per address, and unknown names costing what known ones do."""
from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from exam_prep import accounts
from exam_prep.accounts import throttle
from exam_prep.timeutil import utcnow
from tests.conftest import PASSWORD, Candidate, make_app

THROTTLED = "로그인 시도가 너무 많습니다. 15분 뒤 다시 시도해 주세요."


def try_login(client: FlaskClient, username: str, password: str, address: str = "127.0.0.1"):
    token = Candidate(client, username).refresh_token()
    return client.post("/auth/login", data={"csrf_token": token, "username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def victim(app: Flask) -> str:
    user = Candidate(app.test_client(), "표적").register()
    user.client.post("/auth/logout", data={"csrf_token": user.token})
    return "표적"


def test_defaults_are_ten_per_account_and_a_hundred_per_address_in_fifteen_minutes(app: Flask) -> None:
    assert app.config["EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT"] == 10
    assert app.config["EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS"] == 100  # a class behind one school address
    assert app.config["EXAM_PREP_LOGIN_WINDOW_MINUTES"] == 15


def test_an_account_is_throttled_after_ten_wrong_passwords(app: Flask, client: FlaskClient, victim: str) -> None:
    for n in range(10):
        response = try_login(client, victim, f"wrong-{n}", address=f"10.0.0.{n}")
        assert response.status_code == 400
        assert "아이디 또는 비밀번호가 맞지 않습니다." in response.get_data(as_text=True)
    refused = try_login(client, victim.upper(), "wrong-again", address="10.0.1.1")
    assert refused.status_code == 429
    assert THROTTLED in refused.get_data(as_text=True)
    assert 14 * 60 < int(refused.headers["Retry-After"]) <= 15 * 60
    # Even the right password waits: the limit is checked before the password.
    assert try_login(client, victim, PASSWORD, address="10.0.1.2").status_code == 429
    # Another account from the same addresses is not affected.
    Candidate(app.test_client(), "이웃").register()
    assert try_login(app.test_client(), "이웃", PASSWORD, address="10.0.0.1").status_code == 302


@pytest.fixture
def strict_app(db_path: Path) -> Flask:
    """Limits are settings: small ones here, so that these tests need few (slow) hash checks."""
    return make_app(db_path, EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT=2, EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS=4)


@pytest.fixture
def strict_victim(strict_app: Flask) -> str:
    user = Candidate(strict_app.test_client(), "표적").register()
    user.client.post("/auth/logout", data={"csrf_token": user.token})
    return "표적"


def test_the_wait_ends_with_the_window(strict_app: Flask, strict_victim: str, monkeypatch) -> None:
    client = strict_app.test_client()
    for n in range(2):
        assert try_login(client, strict_victim, f"wrong-{n}").status_code == 400
    assert try_login(client, strict_victim, PASSWORD).status_code == 429
    later = utcnow() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(throttle, "utcnow", lambda: later)
    assert try_login(client, strict_victim, PASSWORD).status_code == 302


def test_a_successful_login_forgets_the_accounts_failures(strict_app: Flask, strict_victim: str) -> None:
    client = strict_app.test_client()
    assert try_login(client, strict_victim, "wrong", address="10.0.0.1").status_code == 400
    assert try_login(client, strict_victim, PASSWORD, address="10.0.0.2").status_code == 302
    client.post("/auth/logout", data={"csrf_token": Candidate(client, strict_victim).refresh_token()})
    for n in range(2):
        assert try_login(client, strict_victim, f"wrong-{n}", address="10.0.0.3").status_code == 400
    assert try_login(client, strict_victim, "wrong", address="10.0.0.4").status_code == 429


def test_parallel_guesses_cannot_slip_past_the_limit(strict_app: Flask, strict_victim: str) -> None:
    clients = [strict_app.test_client() for _ in range(12)]
    tokens = [Candidate(c, strict_victim).refresh_token() for c in clients]
    barrier = threading.Barrier(len(clients))
    codes: list[int] = []

    def guess(client: FlaskClient, token: str, n: int) -> None:
        barrier.wait()
        response = client.post("/auth/login", data={
            "csrf_token": token, "username": strict_victim, "password": f"guess-{n}"},
            environ_base={"REMOTE_ADDR": f"10.1.0.{n}"})
        codes.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(c, t, n))
               for n, (c, t) in enumerate(zip(clients, tokens, strict=True))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(codes) == 12 and set(codes) <= {400, 429}
    assert codes.count(400) <= 2  # each try is counted before its password is checked
    assert try_login(strict_app.test_client(), strict_victim, PASSWORD).status_code == 429


def test_an_address_is_throttled_across_account_names(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for n in range(4):
        assert try_login(client, f"없는사람{n}", "anything", address="192.0.2.7").status_code == 400
    refused = try_login(client, "또다른이름", "anything", address="192.0.2.7")
    assert refused.status_code == 429 and THROTTLED in refused.get_data(as_text=True)
    assert try_login(client, "또다른이름", "anything", address="192.0.2.8").status_code == 400


def test_a_zero_limit_turns_it_off(db_path: Path) -> None:
    app = make_app(db_path, EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT=0, EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS=1)
    client = app.test_client()
    for n in range(3):  # one account from three addresses: only the (off) account limit applies
        assert try_login(client, "아무나", f"wrong-{n}", address=f"10.2.0.{n}").status_code == 400
    assert try_login(client, "아무나", "wrong", address="10.2.0.0").status_code == 429


def test_an_unknown_name_costs_a_password_hash_check_like_a_known_one(app: Flask, victim: str, monkeypatch) -> None:
    checked: list[str] = []
    real_check = accounts.check_password_hash

    def counting_check(stored: str, password: str) -> bool:
        checked.append(stored.split("$", 1)[0])
        return real_check(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting_check)
    with app.app_context():
        assert accounts.authenticate("아무도아닌사람", "some password") is None
        assert accounts.authenticate(victim, "wrong password") is None
        assert accounts.authenticate(victim, PASSWORD) is not None
        known_method = accounts.find_user(victim).password_hash.split("$", 1)[0]
    assert len(checked) == 3
    assert set(checked) == {known_method}  # the same hash method and cost for the unknown name
