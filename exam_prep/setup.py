"""What a fresh clone needs before it can serve: the schema, then the bundled bank."""
from __future__ import annotations

from flask import Flask
from flask_migrate import upgrade

from .bank import BankError
from .bank.sync import load_folder


def ensure_schema(app: Flask) -> None:
    """Apply any migration not yet applied (idempotent)."""
    if app.config["EXAM_PREP_AUTO_SETUP"]:
        upgrade(directory=app.extensions["migrate"].directory)


def prepare_database(app: Flask) -> None:
    ensure_schema(app)
    folder = app.config["EXAM_PREP_QUESTION_BANK"]
    try:
        report = load_folder(folder)
    except BankError as exc:
        # The site keeps serving what was loaded before; the problems go to the log.
        lines = "\n".join(str(p) for p in exc.problems)
        app.logger.error("Question bank %s was not loaded (nothing changed):\n%s", folder, lines)
    else:
        app.logger.info("Question bank %s loaded: %s", folder, report)
