"""Question types: one module or package per type, listed once in ``registry``."""
from .base import QuestionSchema, QuestionType, ResponseError, Score
from .registry import get, is_registered, names

__all__ = ["QuestionSchema", "QuestionType", "ResponseError", "Score", "get", "is_registered", "names"]
