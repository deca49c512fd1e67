"""Flask extensions, created once and bound to the app in create_app."""
import hmac

from flask import current_app, g, request, session
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect, same_origin
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase
from wtforms import ValidationError

from . import signed

# Named constraints, so that Alembic batch migrations on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)
login_manager = LoginManager()
# The body types whose fields Werkzeug parses into request.form; any other body has no form fields.
FORM_MIMETYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


class CSRF(CSRFProtect):
    """Flask-WTF's CSRF check, the same tokens and the same rule, for less:
    - the token of a request without a form body (the pages' JSON calls) is read from its
      header straight away: Flask-WTF looks in request.form first, which would parse the body
      for form fields that such a request cannot have;
    - a token is verified once (exam_prep.signed) with a serializer made once per key, then
      compared with the session's in constant time on every request, as Flask-WTF does.
    ``validate`` is that check for the views that run it themselves (uploads)."""

    def _get_csrf_token(self) -> str | None:
        if request.mimetype in FORM_MIMETYPES:
            return super()._get_csrf_token()
        for header_name in current_app.config["WTF_CSRF_HEADERS"]:
            token = request.headers.get(header_name)
            if token:
                return token
        return None

    def validate(self, token: str | None) -> None:
        """Flask-WTF's ``validate_csrf`` with the app's settings: ValidationError, with its
        messages, unless ``token`` is the session's token signed with the app's key."""
        config = current_app.config
        field_name = config["WTF_CSRF_FIELD_NAME"]
        if not token:
            raise ValidationError("The CSRF token is missing.")
        if field_name not in session:
            raise ValidationError("The CSRF session token is missing.")
        try:
            expected = signed.loads(self._serializer(), token, config["WTF_CSRF_TIME_LIMIT"])
        except SignatureExpired as exc:
            raise ValidationError("The CSRF token has expired.") from exc
        except BadData as exc:
            raise ValidationError("The CSRF token is invalid.") from exc
        if not isinstance(expected, str) or not hmac.compare_digest(session[field_name], expected):
            raise ValidationError("The CSRF tokens do not match.")

    def _serializer(self) -> URLSafeTimedSerializer:
        key = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
        return signed.serializer((key,), "wtf-csrf-token")

    def protect(self, apply_exemptions: bool = False) -> None:
        """Flask-WTF's ``protect`` (exemptions, methods, the strict referrer over HTTPS), with
        ``validate`` as its check."""
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        try:
            self.validate(self._get_csrf_token())
        except ValidationError as exc:
            self._error_response(exc.args[0])
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True


csrf = CSRF()
babel = Babel()
