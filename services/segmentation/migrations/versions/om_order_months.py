"""order_months: each customer's orders per business month, filled from the orders

Revision ID: om_order_months
Revises: ta_ticket_assignee
Create Date: 2026-12-02 18:50:00

The monthly snapshot scores every customer as of a month's end from its orders of the 12 months
before (docs/design.md §9). It now reads one row per customer and business month (order count,
amount, last order time) instead of every order. The service adds to these rows in the transaction
that stores each order; this revision fills them from the orders already stored, cut in the
business time zone configured for this deployment (`CRM_BUSINESS_TIMEZONE`, Asia/Shanghai by
default), and records that zone in `order_months_zone`: a service started with another zone
rebuilds the months before it serves.

On PostgreSQL the orders are read under a SHARE lock: an order recorded meanwhile by a replica of
the previous version (which does not add to `order_months`) waits for this transaction, and is
stored after the months are filled: such an order is counted once the months are rebuilt (stop
the previous version's replicas before migrating, as for every schema change).

Downgrade: the two tables are dropped (the orders themselves are untouched).
"""

import os
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision: str = "om_order_months"
down_revision: str | None = "ta_ticket_assignee"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_ZONE = "Asia/Shanghai"


def upgrade() -> None:
    op.create_table(
        "order_months",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("last_order_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("customer_id", "month"),
    )
    op.create_table(
        "order_months_zone",
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("zone"),
    )
    zone = os.environ.get("CRM_BUSINESS_TIMEZONE", DEFAULT_ZONE)
    ZoneInfo(zone)  # an unknown zone fails here, as the service's settings would
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("LOCK TABLE orders IN SHARE MODE")
        # One statement per 50,000 customers: each stays inside the driver's command timeout.
        after = ""
        while (last := bind.execute(sa.text(
                "SELECT max(id) FROM (SELECT id FROM customers WHERE id > :after ORDER BY id LIMIT 50000) "
                "AS ids"), {"after": after}).scalar()) is not None:
            bind.execute(sa.text(
                "INSERT INTO order_months (customer_id, month, orders, amount, last_order_at) "
                "SELECT customer_id, date_trunc('month', ordered_at AT TIME ZONE :zone)::date, count(*), "
                "sum(amount), max(ordered_at) FROM orders "
                "WHERE customer_id > :after AND customer_id <= :last GROUP BY 1, 2"),
                {"zone": zone, "after": after, "last": last})
            after = last
    else:
        _fill_in_python(bind, ZoneInfo(zone))
    bind.execute(sa.text("INSERT INTO order_months_zone (zone) VALUES (:zone)"), {"zone": zone})


def _fill_in_python(bind, zone: ZoneInfo) -> None:
    """SQLite (the embedded default) has no time zones: the months are cut here."""
    orders = sa.table("orders", sa.column("customer_id", sa.String), sa.column("amount", sa.Numeric(14, 2)),
                      sa.column("ordered_at", UTCDateTime()))
    months: dict[tuple, list] = {}
    for customer_id, amount, ordered_at in bind.execute(sa.select(orders.c.customer_id, orders.c.amount,
                                                                  orders.c.ordered_at)):
        month = ordered_at.astimezone(zone).date().replace(day=1)
        found = months.setdefault((customer_id, month), [0, 0, ordered_at])
        found[0] += 1
        found[1] += amount
        found[2] = max(found[2], ordered_at)
    table = sa.table("order_months", sa.column("customer_id", sa.String), sa.column("month", sa.Date),
                     sa.column("orders", sa.Integer), sa.column("amount", sa.Numeric(18, 2)),
                     sa.column("last_order_at", UTCDateTime()))
    rows = [{"customer_id": c, "month": m, "orders": n, "amount": a, "last_order_at": t}
            for (c, m), (n, a, t) in months.items()]
    if rows:
        bind.execute(table.insert(), rows)


def downgrade() -> None:
    op.drop_table("order_months_zone")
    op.drop_table("order_months")
