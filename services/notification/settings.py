"""Notification settings: providers, respect rules, retries and webhooks (docs/design.md §10)."""

from __future__ import annotations

from email.utils import parseaddr

from pydantic import Field, model_validator

from shared.settings import Environment, PlatformSettings, load_settings

DEVELOPMENT_TRACKING_SECRET = "dev-tracking-secret-change-me-0123456789abcdef"


class NotificationSettings(PlatformSettings):
    # E-mail over SMTP; `make run` starts an embedded sink on 127.0.0.1:1025.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Customer Care <care@crm-care.example>"
    # Envelope sender of every mail (VERP): `<local>+<message id>@<domain>` of this address, so a
    # later bounce (an RFC 3464 DSN) names the message. Unset: the From address, no VERP.
    bounce_address: str | None = None
    # The SMTP listener taking DSNs for the bounce address's domain (off when no port is set).
    bounce_smtp_host: str = "127.0.0.1"
    bounce_smtp_port: int | None = None
    bounce_max_bytes: int = Field(default=1_000_000, ge=10_000, le=50_000_000)
    # HTTP providers: endpoint and signing from configuration; a channel with no endpoint is off.
    sms_endpoint: str | None = None
    sms_api_key: str | None = None
    sms_signing_secret: str | None = None
    wecom_robot_endpoint: str = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
    wecom_robot_key: str | None = None
    dingtalk_robot_endpoint: str = "https://oapi.dingtalk.com/robot/send"
    dingtalk_access_token: str | None = None
    dingtalk_secret: str | None = None
    provider_timeout_seconds: float = 10.0
    # Links in messages (tracking, unsubscribe) point here: this service as customers reach it.
    notification_public_url: str | None = None
    tracking_secret: str = DEVELOPMENT_TRACKING_SECRET
    # Where addresses, answering links and ticket solutions are fetched at send time.
    segmentation_base_url: str = "http://127.0.0.1:8001"
    survey_base_url: str = "http://127.0.0.1:8002"
    feedback_base_url: str = "http://127.0.0.1:8003"
    lookup_timeout_seconds: float = 5.0
    # A token of the identity provider for the service identity (else one is signed with the
    # platform secret: no role, only the notification permissions).
    notification_service_token: str | None = None
    # Respect (docs/design.md §10): business time, quiet hours, daily cap, language.
    business_timezone: str = "Asia/Shanghai"
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "09:00"
    daily_cap_per_customer: int = Field(default=3, ge=1, le=100)
    default_language: str = "zh-CN"
    # Staff directory seed: a JSON file of [{staff_id, name, email, language, groups}].
    staff_directory_file: str | None = None
    # Delivery of messages: claimed with SKIP LOCKED under a sending lease, retried with backoff.
    message_batch_size: int = Field(default=50, ge=1, le=1000)
    message_concurrency: int = Field(default=8, ge=1, le=100)
    message_poll_seconds: float = 1.0
    # Longer than one send can take (lookups and the SMTP or provider timeout): a message whose
    # lease runs out while it is being sent may be sent again by another replica.
    send_lease_seconds: float = 60.0
    retry_base_seconds: float = 30.0
    retry_max_seconds: float = 3600.0
    retry_window_seconds: float = 24 * 3600.0
    # Partner webhooks (Standard Webhooks).
    # Deliveries a lane claims at a time (under one lease of webhook_lease_seconds).
    webhook_batch_size: int = Field(default=100, ge=1, le=5000)
    webhook_lane_concurrency: int = Field(default=16, ge=1, le=100)  # requests in flight per receiver
    webhook_poll_seconds: float = 0.5
    webhook_timeout_seconds: float = 5.0
    webhook_lease_seconds: float = 60.0
    webhook_retry_base_seconds: float = 5.0
    webhook_retry_max_seconds: float = 3600.0
    webhook_retry_window_seconds: float = 24 * 3600.0
    webhook_disable_after_seconds: float = 24 * 3600.0
    webhook_secret_overlap_seconds: float = 24 * 3600.0
    # Loopback and private receivers are refused in production (SSRF guard); allowed elsewhere
    # unless set to false.
    webhook_allow_private_targets: bool | None = None
    event_log_retention_days: int = Field(default=7, ge=1, le=90)

    @model_validator(mode="after")
    def _refuse_unsafe_notification_production(self) -> NotificationSettings:
        if self.env is Environment.PRODUCTION:
            if self.tracking_secret == DEVELOPMENT_TRACKING_SECRET:
                raise ValueError("CRM_TRACKING_SECRET must be set in production")
            if self.webhook_allow_private_targets:
                raise ValueError("CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS cannot be on in production")
        return self

    @model_validator(mode="after")
    def _check_bounce_address(self) -> NotificationSettings:
        if self.bounce_address is not None:
            local, at, domain = self.bounce_address.rpartition("@")
            if not at or not local or not domain or "+" in local or "<" in self.bounce_address:
                raise ValueError("CRM_BOUNCE_ADDRESS is a bare address without '+', e.g. bounces@example.com")
        return self

    @property
    def verp(self) -> tuple[str, str] | None:
        """(local part, domain) of the bounce address when VERP is in use."""
        if self.bounce_address is None:
            return None
        local, _, domain = self.bounce_address.rpartition("@")
        return local, domain.lower()

    @property
    def mail_from_address(self) -> str:
        return parseaddr(self.mail_from)[1]

    @property
    def bounce_domain(self) -> str:
        """The domain the bounce listener accepts mail for."""
        verp = self.verp
        return verp[1] if verp else self.mail_from_address.rpartition("@")[2].lower()

    @property
    def public_url(self) -> str:
        return (self.notification_public_url or f"http://127.0.0.1:{self.port}").rstrip("/")

    @property
    def private_targets_allowed(self) -> bool:
        if self.env is Environment.PRODUCTION:
            return False
        return True if self.webhook_allow_private_targets is None else self.webhook_allow_private_targets


def notification_settings(**overrides) -> NotificationSettings:
    return load_settings(NotificationSettings, "notification", **overrides)
