"""The registry that maps a type name in the bank to its QuestionType."""
from __future__ import annotations

from .base import QuestionType

_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    if cls.name in _TYPES:
        raise ValueError(f"question type {cls.name!r} registered twice")
    _TYPES[cls.name] = cls()
    return cls


def get(name: str) -> QuestionType:
    return _TYPES[name]


def names() -> list[str]:
    return list(_TYPES)


def is_registered(name: str) -> bool:
    return name in _TYPES
