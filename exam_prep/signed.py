"""Signed values verified once: the session cookie and the CSRF token.

Each request carries both, and each is an itsdangerous value (payload, timestamp, HMAC). Flask
and Flask-WTF verify them again on every request: two key derivations and two HMACs each,
base64 and JSON. That was a fifth of the answer save's time. A value that verified is the same
value the next time it arrives, so its payload and signing time are remembered (bounded,
least recently used first out) and its age is checked on every use: an expired value is
refused as before, a value that never verified is never remembered, and a value signed with
a key that is no longer the app's is not found (the serializer, made per key set, is part of
what is remembered).

Payloads are shared between the requests that carry the same value: callers hand out copies
(sessions.SignedCookieSessions) or immutable values (a CSRF token is a string).
"""
from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from typing import Any

from itsdangerous import SignatureExpired, URLSafeTimedSerializer

# The SHA-1 Flask and Flask-WTF sign with, called directly: their default wraps it in a Python
# function, which makes the standard library's hmac fall back to its pure-Python HMAC. The
# signatures are the same bytes.
DIGEST = hashlib.sha1
REMEMBERED = 4096


@lru_cache(maxsize=16)
def serializer(keys: tuple[str | bytes, ...], salt: str, payload: Any = None,
               key_derivation: str = "django-concat") -> URLSafeTimedSerializer:
    """The serializer that signs with the last of ``keys`` and accepts any of them (itsdangerous'
    order), with ``payload`` as its payload serializer (None: itsdangerous' JSON), SHA-1 called
    directly. Made once per key set: Flask and Flask-WTF build one per request, and the values
    remembered below are found by it, so a changed key finds none of them."""
    return URLSafeTimedSerializer(list(keys), salt=salt, serializer=payload,
                                  signer_kwargs={"key_derivation": key_derivation, "digest_method": DIGEST})


@lru_cache(maxsize=REMEMBERED)
def _verified(serializer: URLSafeTimedSerializer, value: str) -> tuple[Any, int]:
    """The payload of ``value`` and when it was signed; BadSignature (not remembered) if it does
    not verify with ``serializer``'s keys."""
    payload, signed_at = serializer.loads(value, return_timestamp=True)
    return payload, int(signed_at.timestamp())


def loads(serializer: URLSafeTimedSerializer, value: str, max_age: int | None) -> Any:
    """What ``serializer.loads(value, max_age=max_age)`` returns, verifying ``value`` once:
    BadSignature if it does not verify, SignatureExpired if it is older than ``max_age``
    seconds (or signed in the future), as itsdangerous decides."""
    payload, signed_at = _verified(serializer, value)
    if max_age is not None:
        age = int(time.time()) - signed_at
        if age > max_age:
            raise SignatureExpired(f"Signature age {age} > {max_age} seconds", payload=payload)
        if age < 0:
            raise SignatureExpired(f"Signature age {age} < 0 seconds", payload=payload)
    return payload
