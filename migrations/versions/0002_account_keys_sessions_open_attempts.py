"""account keys, session tokens, login throttle, one open attempt per exam

- user.username_key: the name as login compares it (NFKC + casefold), unique, so names that
  differ only by case are one account even when registered at the same moment;
- user.session_token: part of the login id in session and remember-me cookies; changed on
  logout and password change so that older cookies stop working;
- login_failure: login tries counted per account and per address (accounts.throttle);
- a partial unique index: at most one open attempt per user and exam.

Rows made by the races this closes are settled first, so the unique indexes can be built:
accounts whose names share a key keep their rows; the oldest keeps the key (it was the only
one that could log in), each younger one gets "<key>~<id>". Of several open attempts of one
exam, the one saved to last stays open; the others are deleted when nothing was saved in them,
else finished with finish_reason "duplicate" (left unscored).

Revision ID: 0002_accounts
Revises: 0001_initial
Create Date: 2026-12-02 10:00:00

"""
import secrets
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002_accounts'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

OPEN = "'open'"


def _username_key(name):
    # The same rule as exam_prep.accounts.username_key, frozen here as it was written.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _fill_user_columns(conn):
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('username', sa.String),
                    sa.column('username_key', sa.String), sa.column('session_token', sa.String))
    taken = set()
    for user_id, username in conn.execute(sa.select(user.c.id, user.c.username).order_by(user.c.id)).all():
        key = _username_key(username.strip())
        if key in taken:
            key = f"{key}~{user_id}"
        taken.add(key)
        conn.execute(user.update().where(user.c.id == user_id)
                     .values(username_key=key, session_token=secrets.token_hex(16)))


def _settle_duplicate_open_attempts(conn):
    attempt = sa.table('attempt', sa.column('id', sa.Integer), sa.column('user_id', sa.Integer),
                       sa.column('exam_id', sa.String), sa.column('status', sa.String),
                       sa.column('finished_at', sa.DateTime), sa.column('finish_reason', sa.String))
    item = sa.table('attempt_item', sa.column('attempt_id', sa.Integer), sa.column('saved_at', sa.DateTime))
    groups = conn.execute(
        sa.select(attempt.c.user_id, attempt.c.exam_id).where(attempt.c.status == 'open')
        .group_by(attempt.c.user_id, attempt.c.exam_id).having(sa.func.count() > 1)).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for user_id, exam_id in groups:
        last_save = sa.select(sa.func.max(item.c.saved_at)).where(item.c.attempt_id == attempt.c.id).scalar_subquery()
        rows = conn.execute(
            sa.select(attempt.c.id, last_save.label('last_save'))
            .where(attempt.c.user_id == user_id, attempt.c.exam_id == exam_id, attempt.c.status == 'open')).all()
        rows.sort(key=lambda r: (r.last_save is not None, r.last_save or datetime.min, r.id))
        for row in rows[:-1]:
            if row.last_save is None:
                conn.execute(item.delete().where(item.c.attempt_id == row.id))
                conn.execute(attempt.delete().where(attempt.c.id == row.id))
            else:
                conn.execute(attempt.update().where(attempt.c.id == row.id)
                             .values(status='finished', finished_at=now, finish_reason='duplicate'))


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_key', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    _fill_user_columns(op.get_bind())
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('username_key', existing_type=sa.String(length=60), nullable=False)
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f('ix_user_username_key'), ['username_key'], unique=True)

    _settle_duplicate_open_attempts(op.get_bind())
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('uq_attempt_open_per_exam', ['user_id', 'exam_id'], unique=True,
                              sqlite_where=sa.text(f"status = {OPEN}"),
                              postgresql_where=sa.text(f"status = {OPEN}"))

    op.create_table('login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failure'))
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failure_at'), ['at'], unique=False)
        batch_op.create_index('ix_login_failure_key_at', ['key', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failure_key_at')
        batch_op.drop_index(batch_op.f('ix_login_failure_at'))
    op.drop_table('login_failure')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_open_per_exam')

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_username_key'))
        batch_op.drop_column('session_token')
        batch_op.drop_column('username_key')
