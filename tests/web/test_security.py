"""Authorization, CSRF, answer leakage, malformed requests."""
from __future__ import annotations

from flask import Flask

from exam_prep.accounts import create_or_promote_instructor
from exam_prep.extensions import db
from tests.conftest import PASSWORD, Candidate


def test_other_candidates_attempts_are_not_found(candidate: Candidate, other_candidate: Candidate) -> None:
    state = candidate.start()
    aid = state["id"]
    assert other_candidate.api("GET", f"/api/v1/attempts/{aid}").status_code == 404
    assert other_candidate.save(aid, 1, None, seq=1).status_code == 404
    assert other_candidate.api("POST", f"/api/v1/attempts/{aid}/submit").status_code == 404
    assert other_candidate.api("GET", f"/api/v1/attempts/{aid}/result").status_code == 404
    assert other_candidate.client.get(f"/attempts/{aid}").status_code == 404
    assert other_candidate.client.get(f"/attempts/{aid}/result").status_code == 404
    # The owner's attempt is untouched.
    assert candidate.api("GET", f"/api/v1/attempts/{aid}").get_json()["status"] == "open"


def test_api_needs_login(client) -> None:
    response = client.get("/api/v1/attempts/1")
    assert response.status_code == 401
    assert response.get_json()["error"]
    assert client.get("/history").status_code == 302


def test_state_changes_need_the_csrf_token(candidate: Candidate) -> None:
    no_token = candidate.client.post("/api/v1/attempts", json={"exam": "level2"})
    assert no_token.status_code == 400
    assert "CSRF" in no_token.get_json()["error"]
    state = candidate.start()
    bad = candidate.client.put(f"/api/v1/attempts/{state['id']}/items/1", json={"response": None, "seq": 1},
                               headers={"X-CSRFToken": "forged"})
    assert bad.status_code == 400
    assert candidate.client.post("/auth/logout").status_code == 400
    assert candidate.client.post(f"/attempts/{state['id']}/submit").status_code == 400
    assert candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()["status"] == "open"


def test_a_json_requests_token_counts_in_its_header_and_a_forms_in_its_field(candidate: Candidate) -> None:
    """A JSON body has no form fields: its token is read from the X-CSRFToken header only
    (exam_prep.extensions.CSRF), and a token written into the JSON counts for nothing."""
    state = candidate.start()
    url = f"/api/v1/attempts/{state['id']}/items/1"
    in_body = candidate.client.put(url, json={"response": None, "seq": 1, "csrf_token": candidate.token})
    assert in_body.status_code == 400 and "CSRF" in in_body.get_json()["error"]
    assert candidate.client.put(url, json={"response": None, "seq": 1},
                                headers={"X-CSRFToken": candidate.token}).status_code == 200
    # a form's token is read from its field, as before, and a form without one is refused
    assert candidate.client.post(f"/attempts/{state['id']}/submit", data={}).status_code == 400
    submitted = candidate.client.post(f"/attempts/{state['id']}/submit", data={"csrf_token": candidate.token})
    assert submitted.status_code == 302
    assert candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()["status"] == "finished"



def test_a_csrf_token_verified_once_still_belongs_to_its_own_session(app: Flask, candidate: Candidate,
                                                                      other_candidate: Candidate) -> None:
    """Tokens are verified once and remembered (exam_prep.signed); each request still compares
    the token with its own session's, and a rotated key or an expired token is refused."""
    state = candidate.start()
    url = f"/api/v1/attempts/{state['id']}/items/1"
    assert candidate.client.put(url, json={"response": None, "seq": 1},
                                headers={"X-CSRFToken": candidate.token}).status_code == 200
    other_state = other_candidate.start()
    borrowed = other_candidate.client.put(f"/api/v1/attempts/{other_state['id']}/items/1",
                                          json={"response": None, "seq": 1}, headers={"X-CSRFToken": candidate.token})
    assert borrowed.status_code == 400 and "CSRF" in borrowed.get_json()["error"]

    app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token is now too old
    expired = candidate.client.put(url, json={"response": None, "seq": 2}, headers={"X-CSRFToken": candidate.token})
    assert expired.status_code == 400
    app.config["WTF_CSRF_TIME_LIMIT"] = None

    # A new key, the old one kept for sessions only: the session stands, its old token does not.
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = app.config["SECRET_KEY"] = "a-new-secret-key-for-this-test"
    old_token = candidate.token
    rotated = candidate.client.put(url, json={"response": None, "seq": 3}, headers={"X-CSRFToken": old_token})
    assert rotated.status_code == 400 and "CSRF" in rotated.get_json()["error"]
    assert candidate.refresh_token() != old_token
    assert candidate.client.put(url, json={"response": None, "seq": 4},
                                headers={"X-CSRFToken": candidate.token}).status_code == 200


def test_over_https_a_state_change_needs_a_referrer_from_the_site(candidate: Candidate) -> None:
    """Flask-WTF's strict referrer check, kept by exam_prep.extensions.CSRF."""
    state = candidate.start()
    url = f"/api/v1/attempts/{state['id']}/items/1"
    headers = {"X-CSRFToken": candidate.token}
    https = {"base_url": "https://localhost"}
    missing = candidate.client.put(url, json={"response": None, "seq": 1}, headers=headers, **https)
    assert missing.status_code == 400 and "CSRF" in missing.get_json()["error"]
    elsewhere = candidate.client.put(url, json={"response": None, "seq": 1}, **https,
                                     headers={**headers, "Referer": "https://evil.example/"})
    assert elsewhere.status_code == 400
    same_site = candidate.client.put(url, json={"response": None, "seq": 1}, **https,
                                     headers={**headers, "Referer": "https://localhost/attempts/1"})
    assert same_site.status_code == 200, same_site.get_json()

def test_open_attempt_never_shows_answers(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    page = candidate.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    api = candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_data(as_text=True)
    for text in (page, api):
        assert "SECRET-EXPLANATION" not in text
        assert "is-answer" not in text and "정답:" not in text


def test_instructor_pages_need_the_role(app: Flask, candidate: Candidate) -> None:
    assert candidate.client.get("/instructor/").status_code == 403
    assert candidate.client.get("/instructor/questions").status_code == 403
    with app.app_context():
        create_or_promote_instructor("선생님", PASSWORD)
    teacher = Candidate(app.test_client(), "선생님")
    token = teacher.refresh_token()
    teacher.client.post("/auth/login", data={"csrf_token": token, "username": "선생님", "password": PASSWORD})
    assert teacher.client.get("/instructor/questions?level=2").status_code == 200
    page = teacher.client.get("/instructor/questions/t2-basics-1")
    assert page.status_code == 200
    assert "SECRET-EXPLANATION-B1" in page.get_data(as_text=True)


def test_malformed_requests_get_4xx_with_a_reason(candidate: Candidate) -> None:
    state = candidate.start()
    url = f"/api/v1/attempts/{state['id']}/items/1"
    cases = [
        candidate.api("PUT", url, data="{not json", headers={"Content-Type": "application/json"}),
        candidate.api("PUT", url, data="response=1", headers={"Content-Type": "application/x-www-form-urlencoded"}),
        candidate.api("PUT", url, ["list"]),
        candidate.api("PUT", url, {"response": None}),
        candidate.api("PUT", url, {"response": None, "seq": "1"}),
        candidate.api("PUT", url, {"response": None, "seq": -1}),
        candidate.api("PUT", url, {"response": None, "seq": 1, "extra": 1}),
        candidate.api("PUT", url, {"response": {"nonsense": 1}, "seq": 1}),
        candidate.api("POST", "/api/v1/attempts", {"exam": 5}),
    ]
    for response in cases:
        assert response.status_code == 400, response.get_data(as_text=True)
        assert response.get_json()["error"]
    no_such_item = f"/api/v1/attempts/{state['id']}/items/99"
    assert candidate.api("PUT", no_such_item, {"response": None, "seq": 1}).status_code == 404
    assert candidate.api("POST", "/api/v1/attempts", {"exam": "nope"}).status_code == 404
    huge = candidate.api("PUT", url, {"response": {"text": "x" * 600_000}, "seq": 1})
    assert huge.status_code == 413 and huge.get_json()["error"]


def test_session_cookie_flags(client) -> None:
    page = Candidate(client, "쿠키확인")
    token = page.refresh_token()
    response = client.post("/auth/register", data={"csrf_token": token, "username": "쿠키확인",
                                                   "password": PASSWORD, "password2": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_secret_key(monkeypatch, tmp_path) -> None:
    import pytest

    from exam_prep import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("EXAM_PREP_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    assert create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"}).secret_key == "a-real-secret"


def test_markdown_from_the_bank_is_sanitized(app: Flask, candidate: Candidate) -> None:
    from exam_prep.bank.sync import content_hash
    from exam_prep.models import QuestionVersion

    with app.app_context():
        for version in db.session.query(QuestionVersion).all():  # as if the bank had said so
            version.payload = {**version.payload, "question": "<script>alert('x')</script>**질문**"}
            version.content_hash = content_hash(version.payload)
        db.session.commit()
    state = candidate.start()
    page = candidate.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    assert "<script>alert" not in page and "<strong>질문</strong>" in page
