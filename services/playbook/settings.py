from pydantic import Field

from shared.settings import PlatformSettings, load_settings


class PlaybookSettings(PlatformSettings):
    survey_base_url: str = "http://127.0.0.1:8002"
    survey_timeout_seconds: float = 5.0
    survey_max_attempts: int = 3  # HTTP attempts within one worker pass
    survey_backoff_seconds: float = 0.5  # between those attempts, doubling
    survey_retry_seconds: float = 60.0  # before the next pass retries a failed invitation, doubling
    survey_expires_in_days: int = 30
    overdue_batch_size: int = 200
    survey_batch_size: int = 50
    # The rules' events (satisfaction, tickets, orders) are applied in batches gathered over 100 ms:
    # a care action does not need to be made within milliseconds, and at a steady trickle of
    # events a batch of one or two costs its transaction, offset commit and relay round per event.
    consumer_linger_ms: int = Field(default=100, ge=0, le=5000)


def playbook_settings(**overrides) -> PlaybookSettings:
    return load_settings(PlaybookSettings, "playbook", **overrides)
