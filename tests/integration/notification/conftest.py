"""The notification service in-process over HTTP, with real peers: segmentation, survey and
feedback served on TCP ports (addresses, answering links and solutions are fetched from them),
a real SMTP server (aiosmtpd) and the run's PostgreSQL database and broker."""

import pytest

from services.notification.app import create_app
from services.notification.devsink import MailSink
from services.notification.settings import notification_settings
from tests.conftest import package_platform_fixtures
from tests.integration.notification.helpers import serving
from tests.support import free_port, running_service

QUIET = {"run_relay": False, "run_consumers": False, "run_workers": False}
# Fast retries, and a subscription disabled after 4 s of failures, so the tests see it happen.
FAST = {
    "retry_base_seconds": 0.2,
    "retry_max_seconds": 1.0,
    "message_poll_seconds": 0.2,
    "webhook_retry_base_seconds": 0.2,
    "webhook_retry_max_seconds": 1.0,
    "webhook_poll_seconds": 0.1,
    "webhook_timeout_seconds": 1.0,
    "webhook_disable_after_seconds": 4.0,
    "send_lease_seconds": 10.0,
    "notification_public_url": "http://test",
    "smtp_timeout_seconds": 3.0,
    # No quiet hours: the tests run at any hour of the day; the quiet-hours tests set their own.
    "quiet_hours_start": "00:00",
    "quiet_hours_end": "00:00",
}


# The service consumes every event type: its package-wide fixtures get a broker of the package's own.
broker, platform_config = package_platform_fixtures()


@pytest.fixture(scope="package")
def mail_sink():
    sink = MailSink(port=free_port()).start()
    yield sink
    sink.stop()


@pytest.fixture(scope="package")
async def peers(platform_config):
    """Segmentation, survey and feedback answering HTTP on real ports (no consumers or workers)."""
    from services.feedback.app import create_app as feedback_app
    from services.feedback.settings import feedback_settings
    from services.segmentation.app import create_app as segmentation_app
    from services.segmentation.settings import segmentation_settings
    from services.survey.app import create_app as survey_app
    from services.survey.settings import survey_settings

    async with (
        serving(segmentation_app(segmentation_settings(**platform_config, **QUIET))) as segmentation,
        serving(survey_app(survey_settings(**platform_config, **QUIET))) as survey,
        serving(feedback_app(feedback_settings(**platform_config, **QUIET))) as feedback,
    ):
        yield {"segmentation": segmentation, "survey": survey, "feedback": feedback}


BOUNCE_ADDRESS = "bounces@bounce.crm-care.test"


@pytest.fixture(scope="package")
def bounce_port() -> int:
    """The service's bounce listener (delivery status notifications over SMTP)."""
    return free_port()


@pytest.fixture(scope="package")
async def notification(platform_config, peers, mail_sink, bounce_port):
    settings = notification_settings(
        **platform_config,
        **FAST,
        smtp_port=mail_sink.port,
        bounce_address=BOUNCE_ADDRESS,
        bounce_smtp_port=bounce_port,
        segmentation_base_url=peers["segmentation"],
        survey_base_url=peers["survey"],
        feedback_base_url=peers["feedback"],
    )
    async with running_service(create_app(settings)) as client:
        yield client
