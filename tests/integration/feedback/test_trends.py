"""Ticket text topics per category and month, and SLA on-time rates per month, over HTTP."""

from tests.integration.feedback.helpers import ANALYST, new_id, open_ticket, post
from tests.unit.feedback.tickets_text import CATEGORIES, THEMES

# Months no other test reports tickets in.
MAY, JUNE = "2024-05", "2024-06"


async def test_topics_of_ticket_descriptions_per_category_and_month(fb):
    for i in range(10):
        for theme, descriptions in THEMES.items():
            month = MAY if i < 6 else JUNE
            await open_ticket(fb, new_id(), description=descriptions[i], category=CATEGORIES[theme].title(),
                              reported_at=f"{month}-1{i % 8}T03:00:00Z")
    response = await fb.get("/v1/reports/ticket-topics", params={"from": MAY, "to": JUNE},
                            headers=ANALYST)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["from_month"], body["to_month"], body["tickets"]) == (MAY, JUNE, 30)
    topics = {t["label"]: t for t in body["topics"]}
    assert set(topics) == {"invoice", "login", "delivery"}
    assert all(t["count"] == 10 and len(t["example_ticket_ids"]) == 3 for t in topics.values())
    assert set(topics["invoice"]["examples"]) <= set(THEMES["invoice"])
    billing = next(c for c in body["by_category"] if c["category"] == "billing")
    invoice = topics["invoice"]["id"]
    assert [(m["month"], m["tickets"], m["topics"]) for m in billing["months"]] == [
        (MAY, 6, [{"topic": invoice, "tickets": 6}]), (JUNE, 4, [{"topic": invoice, "tickets": 4}])]
    only = (await fb.get("/v1/reports/ticket-topics", params={"from": MAY, "to": JUNE, "category": "ACCOUNT"},
                         headers=ANALYST)).json()
    assert only["tickets"] == 10 and [c["category"] for c in only["by_category"]] == ["account"]
    bad = await fb.get("/v1/reports/ticket-topics", params={"from": "2024-5"}, headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "from"


async def test_sla_on_time_rates_month_by_month(fb):
    customer = new_id()
    answered = await open_ticket(fb, customer, description="outage", reported_at="2024-07-02T01:00:00Z")
    await post(fb, answered["id"], "responses", {"message": "on it"})  # long after its due time
    await open_ticket(fb, customer, description="outage", reported_at="2024-07-03T01:00:00Z")
    await open_ticket(fb, customer, description="outage", reported_at="2024-09-03T01:00:00Z")
    response = await fb.get("/v1/reports/sla/trend", params={"from": "2024-07", "to": "2024-09"},
                            headers=ANALYST)
    assert response.status_code == 200, response.text
    months = response.json()["months"]
    assert [m["month"] for m in months] == ["2024-07", "2024-08", "2024-09"]
    assert months[0]["tiers"]["unknown"] == {"tickets": 2, "first_response_on_time_rate": 0.0,
                                             "next_reply_on_time_rate": None, "resolution_on_time_rate": 0.0}
    assert months[1]["tiers"]["all"]["tickets"] == 0
    assert months[2]["tiers"]["all"]["tickets"] == 1
    # The monthly report carries the same rates for the 6 months up to its month.
    report = (await fb.get("/v1/reports/sla", params={"month": "2024-09"}, headers=ANALYST)).json()
    assert [m["month"] for m in report["trend"]] == [f"2024-0{n}" for n in range(4, 10)]
    assert report["trend"][3] == months[0] and report["tiers"]["all"]["tickets"] == 1
    default = (await fb.get("/v1/reports/sla/trend", headers=ANALYST)).json()
    assert len(default["months"]) == 12
    too_long = await fb.get("/v1/reports/sla/trend", params={"from": "2020-01", "to": "2024-01"},
                            headers=ANALYST)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "from"
