"""Roles and the access rules: who sees which district and who may change what."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    OPERATOR = "operator"  # the integration operator: every district
    DISTRICT_ADMIN = "district_admin"  # one district: configuration, runs, tokens, users
    TEACHER = "teacher"  # one district, own classes and assessments, read-only
    PLATFORM = "platform"  # an API token of one district: ingest, runs, syncs

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.OPERATOR: "Operator",
    Role.DISTRICT_ADMIN: "District admin",
    Role.TEACHER: "Teacher",
    Role.PLATFORM: "Assessment platform (API token)",
}

USER_ROLES = (Role.OPERATOR, Role.DISTRICT_ADMIN, Role.TEACHER)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling. `district` is None only for operators; `sis_user` is a teacher's
    SIS sourcedId. `name` is what the audit trail and logs show (never a secret)."""

    name: str
    role: Role
    district: str | None = None
    sis_user: str | None = None
    user_id: int | None = None
    token_id: str | None = None
    display_name: str = ""

    def sees(self, district: str) -> bool:
        """May this caller know that `district` exists? (Otherwise: 404.)"""
        return self.role is Role.OPERATOR or self.district == district

    @property
    def is_operator(self) -> bool:
        return self.role is Role.OPERATOR

    def can_manage(self, district: str) -> bool:
        """Change configuration, onboarding, tokens and users of the district."""
        return self.sees(district) and self.role in (Role.OPERATOR, Role.DISTRICT_ADMIN)

    def can_run(self, district: str) -> bool:
        """See runs and reports, start syncs and dry runs, explain decisions."""
        return self.sees(district) and self.role is not Role.TEACHER

    def can_ingest(self, district: str) -> bool:
        """Push assessments and scores (the platform, or an operator/admin by hand)."""
        return self.sees(district) and self.role is not Role.TEACHER

    def teacher_scope(self) -> str | None:
        """The SIS user whose items this caller is limited to (teachers only)."""
        return self.sis_user if self.role is Role.TEACHER else None
