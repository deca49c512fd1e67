"""The notebook's forms: only the CSRF token is checked here; values are the service's business."""
from __future__ import annotations

from flask_wtf import FlaskForm


class PostForm(FlaskForm):
    """A POST of the notebook (note, bookmark, retry): valid when its CSRF token is."""
