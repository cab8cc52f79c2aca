"""Domain metrics of the segmentation service."""

from prometheus_client import Counter, Gauge

RESCORED = Counter(
    "crm_segmentation_customers_rescored_total", "Customers evaluated, by reason", ["reason"]
)
TIER_CHANGES = Counter(
    "crm_segmentation_tier_changes_total", "Tier changes, by old and new tier", ["from_tier", "to_tier"]
)
CUSTOMERS_BY_TIER = Gauge(
    "crm_segmentation_customers_by_tier", "Customers per effective tier", ["tier"]
)
CUSTOMERS_BY_QUADRANT = Gauge(
    "crm_segmentation_customers_by_quadrant", "Customers per quadrant", ["quadrant"]
)
CHURN_SIGNALS = Counter(
    "crm_segmentation_churn_signals_total", "Churn-risk signals raised, by reason", ["reason"]
)
JOB_PROGRESS = Gauge(
    "crm_segmentation_rescore_job_processed", "Customers processed by the running rescore job"
)
