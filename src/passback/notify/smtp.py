"""Sending one e-mail over SMTP (STARTTLS or implicit TLS, optional login)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from passback.notify.settings import SmtpSettings


class DeliveryError(Exception):
    """A delivery that did not go through; the message says why (never a secret).
    `permanent`: sending it again cannot help (the message itself is at fault)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def _header(value: str) -> str:
    """A header value on one line: CR, LF and other control characters (a district name
    typed with a line break) become spaces, so no header can be added or split."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def send_email(
    settings: SmtpSettings, *, to: str, subject: str, body: str, message_id: str
) -> None:
    """Send, or raise `DeliveryError`. `message_id` is stable per delivery, so a resend
    after a lost reply can be recognised by the receiving side."""
    try:
        message = EmailMessage()
        message["From"] = _header(settings.sender)
        message["To"] = _header(to)
        message["Subject"] = _header(subject)
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = f"<{_header(message_id)}@passback>"
        message.set_content(body)
    except (ValueError, TypeError, IndexError) as exc:
        raise DeliveryError(
            f"the message cannot be written: {type(exc).__name__}: {exc}", permanent=True
        ) from None
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
