"""Console users: create them, sign them in, list them. The service behind `passback user
add`, the login form and the users page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from passback.accounts import passwords
from passback.accounts.roles import USER_ROLES, Principal, Role
from passback.store import audit, users
from passback.store.db import session_scope
from passback.store.districts import get_district
from passback.store.users import StoredUser

log = structlog.get_logger(__name__)

_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{1,119}")


class AccountError(ValueError):
    """A user cannot be created or changed as asked; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _now() -> datetime:
    return datetime.now(UTC)


def principal_of(user: StoredUser) -> Principal:
    return Principal(
        name=user.username,
        role=Role(user.role),
        district=user.district,
        sis_user=user.sis_user,
        user_id=user.id,
        display_name=user.display_name,
    )


def create_user(
    engine: Engine,
    *,
    username: str,
    password: str,
    role: Role | str,
    district: str | None = None,
    sis_user: str | None = None,
    display_name: str | None = None,
    by: str = "cli",
) -> StoredUser:
    """Create a console user. Raises `AccountError` naming the bad field."""
    try:
        role = Role(role)
    except ValueError:
        raise AccountError("role", "must be operator, district_admin or teacher") from None
    if role not in USER_ROLES:
        raise AccountError("role", "must be operator, district_admin or teacher")
    if not _USERNAME.fullmatch(username):
        raise AccountError(
            "username", "must be 2-120 letters, digits or . _ @ + - (starting with a letter)"
        )
    try:
        passwords.check_strength(password)
    except passwords.WeakPassword as exc:
        raise AccountError("password", str(exc)) from None
    if role is Role.OPERATOR and district:
        raise AccountError("district", "operators see every district; leave it out")
    if role is not Role.OPERATOR and not district:
        raise AccountError("district", f"a {role.label.lower()} belongs to one district")
    sis_user = (sis_user or "").strip() or None
    if role is Role.TEACHER and sis_user is None:
        raise AccountError("sis_user", "a teacher is linked to their SIS user (e.g. T-1)")
    hashed = passwords.hash_password(password)
    try:
        with session_scope(engine) as session:
            if district and get_district(session, district, include_learned=False) is None:
                raise AccountError("district", f"district {district} does not exist")
            if users.find_user(session, username) is not None:
                raise AccountError("username", f"{username} is taken")
            user = users.add_user(
                session,
                username=username,
                display_name=(display_name or "").strip() or username,
                password_hash=hashed,
                role=role.value,
                district=district,
                sis_user=sis_user,
                now=_now(),
            )
            audit.record(
                session,
                actor=by,
                district=district,
                action="user.created",
                target=username,
                now=_now(),
                details={"role": role.value},
            )
    except IntegrityError:
        raise AccountError("username", f"{username} is taken") from None
    log.info("user.created", username=username, role=role.value, district=district)
    return user


def authenticate(engine: Engine, username: str, password: str) -> Principal | None:
    """The principal for these credentials, or None (unknown user, wrong password or
    disabled account: the caller cannot tell which)."""
    with session_scope(engine, read_only=True) as session:
        user = users.find_user(session, username)
    ok = passwords.verify(user.password_hash if user else None, password)
    if user is None or not ok or user.disabled:
        return None
    with session_scope(engine) as session:
        users.record_login(session, user.id, _now())
    return principal_of(user)


def session_user(engine: Engine, user_id: int, epoch: int) -> tuple[Principal, int] | None:
    """The principal behind a session cookie, if the user still exists, is enabled and
    has not been signed out everywhere since (`epoch`)."""
    with session_scope(engine, read_only=True) as session:
        user = users.get_user(session, user_id)
    if user is None or user.disabled or user.session_epoch != epoch:
        return None
    return principal_of(user), user.session_epoch


def user_epoch(engine: Engine, user_id: int) -> int:
    with session_scope(engine, read_only=True) as session:
        user = users.get_user(session, user_id)
    return user.session_epoch if user else 0


def list_users(engine: Engine, *, district: str | None = None) -> list[StoredUser]:
    with session_scope(engine, read_only=True) as session:
        return users.list_users(session, district=district)


def get_user(engine: Engine, user_id: int) -> StoredUser | None:
    with session_scope(engine, read_only=True) as session:
        return users.get_user(session, user_id)


def set_disabled(engine: Engine, user_id: int, disabled: bool, *, by: str) -> None:
    with session_scope(engine) as session:
        user = users.get_user(session, user_id)
        if user is None:
            return
        users.set_disabled(session, user_id, disabled)
        audit.record(
            session,
            actor=by,
            district=user.district,
            action="user.disabled" if disabled else "user.enabled",
            target=user.username,
            now=_now(),
        )
