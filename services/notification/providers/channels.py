"""One entry point per channel, held by the app (ctx.state["providers"])."""

from __future__ import annotations

import httpx

from services.notification.domain.respect import Channel
from services.notification.providers import Outgoing, PermanentFailure
from services.notification.providers.email import send_email
from services.notification.providers.http import HttpProviders
from services.notification.settings import NotificationSettings


class Providers:
    def __init__(self, settings: NotificationSettings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = HttpProviders(settings, http)

    async def send(self, outgoing: Outgoing) -> str:
        """The provider's id of the accepted message; raises a DeliveryFailure otherwise."""
        if outgoing.channel == Channel.EMAIL:
            return await send_email(self.settings, outgoing)
        if outgoing.channel == Channel.SMS:
            return await self.http.send_sms(outgoing)
        if outgoing.channel == Channel.WECOM:
            return await self.http.send_wecom(outgoing)
        if outgoing.channel == Channel.DINGTALK:
            return await self.http.send_dingtalk(outgoing)
        raise PermanentFailure(f"no provider for channel {outgoing.channel!r}")
