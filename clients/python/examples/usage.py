"""Open a ticket, read it with its ETag, correct its description with a merge patch guarded by
If-Match, and see a stale tag refused.

    PYTHONPATH=clients/python CRM_FEEDBACK_URL=http://127.0.0.1:8003 CRM_TOKEN=... \\
        python clients/python/examples/usage.py
"""

import json
import os

from crm_feedback_client import AuthenticatedClient
from crm_feedback_client.api.tickets import (
    get_ticket_v1_tickets_ticket_id_get as get_ticket,
)
from crm_feedback_client.api.tickets import (
    patch_ticket_v1_tickets_ticket_id_patch as patch_ticket,
)
from crm_feedback_client.api.tickets import (
    post_ticket_v1_tickets_post as open_ticket,
)
from crm_feedback_client.models import Channel, TicketIn, TicketOut, TicketType
from crm_feedback_client.models.patch_ticket_v1_tickets_ticket_id_patch_ticket_in_merge_patch import (
    PatchTicketV1TicketsTicketIdPatchTicketInMergePatch as TicketPatch,
)

client = AuthenticatedClient(base_url=os.environ.get("CRM_FEEDBACK_URL", "http://127.0.0.1:8003"),
                             token=os.environ["CRM_TOKEN"])
with client:
    opened = open_ticket.sync(client=client, body=TicketIn(
        customer_id="acme", channel=Channel.WEB, type_=TicketType.PROBLEM, category="billing",
        description="Invoice charged twice"))
    assert isinstance(opened, TicketOut), opened
    read = get_ticket.sync_detailed(opened.id, client=client)
    etag = read.headers["ETag"]
    correction = TicketPatch.from_dict({"description": "Invoice for March charged twice"})
    patched = patch_ticket.sync(opened.id, client=client, if_match=etag, body=correction)
    assert isinstance(patched, TicketOut), patched
    stale = patch_ticket.sync_detailed(opened.id, client=client, if_match=etag,
                                       body=TicketPatch.from_dict({"category": "payments"}))
    print(json.dumps({"ticket": opened.id, "priority": str(opened.priority),
                      "description": patched.description, "category": patched.category,
                      "stale_status": int(stale.status_code)}))
