"""Opening a ticket holds the customer and reads the document versions in one statement
(repository.hold_customer_reading_versions): the hold must still be taken and kept to the end of
the transaction, and the versions must be the newest."""

import asyncio

from services.feedback import repository
from services.feedback.service.config import DOCUMENTS


async def test_the_hold_is_taken_with_the_versions_and_kept_until_commit(fb):
    db = fb.app.state.ctx.db
    customer = "hold-1"
    async with db.session() as first:
        async with first.begin():
            versions = dict(await repository.hold_customer_reading_versions(first, customer))
            async with db.session() as reader, reader.begin():
                assert versions == await DOCUMENTS.newest_versions(reader)
            assert {"sla-policy", "priority-rules", "routing"} <= set(versions)

            async def second_hold() -> None:
                async with db.session() as second, second.begin():
                    await repository.hold_customer(second, customer)

            waiting = asyncio.create_task(second_hold())
            await asyncio.sleep(0.5)
            assert not waiting.done()  # the same customer waits for the first transaction
        await asyncio.wait_for(waiting, 10)  # and goes on once it has committed
