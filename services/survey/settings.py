from shared.settings import PlatformSettings, load_settings


class SurveySettings(PlatformSettings):
    invitation_expires_in_days: int = 30
    verification_expires_in_days: int = 14
    # Public (token) endpoints: fixed windows counted in the database, shared by all replicas.
    rate_limit_window_seconds: int = 60
    rate_limit_per_token: int = 30
    rate_limit_per_client: int = 300
    topics_max_answers: int = 2000

    @property
    def answer_base_url(self) -> str:
        """Where the answering page is reached: the public base URL, else this machine."""
        return (self.public_base_url or f"http://127.0.0.1:{self.port}").rstrip("/")


def survey_settings(**overrides) -> SurveySettings:
    return load_settings(SurveySettings, "survey", **overrides)
