"""Console users: create them, sign them in, list them. The service behind `passback user
add`, the login form and the users page."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from passback.core.clock import utc_now
from passback.operations.accounts import passwords
from passback.operations.accounts.roles import USER_ROLES, Principal, Role
from passback.store import audit, console_sessions, users
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
            existing = users.find_user(session, username)
            if existing is not None:
                raise AccountError("username", _taken(username, existing, district))
            user = users.add_user(
                session,
                username=username,
                display_name=(display_name or "").strip() or username,
                password_hash=hashed,
                role=role.value,
                district=district,
                sis_user=sis_user,
                now=utc_now(),
            )
            audit.record(
                session,
                actor=by,
                district=district,
                action="user.created",
                target=username,
                now=utc_now(),
                details={"role": role.value},
            )
    except IntegrityError:
        raise AccountError("username", f"{username} is not available; choose another") from None
    log.info("user.created", username=username, role=role.value, district=district)
    return user


def _taken(username: str, existing: StoredUser, district: str | None) -> str:
    """Say a username is taken without telling a district about another's users."""
    if existing.district == district:
        return f"{username} is taken"
    return f"{username} is not available; choose another (adding your district's name helps)"


def authenticate(engine: Engine, username: str, password: str) -> Principal | None:
    """The principal for these credentials, or None (unknown user, wrong password or
    disabled account: the caller cannot tell which)."""
    with session_scope(engine, read_only=True) as session:
        user = users.find_user(session, username)
    ok = passwords.verify(user.password_hash if user else None, password)
    if user is None or not ok or user.disabled:
        return None
    with session_scope(engine) as session:
        users.record_login(session, user.id, utc_now())
    return principal_of(user)


def _session_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, user_id: int, *, hours: float) -> str:
    """A new server-side session for the user; the returned token goes in the cookie."""
    token = secrets.token_urlsafe(32)
    now = utc_now()
    with session_scope(engine) as session:
        console_sessions.add_session(
            session,
            id_hash=_session_hash(token),
            user_id=user_id,
            now=now,
            expires_at=now + timedelta(hours=hours),
        )
    return token


def end_session(engine: Engine, token: str) -> None:
    """Sign this session out: every copy of its cookie stops working."""
    with session_scope(engine) as session:
        console_sessions.end_session(session, _session_hash(token))


def session_user(
    engine: Engine, user_id: int, epoch: int, token: str | None = None
) -> tuple[Principal, int] | None:
    """The principal behind a session cookie, if the user still exists, is enabled, has
    not been signed out everywhere since (`epoch`) and the session was not ended."""
    with session_scope(engine, read_only=True) as session:
        user = users.get_user(session, user_id)
        alive = token is not None and console_sessions.session_valid(
            session, _session_hash(token), user_id, utc_now()
        )
    if user is None or user.disabled or user.session_epoch != epoch or not alive:
        return None
    return principal_of(user), user.session_epoch


def set_password(
    engine: Engine,
    username: str,
    new_password: str,
    *,
    by: str,
    current_password: str | None = None,
    district: str | None = None,
) -> StoredUser:
    """Give a user a new password and end every session they have. With
    `current_password` (a user changing their own) it must be right; `district` limits
    the lookup to one district (a district admin's reach). Raises `AccountError`."""
    try:
        passwords.check_strength(new_password)
    except passwords.WeakPassword as exc:
        raise AccountError("new_password", str(exc)) from None
    with session_scope(engine, read_only=True) as session:
        user = users.find_user(session, username)
    if user is None or (district is not None and user.district != district):
        raise AccountError("username", f"there is no user {username}")
    if current_password is not None and not passwords.verify(user.password_hash, current_password):
        raise AccountError("current_password", "is not right")
    hashed = passwords.hash_password(new_password)
    with session_scope(engine) as session:
        users.set_password_hash(session, user.id, hashed)
        console_sessions.end_user_sessions(session, user.id)
        audit.record(
            session,
            actor=by,
            district=user.district,
            action="user.password_changed",
            target=user.username,
            now=utc_now(),
        )
    log.info("user.password_changed", username=user.username, by=by)
    return user


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
        if disabled:
            console_sessions.end_user_sessions(session, user_id)
        audit.record(
            session,
            actor=by,
            district=user.district,
            action="user.disabled" if disabled else "user.enabled",
            target=user.username,
            now=utc_now(),
        )
