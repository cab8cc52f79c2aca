"""The console's own metrics (prefix crm_console_): sign-ins, and its calls to the services by
outcome, so a dashboard shows which service's parts of the pages are going unavailable."""

from prometheus_client import Counter, Histogram

SIGN_INS = Counter(
    "crm_console_sign_ins_total", "Console sign-ins by method and outcome", ["method", "outcome"]
)
API_CALLS = Counter(
    "crm_console_api_calls_total", "Console calls to the services' APIs by outcome (ok, refused, not_found, "
    "forbidden, unavailable, not_available, session_expired)", ["service", "outcome"],
)
API_LATENCY = Histogram(
    "crm_console_api_call_duration_seconds", "Latency of the console's calls to the services", ["service"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
