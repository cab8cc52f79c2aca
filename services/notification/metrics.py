"""Domain metrics of the notification service (prefix crm_notification_)."""

from prometheus_client import Counter, Gauge, Histogram

MESSAGES = Counter(
    "crm_notification_messages_total",
    "Messages reaching a status in the delivery log, by channel, recipient kind and status",
    ["channel", "recipient", "status"],
)
MESSAGE_RETRIES = Counter(
    "crm_notification_message_retries_total",
    "Failed send attempts that will be retried, by channel",
    ["channel"],
)
WEBHOOK_DELIVERIES = Counter(
    "crm_notification_webhook_deliveries_total",
    "Webhook delivery attempts by outcome (delivered, retry, failed)",
    ["outcome"],
)
WEBHOOK_LATENCY = Histogram(
    "crm_notification_webhook_request_seconds",
    "Time a receiver took to answer a webhook request",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
WEBHOOKS_DISABLED = Counter(
    "crm_notification_webhooks_disabled_total", "Subscriptions disabled after persistent failure"
)
OLDEST_UNDELIVERED = Gauge(
    "crm_notification_oldest_undelivered_seconds",
    "Age of the oldest message or webhook delivery still waiting to go out",
    ["kind"],
)
UNDELIVERED = Gauge(
    "crm_notification_undelivered", "Messages and webhook deliveries still waiting to go out", ["kind"]
)
