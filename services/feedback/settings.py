from shared.settings import PlatformSettings, load_settings


class FeedbackSettings(PlatformSettings):
    sweep_batch_size: int = 200
    # The sweep interval bounds how late a breach is noticed (the target is 2 s after the due
    # time, so at most a quarter of it goes to waiting for the next sweep); an idle sweep is one
    # indexed query on next_check_at, cheap twice a second.
    sweep_interval_seconds: float = 0.5
    # docs/design.md §1: optional auto-ticket for a very dissatisfied survey answer; off unless enabled.
    auto_ticket_on_very_dissatisfied: bool = False
    auto_ticket_priority: str = "P2"
    auto_ticket_category: str = "satisfaction"
    # A satisfaction answer within this many days after a resolution counts for that ticket.
    satisfaction_link_days: int = 14
    # Ticket text topics cluster at most this many descriptions (the latest of the range): the
    # clustering is CPU work that grows faster than the number of texts.
    topics_max_tickets: int = 2000


def feedback_settings(**overrides) -> FeedbackSettings:
    return load_settings(FeedbackSettings, "feedback", **overrides)
