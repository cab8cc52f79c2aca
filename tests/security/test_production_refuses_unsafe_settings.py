"""In production a service refuses to start with the development secret or TLS without a CA."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.settings import DEVELOPMENT_JWT_SECRET
from tests.security.catalog import load_service, service_names

STRONG_SECRET = "a-production-secret-that-is-long-and-random-7f3a9c"


@pytest.fixture(params=service_names())
def service(request, monkeypatch):
    for variable in ("CRM_ENV", "CRM_JWT_SECRET", "CRM_JWT_JWKS_URL", "CRM_KAFKA_SECURITY_PROTOCOL",
                     "CRM_KAFKA_SSL_CAFILE", "CRM_TRACKING_SECRET", "CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        monkeypatch.delenv(variable, raising=False)
    return load_service(request.param)


def test_production_refuses_the_development_jwt_secret(service, monkeypatch):
    monkeypatch.setenv("CRM_ENV", "production")
    with pytest.raises(ValidationError, match="CRM_JWT_SECRET"):
        service.create_app()  # settings from the environment, as a deployment starts it
    with pytest.raises(ValidationError, match="CRM_JWT_SECRET"):
        service.settings(env="production", jwt_secret=DEVELOPMENT_JWT_SECRET)


@pytest.mark.parametrize("protocol", ["SSL", "SASL_SSL"])
def test_production_refuses_kafka_tls_without_a_ca_file(service, monkeypatch, protocol):
    monkeypatch.setenv("CRM_ENV", "production")
    monkeypatch.setenv("CRM_JWT_SECRET", STRONG_SECRET)
    monkeypatch.setenv("CRM_KAFKA_SECURITY_PROTOCOL", protocol)
    with pytest.raises(ValidationError, match="CRM_KAFKA_SSL_CAFILE"):
        service.create_app()


def test_production_starts_with_its_own_secret_and_a_ca_file(service, monkeypatch, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("CRM_ENV", "production")
    monkeypatch.setenv("CRM_JWT_SECRET", STRONG_SECRET)
    monkeypatch.setenv("CRM_KAFKA_SECURITY_PROTOCOL", "SSL")
    monkeypatch.setenv("CRM_KAFKA_SSL_CAFILE", str(ca))
    monkeypatch.setenv("CRM_TRACKING_SECRET", STRONG_SECRET + "-links")  # read by the notification service
    app = service.create_app()
    assert app.title
    settings = service.settings()
    assert settings.jwt_secret == STRONG_SECRET and settings.kafka_ssl_cafile == str(ca)


def test_development_mode_allows_the_development_secret(service):
    assert service.settings(env="development").jwt_secret == DEVELOPMENT_JWT_SECRET


def test_production_refuses_the_development_tracking_secret_and_private_webhook_targets(monkeypatch):
    """Signed message links must not be forgeable with a secret that is in the repository, and the
    SSRF guard of partner webhooks cannot be switched off in production."""
    service = load_service("notification")
    monkeypatch.setenv("CRM_ENV", "production")
    monkeypatch.setenv("CRM_JWT_SECRET", STRONG_SECRET)
    for variable in ("CRM_TRACKING_SECRET", "CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS",
                     "CRM_KAFKA_SECURITY_PROTOCOL"):
        monkeypatch.delenv(variable, raising=False)
    with pytest.raises(ValidationError, match="CRM_TRACKING_SECRET"):
        service.create_app()
    monkeypatch.setenv("CRM_TRACKING_SECRET", STRONG_SECRET + "-links")
    monkeypatch.setenv("CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    with pytest.raises(ValidationError, match="CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        service.create_app()
    monkeypatch.delenv("CRM_WEBHOOK_ALLOW_PRIVATE_TARGETS")
    assert service.settings().private_targets_allowed is False
