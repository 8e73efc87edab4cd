"""Building a district's PowerSchool plugin (the console, the API and `passback plugin
build`): the Opportunity ID comes from the request or from the onboarding step where it
was recorded; who publishes it comes from the caller (the server's settings, or the
command's options)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from passback import onboarding
from passback.core.domain import District
from passback.intake.plain_errors import Problem
from passback.onboarding import plugin
from passback.onboarding.plugin import PluginError

__all__ = ["BuiltPlugin", "PluginError", "Publisher", "build"]

# Where the server reads the publisher's contact e-mail (named in the error that asks for it).
PLUGIN_CONTACT_ENV = "PASSBACK_PLUGIN_CONTACT_EMAIL"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the plugin, and where PowerSchool may register it (https, optional)."""

    name: str
    contact_email: str | None
    registration_url: str | None = None


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


def build(
    engine: Engine, district: District, opportunity_id: str | None, publisher: Publisher
) -> BuiltPlugin:
    """The plugin zip. Raises `PluginError` naming what is missing or wrong."""
    opportunity = (opportunity_id or "").strip() or recorded_opportunity_id(engine, district.id)
    problems = []
    if not opportunity:
        problems.append(Problem("opportunity_id", "is required (record it on onboarding step 5a)"))
    if not publisher.contact_email:
        problems.append(
            Problem("contact_email", f"is not configured: set {PLUGIN_CONTACT_ENV} for the server")
        )
    if problems:
        raise PluginError(problems)
    spec = plugin.spec_for(
        district,
        opportunity or "",
        publisher=publisher.name,
        contact_email=publisher.contact_email or "",
        registration_url=publisher.registration_url,
    )
    return BuiltPlugin(plugin.zip_name(spec), plugin.build_zip(spec))
