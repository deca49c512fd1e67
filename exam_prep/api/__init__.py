"""The JSON API under /api/v1, used by the exam page itself (documented in docs/api.md)."""
from .routes import bp

__all__ = ["bp"]
