"""exercise images in the database (media_blob)

Every app host serves /media/<sha256>.<ext> from this table, so a host that never ran
`bank load` (and has no media folder) still shows every image. Rows are written by `bank load`
and the instructor workspace through exam_prep.media.store; the name is the image's content
hash, so a row never changes. After upgrading, run `flask bank load` once to fill it from the
bank folder, and `flask bank import-media` on the host whose media folder holds the images of
older, retired versions (until then that host still serves them from its folder).

Revision ID: 0006_media_blob
Revises: 0005_practice_notebook
Create Date: 2026-12-02 05:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0006_media_blob'
down_revision = '0005_practice_notebook'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'media_blob',
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_media_blob')),
    )


def downgrade():
    op.drop_table('media_blob')
