"""The test server itself: a response body is closed even when werkzeug skips its close()."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from flask import Response

from tests.browser.conftest import serving
from tests.conftest import make_app


class DrainFails:
    """Stands in for werkzeug's selector when the peer reset the socket while it was drained."""

    def register(self, *args: object, **kwargs: object) -> None:
        raise ConnectionResetError(104, "Connection reset by peer")


def test_a_body_is_closed_when_the_connection_drops_after_it_was_sent(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    closed: list[str] = []
    app = make_app(tmp_path / "site.sqlite")

    @app.get("/test-script.js")
    def script() -> Response:
        response = Response(iter([b"console.log(1)"]), mimetype="text/javascript")
        response.call_on_close(lambda: closed.append("script.js"))
        return response

    import werkzeug.serving

    monkeypatch.setattr(werkzeug.serving.selectors, "DefaultSelector", DrainFails)
    with serving(app) as server:
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as client:
            client.sendall(b"GET /test-script.js HTTP/1.1\r\nHost: test\r\n\r\n")
            received = b""
            while chunk := client.recv(4096):
                received += chunk
    assert b"console.log(1)" in received
    assert closed == ["script.js"]
