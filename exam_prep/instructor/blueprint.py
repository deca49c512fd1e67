"""The instructor blueprint itself, apart from its views (routes.py, questions.py, editor.py),
so that each view module registers on it without importing the others."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("instructor", __name__, url_prefix="/instructor")
