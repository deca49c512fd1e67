"""Question types. Importing this package registers every built-in type."""
from . import choice, ox, short  # noqa: F401  (registration happens on import)
from .base import QuestionSchema, QuestionType, ResponseError, Score
from .registry import get, is_registered, names

__all__ = ["QuestionSchema", "QuestionType", "ResponseError", "Score", "get", "is_registered", "names"]
