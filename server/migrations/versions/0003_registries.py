"""Registries: the data-access log, life events received and the pull cursor, offers, and
the application groups of bundle submissions.

Revision ID: 0003_registries
Revises: 0002_accounts
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_registries"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_pinfl", sa.String(length=14), nullable=False),
        sa.Column("registry", sa.String(length=32), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("purpose_ref", sa.String(length=64), nullable=True),
        sa.Column("service_id", sa.String(length=64), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_agency", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_access_log")),
    )
    op.create_index("ix_data_access_log_subject_at", "data_access_log", ["subject_pinfl", "id"])
    op.create_table(
        "life_event_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject_pinfl", sa.String(length=14), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_event_receipts")),
        sa.UniqueConstraint("event_id", name=op.f("uq_life_event_receipts_event_id")),
    )
    op.create_index(op.f("ix_life_event_receipts_subject_pinfl"), "life_event_receipts",
                    ["subject_pinfl"])
    op.create_table(
        "life_event_cursors",
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_life_event_cursors")),
    )
    op.create_table(
        "offers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("event_kind", sa.String(length=40), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("prefill", sa.JSON(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("application_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_offers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint("event_id", name=op.f("uq_offers_event_id")),
    )
    op.create_index("ix_offers_user_id_id", "offers", ["user_id", "id"])
    op.create_table(
        "application_groups",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_application_groups_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_groups")),
    )
    op.create_index(op.f("ix_application_groups_user_id"), "application_groups", ["user_id"])
    op.create_table(
        "application_group_members",
        sa.Column("application_id", sa.String(length=32), nullable=False),
        sa.Column("group_id", sa.String(length=32), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"], ondelete="CASCADE",
                                name=op.f("fk_application_group_members_application_id_applications")),
        sa.ForeignKeyConstraint(["group_id"], ["application_groups.id"], ondelete="CASCADE",
                                name=op.f("fk_application_group_members_group_id_application_groups")),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_group_members")),
    )
    op.create_index(op.f("ix_application_group_members_group_id"), "application_group_members",
                    ["group_id"])


def downgrade() -> None:
    for table in ("application_group_members", "application_groups", "offers",
                  "life_event_cursors", "life_event_receipts", "data_access_log"):
        op.drop_table(table)
