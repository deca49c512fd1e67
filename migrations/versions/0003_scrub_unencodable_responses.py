"""scrub text that cannot be sent from saved responses

Before responses were checked strictly, a save could store a lone surrogate ("\\ud800") or a
control character in a text field. Such text cannot be encoded as UTF-8, so the exam page and
the result page of that attempt failed on every load. Every string in a saved response is made
sendable: paired surrogates become the character they encode, a lone one becomes U+FFFD, and
control characters other than tab and line feed are removed. Responses that are already clean
are not written.

Revision ID: 0003_scrub_responses
Revises: 0002_accounts
Create Date: 2026-12-02 12:00:00

"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = '0003_scrub_responses'
down_revision = '0002_accounts'
branch_labels = None
depends_on = None

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sendable(value):
    """``value`` with every string encodable as UTF-8 and free of control characters."""
    if isinstance(value, str):
        text = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return _CONTROL.sub("", text)
    if isinstance(value, list):
        return [sendable(v) for v in value]
    if isinstance(value, dict):
        return {sendable(k): sendable(v) for k, v in value.items()}
    return value


def upgrade():
    connection = op.get_bind()
    items = sa.table("attempt_item", sa.column("id", sa.Integer), sa.column("response", sa.JSON))
    rows = connection.execute(sa.select(items.c.id, items.c.response).where(items.c.response.is_not(None)))
    for item_id, response in rows.all():
        clean = sendable(response)
        if json.dumps(clean, sort_keys=True) != json.dumps(response, sort_keys=True):
            connection.execute(sa.update(items).where(items.c.id == item_id).values(response=clean))


def downgrade():
    pass  # the text removed could not be shown anyway
