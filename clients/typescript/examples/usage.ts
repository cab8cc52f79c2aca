// Open a ticket, read it with its ETag, correct its description with a merge patch guarded by
// If-Match, and see a stale tag refused. Run: CRM_FEEDBACK_URL=... CRM_TOKEN=... npm run example
import { feedbackClient, MERGE_PATCH } from "../src/index.js";

const feedback = feedbackClient({
  baseUrl: process.env.CRM_FEEDBACK_URL ?? "http://127.0.0.1:8003",
  token: process.env.CRM_TOKEN ?? "",
});

const opened = await feedback.POST("/v1/tickets", {
  body: { customer_id: "acme", channel: "web", type: "problem", category: "billing",
          description: "Invoice charged twice" },
});
if (!opened.data) throw new Error(`open failed: ${JSON.stringify(opened.error)}`);
const ticketId = opened.data.id;

const read = await feedback.GET("/v1/tickets/{ticket_id}", { params: { path: { ticket_id: ticketId } } });
const etag = read.response.headers.get("ETag") ?? "";

const patched = await feedback.PATCH("/v1/tickets/{ticket_id}", {
  params: { path: { ticket_id: ticketId }, header: { "If-Match": etag } },
  body: { description: "Invoice for March charged twice" },
  headers: { "Content-Type": MERGE_PATCH },
});
if (!patched.data) throw new Error(`patch failed: ${JSON.stringify(patched.error)}`);

const stale = await feedback.PATCH("/v1/tickets/{ticket_id}", {
  params: { path: { ticket_id: ticketId }, header: { "If-Match": etag } },
  body: { category: "payments" },
  headers: { "Content-Type": MERGE_PATCH },
});

console.log(JSON.stringify({
  ticket: ticketId, priority: opened.data.priority, description: patched.data.description,
  category: patched.data.category, stale_status: stale.response.status,
}));
