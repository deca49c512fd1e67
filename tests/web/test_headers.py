"""Security headers on every response: pages, JSON, static files, media and error pages; HSTS and
Secure cookies when the site is served over HTTPS (EXAM_PREP_HTTPS, on in production)."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from exam_prep.config import Config
from exam_prep.extensions import db
from tests.conftest import PASSWORD, Candidate, make_app


def policy(response: TestResponse) -> dict[str, str]:
    directives = [d.strip().split(None, 1) for d in response.headers["Content-Security-Policy"].split(";")]
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def assert_secured(response: TestResponse, what: str) -> None:
    csp = policy(response)
    assert csp["default-src"] == "'self'", what
    assert csp["script-src"] == "'self'", what  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == "'self'", what
    assert csp["object-src"] == "'none'", what
    assert csp["frame-ancestors"] == "'none'", what
    assert csp["base-uri"] == "'self'" and csp["form-action"] == "'self'", what
    assert response.headers["X-Content-Type-Options"] == "nosniff", what
    assert response.headers["Referrer-Policy"] == "same-origin", what
    assert response.headers["X-Frame-Options"] == "DENY", what
    assert "Strict-Transport-Security" not in response.headers, what  # plain HTTP here


def test_every_kind_of_response_carries_the_headers(app: Flask, candidate: Candidate, db_path: Path) -> None:
    def boom() -> str:
        raise ZeroDivisionError("an unexpected error")

    failing = make_app(db_path)
    failing.add_url_rule("/boom-for-the-headers", view_func=boom)
    client = candidate.client
    state = candidate.start("practice")
    image = next(i["image"]["url"] for i in state["items"] if i.get("image"))
    responses = {
        "page": client.get("/"),
        "exam page": client.get(f"/attempts/{state['id']}"),
        "JSON": candidate.api("GET", f"/api/v1/attempts/{state['id']}"),
        "static": client.get("/static/css/site.css"),
        "media": client.get(image),
        "404 page": client.get("/no-such-page"),
        "404 JSON": candidate.api("GET", "/api/v1/attempts/999999"),
        "400 JSON": candidate.api("PUT", f"/api/v1/attempts/{state['id']}/items/1", {"seq": "x"}),
        "CSRF refusal": client.post("/auth/logout"),
        "500 page": failing.test_client().get("/boom-for-the-headers"),
        "401 JSON": Candidate(app.test_client(), "손님").api("GET", "/api/v1/attempts/1"),
    }
    expected = {"page": 200, "exam page": 200, "JSON": 200, "static": 200, "media": 200, "404 page": 404,
                "404 JSON": 404, "400 JSON": 400, "CSRF refusal": 400, "500 page": 500, "401 JSON": 401}
    with failing.app_context():
        db.engine.dispose()
    for what, response in responses.items():
        response.close()  # files are streamed
        assert response.status_code == expected[what], (what, response.status_code)
        assert_secured(response, what)
    assert responses["media"].mimetype == "image/png"


def test_https_setting_adds_hsts_and_secure_cookies(db_path: Path) -> None:
    app = make_app(db_path, EXAM_PREP_HTTPS=True)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    client = app.test_client()
    user = Candidate(client, "보안접속")
    token = user.refresh_token()
    response = client.post("/auth/register", data={"csrf_token": token, "username": "보안접속",
                                                   "password": PASSWORD, "password2": PASSWORD})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    for url in ("/", "/static/css/site.css", "/no-such-page", "/api/v1/attempts/1"):
        with client.get(url) as each:
            assert each.headers["Strict-Transport-Security"] == "max-age=31536000", url
    with app.app_context():
        db.engine.dispose()


def test_https_is_on_by_default_in_production_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "EXAM_PREP_ENV", "EXAM_PREP_HTTPS"):
        monkeypatch.delenv(name, raising=False)
    assert Config().EXAM_PREP_HTTPS is False  # a laptop serves plain HTTP
    monkeypatch.setenv("EXAM_PREP_ENV", "production")
    assert Config().EXAM_PREP_HTTPS is True
    monkeypatch.setenv("EXAM_PREP_HTTPS", "0")  # production behind plain HTTP must say so
    assert Config().EXAM_PREP_HTTPS is False
    monkeypatch.delenv("EXAM_PREP_ENV")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/exam_prep")
    monkeypatch.delenv("EXAM_PREP_HTTPS")
    assert Config().EXAM_PREP_HTTPS is True
