"""HTTP provider adapters: an SMS gateway, WeCom (企业微信) and DingTalk (钉钉) group robots.

Endpoints and signing come from configuration:
- SMS: POST JSON `{to, text, client_message_id}` with `X-Api-Key`, `X-Timestamp` and
  `X-Signature` = hex HMAC-SHA256 of `<timestamp>.<body>` under the signing secret;
  `client_message_id` lets the gateway drop a resend of the same message.
- WeCom robot: POST `<endpoint>?key=<robot key>` with a text message; `errcode` 0 is success.
- DingTalk robot: POST `<endpoint>?access_token=..&timestamp=..&sign=..` where `sign` is the
  base64 HMAC-SHA256 of `<timestamp ms>\\n<secret>` under the secret, URL-encoded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from urllib.parse import quote_plus

import httpx

from services.notification.providers import (
    ChannelNotConfigured,
    Outgoing,
    PermanentFailure,
    TemporaryFailure,
)
from services.notification.settings import NotificationSettings

RETRYABLE_STATUS = frozenset({408, 425, 429})


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's robot signature: base64(HMAC-SHA256(secret, "<timestamp>\\n<secret>")), URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode())


def sms_signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def _raise_for(response: httpx.Response, provider: str) -> None:
    if response.status_code < 300:
        return
    if response.status_code in RETRYABLE_STATUS or response.status_code >= 500:
        raise TemporaryFailure(f"{provider} answered HTTP {response.status_code}")
    raise PermanentFailure(f"{provider} refused: HTTP {response.status_code}")


def _robot_result(response: httpx.Response, provider: str) -> str:
    _raise_for(response, provider)
    try:
        answer = response.json()
    except ValueError as exc:
        raise TemporaryFailure(f"{provider} answered no JSON") from exc
    if answer.get("errcode", 0) != 0:
        # Robots answer 200 with an error code; rate limits and busy servers are worth a retry.
        raise TemporaryFailure(
            f"{provider} errcode {answer.get('errcode')}: {str(answer.get('errmsg'))[:100]}"
        )
    return str(answer.get("msgid") or "")


class HttpProviders:
    def __init__(self, settings: NotificationSettings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http

    async def _post(self, provider: str, url: str, **kwargs) -> httpx.Response:
        try:
            return await self.http.post(url, timeout=self.settings.provider_timeout_seconds, **kwargs)
        except httpx.TransportError as exc:  # refused, reset, timed out: the message waits
            raise TemporaryFailure(f"{provider}: {type(exc).__name__}") from exc

    async def send_sms(self, outgoing: Outgoing) -> str:
        settings = self.settings
        if not settings.sms_endpoint:
            raise ChannelNotConfigured("no SMS gateway is configured (CRM_SMS_ENDPOINT)")
        if not outgoing.to:
            raise PermanentFailure("no phone number")
        body = json.dumps(
            {
                "to": outgoing.to,
                "text": f"{outgoing.subject}\n{outgoing.text}",
                "client_message_id": outgoing.message_id,
            },
            ensure_ascii=False,
        ).encode()
        timestamp = str(int(time.time()))
        headers = {"content-type": "application/json", "x-timestamp": timestamp}
        if settings.sms_api_key:
            headers["x-api-key"] = settings.sms_api_key
        if settings.sms_signing_secret:
            headers["x-signature"] = sms_signature(settings.sms_signing_secret, timestamp, body)
        response = await self._post("sms", settings.sms_endpoint, content=body, headers=headers)
        _raise_for(response, "sms")
        return outgoing.message_id

    async def send_wecom(self, outgoing: Outgoing) -> str:
        if not self.settings.wecom_robot_key:
            raise ChannelNotConfigured("no WeCom robot is configured (CRM_WECOM_ROBOT_KEY)")
        response = await self._post(
            "wecom",
            self.settings.wecom_robot_endpoint,
            params={"key": self.settings.wecom_robot_key},
            json={"msgtype": "text", "text": {"content": f"{outgoing.subject}\n\n{outgoing.text}"}},
        )
        return _robot_result(response, "wecom")

    async def send_dingtalk(self, outgoing: Outgoing) -> str:
        settings = self.settings
        if not settings.dingtalk_access_token:
            raise ChannelNotConfigured("no DingTalk robot is configured (CRM_DINGTALK_ACCESS_TOKEN)")
        query = f"access_token={quote_plus(settings.dingtalk_access_token)}"
        if settings.dingtalk_secret:
            timestamp = int(time.time() * 1000)
            query += f"&timestamp={timestamp}&sign={dingtalk_sign(settings.dingtalk_secret, timestamp)}"
        response = await self._post(
            "dingtalk",
            f"{settings.dingtalk_robot_endpoint}?{query}",
            json={"msgtype": "text", "text": {"content": f"{outgoing.subject}\n\n{outgoing.text}"}},
        )
        return _robot_result(response, "dingtalk")
