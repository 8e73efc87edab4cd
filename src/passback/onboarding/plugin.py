"""The PowerSchool plugin a district installs, built so nobody edits XML by hand.

The zip holds one file, `plugin.xml`, at its root (PowerSource "Plugin ZIP": the root
contains only plugin.xml, named exactly so). The XML follows PowerSource's "Plugin XML"
rules: root `<plugin>` in the `http://plugin.powerschool.pearson.com` namespace with
`name` (required, at most 40 characters), `version` (at most 20, digits and dots) and
`description` (at most 256); a mandatory `<publisher name>` (at most 100) with a mandatory
`<contact email>` (email required, at most 40; phone optional, at most 20); `<oauth/>` so
PowerSchool generates the client ID and secret passback reads with; and, when a
registration URL is given, `<registration url>` (https, at most 1000) whose
`<callback-data>` carries the district and its Opportunity ID. The Opportunity ID is also
in the description, where the district's PowerSchool admin and PowerSchool see it.
See docs/console.md for the sources.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from passback import __version__
from passback.core.domain import District
from passback.intake.plain_errors import Problem

NAMESPACE = "http://plugin.powerschool.pearson.com"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PLUGIN_NAME = "passback Grade Passback"
_OPPORTUNITY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{2,39}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+)*")
# A fixed timestamp makes the zip of the same inputs byte-for-byte the same.
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

LIMITS = {
    "name": 40,
    "version": 20,
    "description": 256,
    "publisher": 100,
    "contact_email": 40,
    "contact_phone": 20,
    "registration_url": 1000,
}


class PluginError(ValueError):
    """The plugin cannot be built as asked; `problems` names every bad field."""

    def __init__(self, found: list[Problem]) -> None:
        self.problems = found
        super().__init__("; ".join(str(p) for p in found))


@dataclass(frozen=True)
class PluginSpec:
    district: str
    opportunity_id: str
    name: str
    version: str
    description: str
    publisher: str
    contact_email: str
    contact_phone: str | None = None
    registration_url: str | None = None


def spec_for(
    district: District,
    opportunity_id: str,
    *,
    publisher: str,
    contact_email: str,
    contact_phone: str | None = None,
    registration_url: str | None = None,
    version: str | None = None,
) -> PluginSpec:
    """The plugin for one district; the description names it and its Opportunity ID."""
    opportunity_id = opportunity_id.strip()
    tail = f" PowerSchool Opportunity ID: {opportunity_id}."
    head = "OneRoster 1.1 grade passback by passback for "
    room = LIMITS["description"] - len(head) - len(tail) - 1
    name = district.name if len(district.name) <= room else district.name[: room - 1] + "…"
    return PluginSpec(
        district=district.id,
        opportunity_id=opportunity_id,
        name=PLUGIN_NAME,
        version=version or _plain_version(__version__),
        description=f"{head}{name}.{tail}",
        publisher=publisher.strip(),
        contact_email=contact_email.strip(),
        contact_phone=(contact_phone or "").strip() or None,
        registration_url=(registration_url or "").strip() or None,
    )


def _plain_version(value: str) -> str:
    match = re.match(r"[0-9]+(\.[0-9]+)*", value)
    return match.group(0) if match else "1.0"


def check(spec: PluginSpec) -> list[Problem]:
    """Every way the spec breaks PowerSource's plugin.xml rules (empty: fine)."""
    found: list[Problem] = []
    if not _OPPORTUNITY.fullmatch(spec.opportunity_id):
        found.append(
            Problem(
                "opportunity_id",
                "must be the Opportunity ID PowerSchool gave the district: 3-40 letters, "
                "digits or dashes",
            )
        )
    values = {
        "name": spec.name,
        "version": spec.version,
        "description": spec.description,
        "publisher": spec.publisher,
        "contact_email": spec.contact_email,
        "contact_phone": spec.contact_phone or "",
        "registration_url": spec.registration_url or "",
    }
    for key in ("name", "publisher", "contact_email"):
        if not values[key].strip():
            found.append(Problem(key, "is required"))
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            found.append(Problem(key, f"must be at most {limit} characters long"))
    if spec.version and not _VERSION.fullmatch(spec.version):
        found.append(Problem("version", "must be digits and dots, like 1.0.2"))
    if spec.contact_email and not _EMAIL.fullmatch(spec.contact_email):
        found.append(Problem("contact_email", "must be an e-mail address"))
    if spec.registration_url and not spec.registration_url.startswith("https://"):
        found.append(Problem("registration_url", "must start with https://"))
    return found


def plugin_xml(spec: PluginSpec) -> bytes:
    """The plugin.xml document. Raises `PluginError` when the spec breaks the rules."""
    found = check(spec)
    if found:
        raise PluginError(found)
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{NAMESPACE}}}plugin",
        {
            f"{{{XSI}}}schemaLocation": f"{NAMESPACE} plugin.xsd",
            "name": spec.name,
            "version": spec.version,
            "description": spec.description,
        },
    )
    if spec.registration_url:
        registration = ET.SubElement(root, f"{{{NAMESPACE}}}registration")
        registration.set("url", spec.registration_url)
        callback = ET.SubElement(registration, f"{{{NAMESPACE}}}callback-data")
        callback.text = json.dumps(
            {"district": spec.district, "opportunity_id": spec.opportunity_id},
            separators=(",", ":"),
        )
    ET.SubElement(root, f"{{{NAMESPACE}}}oauth")
    publisher = ET.SubElement(root, f"{{{NAMESPACE}}}publisher", {"name": spec.publisher})
    contact = {"email": spec.contact_email}
    if spec.contact_phone:
        contact["phone"] = spec.contact_phone
    ET.SubElement(publisher, f"{{{NAMESPACE}}}contact", contact)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode()


def build_zip(spec: PluginSpec) -> bytes:
    """The installable plugin: a zip with plugin.xml at its root."""
    document = plugin_xml(spec)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("plugin.xml", date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, document)
    return buffer.getvalue()


def zip_name(spec: PluginSpec) -> str:
    return f"passback-plugin-{spec.district}-{spec.opportunity_id}.zip"
