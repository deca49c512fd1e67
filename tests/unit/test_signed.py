"""exam_prep.signed: a signed value is verified once, its age on every use."""
from __future__ import annotations

import contextlib
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from exam_prep import signed


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time signed.loads reads, set by the test (itsdangerous signs with the real one)."""
    import time

    now = [time.time()]
    monkeypatch.setattr(signed, "time", types.SimpleNamespace(time=lambda: now[0]))
    return now


def serializer(key: str = "key") -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt="test", signer_kwargs={"digest_method": signed.DIGEST})


def test_a_value_verifies_and_its_payload_comes_back() -> None:
    s = serializer()
    value = s.dumps({"user": "7:abc"})
    assert signed.loads(s, value, None) == {"user": "7:abc"}
    assert signed.loads(s, value, 60) == {"user": "7:abc"}  # remembered now: the same answer


def test_the_signature_is_flasks_own() -> None:
    """SHA-1 called directly signs the same bytes as the default (a wrapped SHA-1)."""
    ours = URLSafeTimedSerializer("key", salt="test", signer_kwargs={"digest_method": signed.DIGEST})
    theirs = URLSafeTimedSerializer("key", salt="test")
    value = theirs.dumps("payload")
    assert signed.loads(ours, value, None) == "payload"
    assert ours.loads(ours.dumps("x")) == theirs.loads(ours.dumps("x")) == "x"


def test_a_remembered_value_still_expires(clock: list[float]) -> None:
    s = serializer()
    value = s.dumps("token")
    assert signed.loads(s, value, 100) == "token"
    clock[0] += 101
    with pytest.raises(SignatureExpired):
        signed.loads(s, value, 100)
    assert signed.loads(s, value, None) == "token"  # no limit, no expiry
    clock[0] -= 1000  # a clock gone back: signed "in the future"
    with pytest.raises(SignatureExpired):
        signed.loads(s, value, 100)


def test_a_value_that_does_not_verify_is_refused_every_time() -> None:
    s = serializer()
    value = s.dumps("token")
    forged = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(BadSignature):
            signed.loads(s, forged, None)
    with pytest.raises(BadSignature):  # signed with another key
        signed.loads(s, serializer("another key").dumps("token"), None)


def test_a_value_verified_under_an_old_key_is_not_found_under_the_new_one() -> None:
    old, new = serializer("old"), serializer("new")
    value = old.dumps("token")
    assert signed.loads(old, value, None) == "token"
    with pytest.raises(BadSignature):
        signed.loads(new, value, None)


@given(st.text(max_size=200))
def test_any_text_is_a_payload_or_bad_signature(text: str) -> None:
    s = serializer()
    with contextlib.suppress(BadSignature):
        signed.loads(s, text, 60)
