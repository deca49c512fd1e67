"""exam_prep: timed AIDE mock exams from a YAML question bank."""
from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from .accounts.sessions import SignedCookieSessions
from .config import DEV_SECRET_KEY, PROJECT_ROOT, Config, TestingConfig, is_production_env
from .converters import IdConverter
from .delivery import Utf8JSONProvider
from .extensions import babel, csrf, db, login_manager, migrate


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.json = Utf8JSONProvider(app)  # before the Jinja environment, whose tojson takes its dumps
    app.url_map.converters["int"] = IdConverter  # before any route: ids beyond 64 bits are 404
    overrides = dict(config or {})
    base = TestingConfig() if overrides.get("TESTING") else Config()
    app.config.from_object(base)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "exam_prep.sqlite")
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(app.config)
    if not app.config.get("EXAM_PREP_MEDIA_DIR"):
        app.config["EXAM_PREP_MEDIA_DIR"] = os.path.join(app.instance_path, "media")
    _configure_secret_key(app)
    app.session_interface = SignedCookieSessions()

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=lambda: "ko",
                   default_translation_directories=str(PROJECT_ROOT / "translations"))

    from . import auth, delivery, errors, jinja, rendering, security
    from .api import bp as api_bp
    from .auth.routes import bp as auth_bp
    from .cli import register_cli
    from .dashboard.routes import bp as dashboard_bp
    from .health.routes import bp as health_bp
    from .instructor.routes import bp as instructor_bp
    from .media_files.routes import bp as media_bp
    from .notebook.api import bp as notebook_api_bp
    from .notebook.routes import bp as notebook_bp
    from .practice.routes import bp as practice_bp
    from .progress.routes import bp as progress_bp
    from .review.routes import bp as review_bp
    from .taking.routes import bp as exam_bp

    auth.init_login(login_manager)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(exam_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(instructor_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(notebook_bp)
    app.register_blueprint(notebook_api_bp)
    app.register_blueprint(practice_bp)
    app.register_blueprint(progress_bp)
    errors.register(app)
    security.init_app(app)
    jinja.register(app)
    rendering.init_app(app)
    delivery.init_app(app)
    register_cli(app)
    if app.config["EXAM_PREP_AUTO_SETUP"]:
        _setup_on_first_request(app)
    return app


def _is_production(app: Flask) -> bool:
    return is_production_env()


def _configure_secret_key(app: Flask) -> None:
    """Production (DATABASE_URL set, or EXAM_PREP_ENV=production) needs SECRET_KEY from the
    environment, shared by every worker. On a laptop a random key is kept in instance/."""
    if app.config["TESTING"] or app.config["SECRET_KEY"] != DEV_SECRET_KEY:
        return
    if _is_production(app):
        raise RuntimeError(
            "SECRET_KEY is not set. In production every worker must share one secret key: "
            "set the SECRET_KEY environment variable (e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def _engine_options(config: Any) -> dict[str, Any]:
    """The engine's options: pre-ping (a SELECT 1 each time a pooled connection is taken) finds
    a connection a database server dropped (a restart, an idle timeout) before a request uses
    it. An SQLite file has no server to drop one, so there it would only add a statement to
    every request, the answer save included."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("pool_pre_ping", make_url(config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() != "sqlite")
    return options


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL lets autosaves and page reads overlap; busy_timeout waits instead of failing.
    synchronous=FULL (SQLite's default, stated here): a save the candidate was told is stored
    survives a power cut too, not only a crash of the app (NORMAL); it costs a save nothing
    measurable (docs/benchmarks.md: the save is CPU-bound)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _setup_on_first_request(app: Flask) -> None:
    """Bring the schema up to date and load the bank once, before the first request."""
    lock = threading.Lock()
    done = False

    @app.before_request
    def _setup() -> None:
        nonlocal done
        if done:
            return
        with lock:
            if done:
                return
            from .setup import prepare_database

            prepare_database(app)
            done = True
