"""What a fresh clone needs before it can serve: the schema, then the bundled bank.

The schema is migrated before the first request is answered (fast, and nothing works without
it). The bank is loaded in a background thread, so that no request ever waits on it: a large or
hostile bank (an alias bomb, a slow disk) cannot hang the site, and until the load finishes the
site serves what the database already holds. A bank with problems is logged, problem by
problem, and changes nothing. A bank folder unchanged since its last load (same files, same
code: bank.fingerprint) is not read again, so a restart costs a few milliseconds of hashing
instead of seconds of parsing beside the first requests.
"""
from __future__ import annotations

import threading

from flask import Flask
from flask_migrate import upgrade

from .bank import BankError
from .bank.sync import load_folder

_LOAD = "exam_prep.bank_load"  # app.extensions key of the background load's thread


def ensure_schema(app: Flask) -> None:
    """Apply any migration not yet applied (idempotent)."""
    if app.config["EXAM_PREP_AUTO_SETUP"]:
        upgrade(directory=app.extensions["migrate"].directory)


def prepare_database(app: Flask) -> None:
    """Migrate now; load the bank in the background (see the module's docstring)."""
    ensure_schema(app)
    start_bank_load(app)


def start_bank_load(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=_load_bank, args=(app,), name="exam-prep-bank-load", daemon=True)
    app.extensions[_LOAD] = thread
    thread.start()
    return thread


def bank_loading(app: Flask) -> bool:
    """Whether the background load of the bank is still running."""
    thread = app.extensions.get(_LOAD)
    return thread is not None and thread.is_alive()


def wait_for_bank_load(app: Flask, timeout: float | None = None) -> bool:
    """Wait for the background load (if one was started); True once none is running."""
    thread = app.extensions.get(_LOAD)
    if thread is not None:
        thread.join(timeout)
    return not bank_loading(app)


def _load_bank(app: Flask) -> None:
    folder = app.config["EXAM_PREP_QUESTION_BANK"]
    with app.app_context():
        try:
            report = load_folder(folder, unless_loaded=True)
        except BankError as exc:
            # The site keeps serving what was loaded before; the problems go to the log.
            lines = "\n".join(str(p) for p in exc.problems)
            app.logger.error("Question bank %s was not loaded (nothing changed):\n%s", folder, lines)
        except Exception:  # a broken database, a full disk: logged, and the site keeps serving
            app.logger.exception("Question bank %s was not loaded (nothing changed)", folder)
        else:
            if report is None:
                app.logger.info("Question bank %s unchanged since its last load: not read again", folder)
            else:
                app.logger.info("Question bank %s loaded: %s", folder, report)
