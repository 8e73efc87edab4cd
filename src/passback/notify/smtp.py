"""Sending one e-mail over SMTP (STARTTLS or implicit TLS, optional login)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from passback.notify.settings import SmtpSettings


class DeliveryError(Exception):
    """A delivery that did not go through; the message says why (never a secret)."""


def send_email(
    settings: SmtpSettings, *, to: str, subject: str, body: str, message_id: str
) -> None:
    """Send, or raise `DeliveryError`. `message_id` is stable per delivery, so a resend
    after a lost reply can be recognised by the receiving side."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{message_id}@passback>"
    message.set_content(body)
    try:
        if settings.ssl:
            context = ssl.create_default_context()
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.starttls and not settings.ssl:
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, settings.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(
            f"SMTP {settings.host}:{settings.port}: {type(exc).__name__}: {exc}"
        ) from None
