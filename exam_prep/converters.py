"""The `int` URL converter of every route: an id the database can hold, or no such page.

Werkzeug's converter turns any run of digits into a Python int, however long; SQLite cannot bind
one of 2^63 or more (OverflowError, a 500), PostgreSQL's INTEGER none of 2^31 or more, and int() refuses
strings of more than 4300 digits (ValueError, a 500). Here such a segment does not match: 404.
"""
from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map, ValidationError

# The ids are INTEGER columns: PostgreSQL's INTEGER is 32 bits (a larger value is an error there,
# a 500), SQLite's is 64. A segment beyond the smaller is no such page on both.
LARGEST_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    regex = r"[0-9]+"  # ASCII digits only (`\d` also matches other scripts' digits)

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", -LARGEST_ID - 1)
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> Any:
        if len(value.lstrip("-").lstrip("0")) > len(str(LARGEST_ID)):
            raise ValidationError()
        return super().to_python(value)
