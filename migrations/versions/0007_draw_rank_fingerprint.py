"""places in the pools (draw_rank) and the bank load's fingerprint

``question_version.draw_rank`` numbers the current versions of each pool (level, type, domain)
0, 1, 2, …, and the index ``ix_question_version_draw`` (is_current, level, type, domain,
draw_rank) replaces ``ix_question_version_pool`` (its first four columns): starting an exam
looks up only the places it draws (exam_prep.bank.ranks, exam_prep.exams.pools). The upgrade
numbers the current versions as a bank load would. ``bank_load.fingerprint`` is what a load read
(exam_prep.bank.fingerprint): the start of a site whose bank folder and code are unchanged
skips reading the bank again.

Revision ID: 0007_draw_rank_fingerprint
Revises: 0006_media_blob
Create Date: 2026-12-02 08:00:00

"""
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0007_draw_rank_fingerprint'
down_revision = '0006_media_blob'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question_version') as batch:
        batch.add_column(sa.Column('draw_rank', sa.Integer(), nullable=True))
        batch.drop_index('ix_question_version_pool')
        batch.create_index('ix_question_version_draw', ['is_current', 'level', 'type', 'domain', 'draw_rank'])
    with op.batch_alter_table('bank_load') as batch:
        batch.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))

    versions = sa.table('question_version', sa.column('id', sa.Integer()), sa.column('level', sa.Integer()),
                        sa.column('type', sa.String()), sa.column('domain', sa.String()),
                        sa.column('is_current', sa.Boolean()), sa.column('draw_rank', sa.Integer()))
    conn = op.get_bind()
    following = defaultdict(int)
    places = []
    for version_id, level, type_name, domain in conn.execute(
            sa.select(versions.c.id, versions.c.level, versions.c.type, versions.c.domain)
            .where(versions.c.is_current.is_(True)).order_by(versions.c.id)):
        places.append({'version_id': version_id, 'rank': following[level, type_name, domain]})
        following[level, type_name, domain] += 1
    if places:
        conn.execute(versions.update().where(versions.c.id == sa.bindparam('version_id'))
                     .values(draw_rank=sa.bindparam('rank')), places)


def downgrade():
    with op.batch_alter_table('bank_load') as batch:
        batch.drop_column('fingerprint')
    with op.batch_alter_table('question_version') as batch:
        batch.drop_index('ix_question_version_draw')
        batch.create_index('ix_question_version_pool', ['is_current', 'level', 'type', 'domain'])
        batch.drop_column('draw_rank')
