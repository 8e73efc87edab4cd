"""Web settings for `passback demo`: runs are evaluated as of the sample data's date, and
the plugin download has a placeholder publisher contact."""

from __future__ import annotations

from sqlalchemy import Engine

from passback.demo import data as demo_data
from passback.secrets import SecretBox
from passback.web.config import WebSettings


def demo_settings(engine: Engine, box: SecretBox, session_key: str) -> WebSettings:
    return WebSettings(
        engine=engine,
        box=box,
        session_key=session_key,
        as_of=demo_data.AS_OF,
        plugin_contact_email="support@passback.example.org",
    )
