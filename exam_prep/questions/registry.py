"""The one list of question types: a bank's ``type:`` name -> its QuestionType.

Adding a type means adding its module or package and naming its class in ``BUILT_IN`` below;
nothing else in the application lists type names.
"""
from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from ..lru import BoundedLRU
from .base import QuestionSchema, QuestionType, StoredQuestionInvalid
from .bbox import BBox
from .choice import Multiple, Single
from .classify import Classify
from .inspect import Inspect
from .keypoints import Keypoints
from .labeling import STORED
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


class StoredVersion(Protocol):
    """What model_of reads of a question version (a QuestionVersion row, or a query's row)."""

    id: int
    question_id: str
    version: int
    type: str
    content_hash: str
    payload: dict[str, Any]


MODEL_CACHE_SIZE = 4096
_models: BoundedLRU[QuestionSchema] = BoundedLRU(MODEL_CACHE_SIZE)


def model_from_payload(type_name: str, payload: dict[str, Any]) -> QuestionSchema:
    """A stored payload validated back into its type's schema (pydantic ValidationError if the
    schema no longer accepts it). Images and references are taken as stored, no file is read."""
    return get(type_name).schema.model_validate(payload, context={STORED: True})


def cached_model(version_id: int, content_hash: str) -> QuestionSchema | None:
    """The typed question of a version if ``model_of`` has it already (no payload needed)."""
    return _models.get((version_id, content_hash))


def model_of(version: StoredVersion) -> QuestionSchema:
    """The typed question of a stored version, validated once per version (cached by id and
    content hash: versions are immutable). Raises StoredQuestionInvalid when its type is gone
    or its schema no longer accepts the stored payload."""
    model = cached_model(version.id, version.content_hash)
    if model is not None:
        return model
    key = (version.id, version.content_hash)
    try:
        model = model_from_payload(version.type, version.payload)
    except KeyError:
        raise StoredQuestionInvalid(version.question_id, version.version, f"unknown type {version.type!r}") from None
    except ValidationError as exc:
        raise StoredQuestionInvalid(version.question_id, version.version, str(exc)) from None
    return _models.put(key, model)


for _cls in BUILT_IN:
    register(_cls)
