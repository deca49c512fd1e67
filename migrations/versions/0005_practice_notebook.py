"""practice sets, the wrong-answer notebook and bookmarks

A practice set is an Attempt with ``mode = 'practice'`` and no exam (``exam_id`` becomes
nullable); its items record when they were checked and how often (``checked_at``, ``tries``).
``notebook_entry`` is a candidate's 오답노트 with its spaced schedule; ``bookmark`` keeps questions
for later.

Revision ID: 0005_practice_notebook
Revises: 0004_instructor_workspace
Create Date: 2026-12-02 05:15:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0005_practice_notebook'
down_revision = '0004_instructor_workspace'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt') as batch:
        batch.add_column(sa.Column('mode', sa.String(length=20), nullable=False, server_default='exam'))
        batch.alter_column('exam_id', existing_type=sa.String(length=60), nullable=True)
    with op.batch_alter_table('attempt_item') as batch:
        batch.add_column(sa.Column('checked_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('tries', sa.Integer(), nullable=False, server_default=sa.text('0')))
    op.create_table(
        'notebook_entry',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=False),
        sa.Column('question_id', sa.String(length=100), nullable=False),
        sa.Column('version_id', sa.Integer(), sa.ForeignKey('question_version.id'), nullable=False),
        sa.Column('attempt_item_id', sa.Integer(), sa.ForeignKey('attempt_item.id'), nullable=True),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.Column('missed_at', sa.DateTime(), nullable=False),
        sa.Column('misses', sa.Integer(), nullable=False),
        sa.Column('last_points', sa.Float(), nullable=True),
        sa.Column('last_max_points', sa.Float(), nullable=True),
        sa.Column('box', sa.Integer(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('right_days', sa.Integer(), nullable=False),
        sa.Column('last_right_on', sa.Date(), nullable=True),
        sa.Column('cleared_at', sa.DateTime(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.UniqueConstraint('user_id', 'question_id'),
    )
    op.create_index('ix_notebook_entry_user_due', 'notebook_entry', ['user_id', 'cleared_at', 'due_at'])
    op.create_table(
        'bookmark',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=False),
        sa.Column('question_id', sa.String(length=100), nullable=False),
        sa.Column('version_id', sa.Integer(), sa.ForeignKey('question_version.id'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('user_id', 'question_id'),
    )


def downgrade():
    op.drop_table('bookmark')
    op.drop_index('ix_notebook_entry_user_due', table_name='notebook_entry')
    op.drop_table('notebook_entry')
    with op.batch_alter_table('attempt_item') as batch:
        batch.drop_column('tries')
        batch.drop_column('checked_at')
    with op.batch_alter_table('attempt') as batch:
        batch.drop_column('mode')
        batch.alter_column('exam_id', existing_type=sa.String(length=60), nullable=False)
