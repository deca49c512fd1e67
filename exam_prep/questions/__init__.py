"""Question types. Importing this package registers every built-in type."""
from . import bbox, choice, classify, inspect, keypoints, ocr, ox, polygon, short, spans  # noqa: F401  (registers)
from .base import QuestionSchema, QuestionType, ResponseError, Score
from .registry import get, is_registered, names

__all__ = ["QuestionSchema", "QuestionType", "ResponseError", "Score", "get", "is_registered", "names"]
