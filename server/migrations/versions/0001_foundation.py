"""Foundation: the record of demo seeders that have run.

Every later revision of the chain (0002_accounts, 0003_registries) builds on this one.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demo_seed_runs",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("seeded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_demo_seed_runs")),
    )


def downgrade() -> None:
    op.drop_table("demo_seed_runs")
