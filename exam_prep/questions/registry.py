"""The one list of question types: a bank's ``type:`` name -> its QuestionType.

Adding a type means adding its module or package and naming its class in ``BUILT_IN`` below;
nothing else in the application lists type names.
"""
from __future__ import annotations

from .base import QuestionType
from .bbox import BBox
from .choice import Multiple, Single
from .classify import Classify
from .inspect import Inspect
from .keypoints import Keypoints
from .ocr import Ocr
from .ox import Ox
from .polygon import Polygon
from .short import Short
from .spans import Spans

BUILT_IN: tuple[type[QuestionType], ...] = (
    BBox, Single, Multiple, Classify, Inspect, Keypoints, Ocr, Ox, Polygon, Short, Spans,
)

_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Add a type (the built-in ones at import; a test adds a toy type the same way)."""
    if cls.name in _TYPES:
        raise ValueError(f"question type {cls.name!r} registered twice")
    _TYPES[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Remove a type added by ``register`` (a test's toy type, when the test ends)."""
    del _TYPES[name]


def get(name: str) -> QuestionType:
    return _TYPES[name]


def names() -> list[str]:
    return list(_TYPES)


def is_registered(name: str) -> bool:
    return name in _TYPES


for _cls in BUILT_IN:
    register(_cls)
