"""HMAC-signed webhooks.

A POST of the event as JSON with headers `X-Passback-Event`, `X-Passback-Delivery` (stable
per delivery: receivers can drop repeats) and `X-Passback-Signature: t=<unix time>,
v1=<hex HMAC-SHA256 of "<t>.<body>" with the shared secret>`. Receivers check the signature
and that t is recent (`verify`), which also stops replays of old requests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

import httpx

from passback.notify.settings import WebhookSettings
from passback.notify.smtp import DeliveryError

SIGNATURE_HEADER = "X-Passback-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, now: datetime, tolerance: int = 300) -> bool:
    """Whether `header` is a valid signature of `body` made within `tolerance` seconds."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        return False
    if abs(now.timestamp() - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def post(
    settings: WebhookSettings,
    *,
    event: str,
    delivery_id: str,
    payload: dict[str, Any],
    now: datetime,
    transport: httpx.BaseTransport | None = None,
) -> None:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "passback-webhook/1",
        "X-Passback-Event": event,
        "X-Passback-Delivery": delivery_id,
        SIGNATURE_HEADER: sign(settings.secret, int(now.timestamp()), body),
    }
    try:
        with httpx.Client(timeout=settings.timeout, transport=transport) as client:
            response = client.post(settings.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook: {type(exc).__name__}: {exc}") from None
    if not response.is_success:
        raise DeliveryError(f"webhook: HTTP {response.status_code}")
