"""The district configuration file (docs/district-file.md): validation and translation to the
domain.

Unknown fields are errors. The client secret is optional when updating (the stored one is
kept, unless the SIS URLs or client id change: `secret_rebinding`) and is never part of
the domain `District`: `to_domain()` hands it back separately,
to be encrypted by the store. Whether the operator's outbound policy lets passback reach
the SIS URLs is checked where a district is applied (`passback.operations.districts`).
"""

from __future__ import annotations

import json
import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, SecretStr, StringConstraints
from pydantic import ValidationError as PydanticValidationError

from passback.core.district_document import MASK
from passback.core.domain import District, DistrictOptions, ExcludedAs, SisConnection, SisEdits
from passback.intake.input_types import Id, IsoDate, NonEmptyText
from passback.intake.plain_errors import Problem, problems

__all__ = [
    "DistrictConfig",
    "DistrictConfigError",
    "load_district_file",
    "secret_rebinding",
]

_HIDDEN = frozenset({"client_secret"})
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class DistrictConfigError(ValueError):
    """A district file that cannot be applied; `problems` lists every bad field."""

    def __init__(self, source: str, found: list[Problem]) -> None:
        self.source = source
        self.problems = found
        lines = "\n".join(f"  {p}" for p in found)
        super().__init__(f"{source}: {len(found)} problem(s) in the district config:\n{lines}")


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http(s) URL, like https://sis.example.org/…")
    return value.rstrip("/")


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("is not a known IANA time zone, like America/Chicago") from None
    return value


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("must be an e-mail address")
    return value


def _clock_time(value: str) -> str:
    if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        raise ValueError("must be a 24-hour time written HH:MM, like 02:00")
    return value


def _not_mask(value: SecretStr | None) -> SecretStr | None:
    if value is not None and value.get_secret_value() == MASK:
        raise ValueError(
            f"is the {MASK} placeholder shown by `district show`; "
            "leave it out to keep the stored secret"
        )
    if value is not None and not value.get_secret_value().strip():
        raise ValueError("must not be blank")
    return value


Url = Annotated[str, StringConstraints(strict=True), AfterValidator(_http_url)]
# An OAuth scope: a full 1.1 scope URI, or its last part ("gradebook.delete").
Scope = Annotated[str, StringConstraints(strict=True, pattern=r"^[^\s]+$")]


def _scopes(value: list[str] | None) -> list[str] | None:
    if value is not None and not value:
        raise ValueError("must name at least one scope; leave it out for the profile's")
    if value is not None and len(set(value)) != len(value):
        raise ValueError("names a scope twice")
    return value


DistrictId = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, hide_input_in_errors=True)


class SisConfig(_Strict):
    # which SIS profile (passback.core.profiles) the district's SIS answers as
    profile: Literal["powerschool", "oneroster"] = "powerschool"
    base_url: Url
    token_url: Url
    client_id: NonEmptyText
    client_secret: Annotated[SecretStr | None, AfterValidator(_not_mask)] = None
    # corrections to the SIS's teacher identity: teacher sourcedId -> PowerSchool dcid
    teacher_dcids: dict[Id, NonEmptyText] = {}
    # OAuth scopes asked for on the token call; None: the profile's (passback.core.profiles)
    scopes: Annotated[list[Scope] | None, AfterValidator(_scopes)] = None


class OptionsConfig(_Strict):
    excluded_as: Literal["skip", "exempt"] = "skip"
    sis_edits: Literal["preserve", "overwrite"] = "preserve"
    nightly_at: Annotated[str, StringConstraints(strict=True), AfterValidator(_clock_time)] = (
        "02:00"
    )
    on_change: bool = False


class DistrictConfig(_Strict):
    id: DistrictId
    name: NonEmptyText
    timezone: Annotated[str, StringConstraints(strict=True), AfterValidator(_time_zone)]
    sis: SisConfig
    effective_date: IsoDate | None = None
    category_map: dict[NonEmptyText, NonEmptyText] = {}
    passback_group: list[Id] = []
    closed_grading_periods: list[Id] = []
    contacts: list[Annotated[str, StringConstraints(strict=True), AfterValidator(_email)]] = []
    options: OptionsConfig = OptionsConfig()

    @classmethod
    def parse(cls, data: Any, *, source: str = "district config") -> DistrictConfig:
        """Validate a decoded JSON document; `DistrictConfigError` lists every problem."""
        try:
            return cls.model_validate(data)
        except PydanticValidationError as exc:
            raise DistrictConfigError(source, problems(exc, hide_values_of=_HIDDEN)) from None

    def to_domain(self) -> tuple[District, str | None]:
        """The domain district and, separately, the client secret if the file has one."""
        secret = self.sis.client_secret
        district = District(
            id=self.id,
            name=self.name,
            timezone=self.timezone,
            sis=SisConnection(
                base_url=self.sis.base_url,
                token_url=self.sis.token_url,
                client_id=self.sis.client_id,
                profile=self.sis.profile,
                teacher_dcids=dict(self.sis.teacher_dcids),
                scopes=tuple(self.sis.scopes) if self.sis.scopes is not None else None,
            ),
            effective_date=self.effective_date,
            category_map=dict(self.category_map),
            passback_group=frozenset(self.passback_group),
            closed_grading_periods=frozenset(self.closed_grading_periods),
            contacts=tuple(self.contacts),
            options=DistrictOptions(
                excluded_as=ExcludedAs(self.options.excluded_as),
                sis_edits=SisEdits(self.options.sis_edits),
                nightly_at=time.fromisoformat(self.options.nightly_at),
                on_change=self.options.on_change,
            ),
        )
        return district, secret.get_secret_value() if secret is not None else None


# Changing any of these sends the stored secret somewhere else: the secret must be
# entered again with the change.
SECRET_BOUND_FIELDS = ("base_url", "token_url", "client_id")


def secret_rebinding(
    old: SisConnection | None,
    new: SisConnection,
    *,
    secret_given: bool,
    secret_stored: bool,
    source: str = "district config",
) -> list[str]:
    """The bound fields (`sis.base_url`…) that change; raises `DistrictConfigError` when they
    change while a secret is stored and no new one is given (the stored secret would go to
    a SIS it was not entered for)."""
    if old is None:
        return []
    changed = [f"sis.{f}" for f in SECRET_BOUND_FIELDS if getattr(old, f) != getattr(new, f)]
    if changed and secret_stored and not secret_given:
        raise DistrictConfigError(
            source,
            [
                Problem(
                    "sis.client_secret",
                    f"enter the client secret again: {', '.join(changed)} changed, and the "
                    "stored secret is only ever sent to the SIS it was entered for",
                )
            ],
        )
    return changed


def load_district_file(path: Path) -> DistrictConfig:
    """Read and validate a district file; errors name the file and every bad field."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DistrictConfigError(
            str(path), [Problem("", f"cannot read the file: {exc}")]
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DistrictConfigError(
            str(path), [Problem("", f"invalid JSON at {where}: {exc.msg}")]
        ) from None
    return DistrictConfig.parse(data, source=str(path))
