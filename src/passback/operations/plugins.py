"""Building a district's PowerSchool plugin from the console or the API: the Opportunity ID
comes from the request or from the onboarding step where it was recorded."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from passback import onboarding
from passback.core.domain import District
from passback.intake.plain_errors import Problem
from passback.onboarding import plugin
from passback.web.config import PLUGIN_CONTACT_ENV, WebSettings


@dataclass(frozen=True)
class BuiltPlugin:
    filename: str
    content: bytes


def recorded_opportunity_id(engine: Engine, district: str) -> str | None:
    progress = onboarding.progress(engine, district)
    if progress is None:
        return None
    value = progress.step("plugin").data.get("opportunity_id")
    return str(value) if value else None


def build(settings: WebSettings, district: District, opportunity_id: str | None) -> BuiltPlugin:
    """The plugin zip. Raises `plugin.PluginError` naming what is missing or wrong."""
    opportunity = (opportunity_id or "").strip() or recorded_opportunity_id(
        settings.engine, district.id
    )
    problems = []
    if not opportunity:
        problems.append(Problem("opportunity_id", "is required (record it on onboarding step 5a)"))
    if not settings.plugin_contact_email:
        problems.append(
            Problem("contact_email", f"is not configured: set {PLUGIN_CONTACT_ENV} for the server")
        )
    if problems:
        raise plugin.PluginError(problems)
    registration = None
    if settings.public_url and settings.public_url.startswith("https://"):
        registration = settings.public_url.rstrip("/") + "/powerschool/registration"
    spec = plugin.spec_for(
        district,
        opportunity or "",
        publisher=settings.plugin_publisher,
        contact_email=settings.plugin_contact_email or "",
        registration_url=registration,
    )
    return BuiltPlugin(plugin.zip_name(spec), plugin.build_zip(spec))
