"""instructor workspace: question change history, deactivatable accounts

``question_change`` records every change an instructor makes to the bank through the site (who,
when, which question, the versions before and after), so a question's history can be shown and
an earlier version restored. ``user.active`` lets an instructor deactivate an account.
``question_version.lint`` keeps the `bank check --lint` warnings of a version for the instructor list.

Revision ID: 0004_instructor_workspace
Revises: 0003_scrub_responses
Create Date: 2026-12-02 05:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0004_instructor_workspace'
down_revision = '0003_scrub_responses'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user') as batch:
        batch.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('question_version') as batch:
        batch.add_column(sa.Column('lint', sa.JSON(), nullable=True))
    op.create_table(
        'question_change',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('question_id', sa.String(length=100), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('file', sa.String(length=500), nullable=False),
        sa.Column('before_version_id', sa.Integer(), sa.ForeignKey('question_version.id'), nullable=True),
        sa.Column('after_version_id', sa.Integer(), sa.ForeignKey('question_version.id'), nullable=True),
    )
    op.create_index('ix_question_change_question_at', 'question_change', ['question_id', 'at'])


def downgrade():
    op.drop_index('ix_question_change_question_at', table_name='question_change')
    op.drop_table('question_change')
    with op.batch_alter_table('question_version') as batch:
        batch.drop_column('lint')
    with op.batch_alter_table('user') as batch:
        batch.drop_column('active')
