"""The JSON API under /api/v1, used by the exam page itself (documented in docs/api.md)."""
from . import practice  # noqa: F401  (its routes join the api blueprint)
from .routes import bp

__all__ = ["bp"]
