"""Contact preferences carry an ETag and take If-Match, so an edit made from a page read earlier
never silently undoes someone else's (docs/design.md §10, §13)."""

from __future__ import annotations

from tests.integration.notification.helpers import new_id
from tests.support import ADMIN, bearer

WRITER = bearer("manager", sub="mgr-prefs")  # sees every customer: this test is about preconditions


async def test_a_stale_if_match_is_a_412_and_the_preferences_stay_as_the_other_writer_left_them(notification):
    customer = new_id("pref")
    path = f"/v1/contacts/{customer}/preferences"
    first = await notification.get(path, headers=WRITER)
    assert first.status_code == 200 and first.headers["etag"].startswith('"')
    read_at = first.headers["etag"]
    assert (await notification.get(path, headers={**WRITER, "If-None-Match": read_at})).status_code == 304

    mine = await notification.put(
        path,
        headers={**WRITER, "If-Match": read_at},
        json={"consent": True, "opted_out": ["sms"], "language": "en"},
    )
    assert mine.status_code == 200, mine.text
    assert mine.headers["etag"] != read_at
    assert mine.headers["etag"] == (await notification.get(path, headers=WRITER)).headers["etag"]

    stale = await notification.put(
        path,
        headers={**WRITER, "If-Match": read_at},
        json={"consent": False, "opted_out": [], "language": "zh-CN"},
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["errors"][0]["field"] == "If-Match"
    kept = (await notification.get(path, headers=ADMIN)).json()
    assert (kept["consent"], kept["opted_out"], kept["language"]) == (True, ["sms"], "en")
    # Without If-Match the write still goes through (unless the deployment requires it).
    plain = await notification.put(path, headers=WRITER, json={"consent": True, "preferred_channel": "email"})
    assert plain.status_code == 200 and plain.json()["preferred_channel"] == "email"
