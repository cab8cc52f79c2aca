"""Orders per customer and business month (docs/design.md §9, "Order months"): kept in the
transaction that records the orders, equal to the months cut from the orders themselves, and the
snapshot's facts and high-value line read from them equal to those read from every order, at month
ends, across a 29 February and in the middle of a month. On PostgreSQL and on SQLite (the embedded
default)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from services.segmentation import repository
from services.segmentation.app import create_app
from services.segmentation.models import OrderMonthRow
from services.segmentation.settings import segmentation_settings
from shared.business_time import at_local, month_bounds
from tests.integration.segmentation.helpers import ACCOUNT_MANAGER, create_customer, new_id
from tests.support import running_service


def _settings(database: str, broker):
    return segmentation_settings(database_url=database, kafka_bootstrap=broker.bootstrap, run_relay=False,
                                 run_consumers=False, run_workers=False)


async def _months(ctx) -> dict[tuple, tuple]:
    async with ctx.db.session() as session:
        rows = (await session.execute(select(OrderMonthRow))).scalars().all()
        return {(r.customer_id, r.month): (r.orders, float(r.amount), r.last_order_at) for r in rows}


async def _record(seg, customer_id: str, orders: list[tuple[str, float, datetime]]) -> None:
    response = await seg.post(f"/v1/customers/{customer_id}/orders", headers=ACCOUNT_MANAGER, json=[
        {"order_id": order_id, "amount": amount, "ordered_at": at.isoformat()}
        for order_id, amount, at in orders])
    assert response.status_code == 200, response.text


async def test_recorded_orders_are_counted_in_their_business_month_once(each_database, broker):
    async with running_service(create_app(_settings(each_database, broker))) as seg:
        ctx = seg.app.state.ctx
        zone = ctx.clock.zone
        june, _ = month_bounds("2026-06", zone)
        customer_id, other = new_id("months"), new_id("months")
        for cid in (customer_id, other):
            await create_customer(seg, cid)
        # 16:30 UTC on 31 May is 00:30 on 1 June in Shanghai: a June order.
        await _record(seg, customer_id, [("m-1", 100.10, june + timedelta(minutes=30)),
                                         ("m-2", 200.20, june - timedelta(minutes=30))])
        # Two replicas recording orders of the same customer and month at once: both are counted.
        await asyncio.gather(
            _record(seg, customer_id, [("m-3", 300.30, june + timedelta(days=3))]),
            _record(seg, customer_id, [("m-4", 400.40, june + timedelta(days=2))]),
            _record(seg, other, [("o-1", 50, june + timedelta(days=1))]))
        # A late order for a past month, and one recorded twice (counted once).
        await _record(seg, customer_id, [("m-5", 500.50, june - timedelta(days=90)),
                                         ("m-3", 300.30, june + timedelta(days=3))])
        months = await _months(ctx)
        june_1, may_1 = date(2026, 6, 1), date(2026, 5, 1)
        assert months[(customer_id, june_1)] == (3, 800.8, june + timedelta(days=3))
        assert months[(customer_id, may_1)] == (1, 200.2, june - timedelta(minutes=30))
        assert months[(other, june_1)] == (1, 50.0, june + timedelta(days=1))
        assert sum(n for (cid, _), (n, _, _) in months.items() if cid == customer_id) == 5

        # The months rebuilt from the orders (what the migration and a change of zone do) are the same.
        async with ctx.db.session() as session, session.begin():
            await repository.rebuild_order_months(session, zone)
            assert await repository.order_months_zone(session) == zone.key
        assert await _months(ctx) == months


async def test_facts_and_the_high_value_line_read_from_the_months_equal_those_of_the_orders(
    each_database, broker
):
    async with running_service(create_app(_settings(each_database, broker))) as seg:
        ctx = seg.app.state.ctx
        zone = ctx.clock.zone

        def local(year: int, month: int, day: int, hour: int = 0) -> datetime:
            return at_local(date(year, month, day), zone) + timedelta(hours=hour)

        instant = timedelta(microseconds=1)
        april_2023, _ = month_bounds("2023-04", zone)
        # Orders on the edges of the windows below: the first day of April 2023 falls out of the
        # window of March 2024 (29 February is inside), the month ends themselves, a mid-month as_of.
        moments = [local(2023, 3, 31, 23), local(2023, 4, 1, 12), local(2023, 4, 2) - instant,
                   local(2023, 4, 2), local(2023, 4, 15, 9), local(2023, 11, 30, 23), local(2024, 2, 29, 12),
                   local(2024, 3, 15, 8), local(2024, 3, 15, 10), local(2024, 4, 1) - instant,
                   local(2024, 4, 1), local(2024, 5, 20)]
        customers = []
        for index in range(4):
            customer_id = new_id(f"facts{index}")
            customers.append(customer_id)
            await create_customer(seg, customer_id)
            picked = moments[index::2] if index < 2 else moments[index:index + 3]
            await _record(seg, customer_id, [(f"{customer_id}-{k}", 1000 * (k + 1) + index, at)
                                             for k, at in enumerate(picked)])
        quiet = new_id("quiet")  # no order at all
        await create_customer(seg, quiet)
        customers.append(quiet)
        as_ofs = [local(2024, 4, 1) - instant, local(2024, 3, 1) - instant, local(2023, 12, 1) - instant,
                  local(2024, 3, 15, 9), april_2023 + timedelta(days=400), datetime(2024, 6, 1, tzinfo=UTC)]
        async with ctx.db.session() as session:
            postgres = session.bind.dialect.name == "postgresql"
            for as_of in as_ofs:
                by_order = (await session.execute(repository.aggregate_query(
                    as_of, customers, postgres=postgres, zone=zone))).all()
                by_month = (await session.execute(repository.aggregate_query(
                    as_of, customers, postgres=postgres, zone=zone, from_order_months=True))).all()
                assert ([repository.to_facts(r) for r in by_month]
                        == [repository.to_facts(r) for r in by_order]), as_of
                assert (await repository.high_value_line(session, as_of, 0.3, zone)
                        == await repository.high_value_line(session, as_of, 0.3)), as_of
