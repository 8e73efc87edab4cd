"""`passback serve`, `passback user add`, `passback token create/list/revoke` and
`passback plugin build`: thin adapters over `passback.web`, `passback.operations.accounts` and
`passback.onboarding.plugin`."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from passback.cli import common
from passback.cli.common import CliError, guarded, print_json
from passback.cli.database import DatabaseUrl, open_engine, resolve, user_errors

user_app = typer.Typer(help="Console users.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens of the assessment platform.", no_args_is_help=True)
plugin_app = typer.Typer(help="The PowerSchool plugin a district installs.", no_args_is_help=True)

PASSWORD_ENV = "PASSBACK_USER_PASSWORD"  # noqa: S105 - the variable's name, not a password


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
    app.add_typer(plugin_app, name="plugin")


@guarded
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    database_url: DatabaseUrl = None,
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Send session cookies over HTTPS only (behind TLS)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Evaluate on-demand runs as of this date (rehearsals)."
    ),
    forwarded_allow_ips: str | None = typer.Option(
        None,
        "--forwarded-allow-ips",
        envvar="PASSBACK_FORWARDED_ALLOW_IPS",
        help="Reverse proxies (addresses or networks, comma-separated) whose "
        "X-Forwarded-For is believed; without it the header is ignored.",
    ),
) -> None:
    """The web console and the HTTP API (OpenAPI at /api/v1/docs)."""
    from passback.web.config import from_environment
    from passback.web.server import serve

    url = resolve(database_url)
    with user_errors():
        engine = open_engine(url)
        settings = from_environment(
            engine,
            url,
            secure_cookies=secure_cookies or None,
            as_of=date.fromisoformat(as_of) if as_of else None,
        )
    common.stderr.print(f"passback console on http://{host}:{port}/", highlight=False)
    from passback.notify.settings import NotifySettings
    from passback.operations.runtime import Runtime

    # this process's runtime: the app's, and the embedded scheduler's (its runs counted in
    # /metrics when on); on PostgreSQL the scheduler does nothing: `passback worker`
    # processes run the jobs
    runtime = Runtime(
        engine, settings.box, notify=NotifySettings.from_env(), metrics=settings.metrics
    )
    scheduler = runtime.jobs.scheduler()
    scheduler.start()
    try:
        serve(
            settings,
            host=host,
            port=port,
            forwarded_allow_ips=forwarded_allow_ips,
            runtime=runtime,
        )
    finally:
        scheduler.stop()


@user_app.command("add")
@guarded
def user_add(
    username: str = typer.Argument(..., help="The sign-in name."),
    role: str = typer.Option(..., "--role", help="operator, district_admin or teacher."),
    district: str | None = typer.Option(
        None, "--district", help="Their district (not for operators)."
    ),
    sis_user: str | None = typer.Option(
        None, "--sis-user", help="A teacher's SIS user sourcedId (e.g. T-1)."
    ),
    name: str | None = typer.Option(None, "--name", help="Display name."),
    database_url: DatabaseUrl = None,
) -> None:
    """Add a console user. The password is asked for (or read from PASSBACK_USER_PASSWORD)."""
    from passback.operations.accounts.users import AccountError, create_user

    password = os.environ.get(PASSWORD_ENV) or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    engine = open_engine(resolve(database_url))
    try:
        user = create_user(
            engine,
            username=username,
            password=password,
            role=role,
            district=district,
            sis_user=sis_user,
            display_name=name,
            by="cli",
        )
    except AccountError as exc:
        raise CliError(str(exc)) from None
    common.stderr.print(
        f"User {user.username} added ({user.role}{', ' + user.district if user.district else ''}).",
        highlight=False,
    )


@user_app.command("passwd")
@guarded
def user_passwd(
    username: str = typer.Argument(..., help="Whose password to set."),
    database_url: DatabaseUrl = None,
) -> None:
    """Set a user's password (a reset by the operator): every session of theirs ends. The
    new password is asked for (or read from PASSBACK_USER_PASSWORD)."""
    from passback.operations.accounts.users import AccountError, set_password

    password = os.environ.get(PASSWORD_ENV) or typer.prompt(
        "New password", hide_input=True, confirmation_prompt=True
    )
    engine = open_engine(resolve(database_url))
    try:
        user = set_password(engine, username, password, by="cli")
    except AccountError as exc:
        raise CliError(str(exc)) from None
    common.stderr.print(
        f"Password of {user.username} changed; their sessions were signed out.", highlight=False
    )


@token_app.command("create")
@guarded
def token_create(
    district: str = typer.Argument(..., help="The district the token belongs to."),
    name: str = typer.Option(..., "--name", help="What uses the token."),
    database_url: DatabaseUrl = None,
) -> None:
    """Create a token; it is printed once (stdout), only its hash is kept."""
    from passback.operations.accounts.tokens import create_token

    engine = open_engine(resolve(database_url))
    _district_exists(engine, district)
    stored, plaintext = create_token(engine, district, name, by="cli")
    common.stderr.print(f"Token {stored.id} created for {district}; it is not shown again.")
    print(plaintext)


@token_app.command("list")
@guarded
def token_list(
    district: str = typer.Argument(...),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    database_url: DatabaseUrl = None,
) -> None:
    """The district's tokens, masked."""
    from passback.operations.accounts.tokens import list_tokens, masked

    engine = open_engine(resolve(database_url))
    _district_exists(engine, district)
    tokens = list_tokens(engine, district)
    rows = [
        {
            "id": t.id,
            "token": masked(t),
            "name": t.name,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in tokens
    ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = f"revoked {row['revoked_at'][:16]}" if row["revoked_at"] else "active"
        common.stdout.print(f"{row['token']}  {state}  {row['name']}", highlight=False)
    if not rows:
        common.stderr.print("No tokens.")


@token_app.command("revoke")
@guarded
def token_revoke(
    token_id: str = typer.Argument(..., help="The token's id (the part after pbt_)."),
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke a token at once."""
    from passback.operations.accounts.tokens import get_token, revoke_token

    engine = open_engine(resolve(database_url))
    token_id = token_id.removeprefix("pbt_").split("_")[0]
    if get_token(engine, token_id) is None:
        raise CliError(f"no token {token_id}")
    if not revoke_token(engine, token_id, by="cli"):
        raise CliError(f"token {token_id} was already revoked")
    common.stderr.print(f"Token {token_id} revoked.")


@plugin_app.command("build")
@guarded
def plugin_build(
    district: str = typer.Argument(...),
    opportunity_id: str = typer.Option(
        ..., "--opportunity-id", help="The Opportunity ID PowerSchool gave the district."
    ),
    contact_email: str = typer.Option(
        ...,
        "--contact-email",
        envvar="PASSBACK_PLUGIN_CONTACT_EMAIL",
        help="The publisher's contact e-mail (plugin.xml <contact email>).",
    ),
    publisher: str = typer.Option(
        "passback", "--publisher", envvar="PASSBACK_PLUGIN_PUBLISHER", help="Publisher name."
    ),
    registration_url: str | None = typer.Option(
        None, "--registration-url", help="https URL for plugin self-registration (optional)."
    ),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the zip.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write the plugin zip (plugin.xml at its root) for a district."""
    from passback.operations import plugins
    from passback.operations.districts import get_district

    engine = open_engine(resolve(database_url))
    found = get_district(engine, district, include_learned=False)
    if found is None:
        raise CliError(f"district {district} is not configured (passback district apply)")
    try:
        built = plugins.build(
            engine,
            found,
            opportunity_id,
            plugins.Publisher(publisher, contact_email, registration_url),
        )
    except plugins.PluginError as exc:
        raise CliError(f"the plugin cannot be built: {exc}") from None
    target = out or Path(built.filename)
    target.write_bytes(built.content)
    common.stderr.print(f"Plugin for {district} written to {target}", highlight=False)


def _district_exists(engine: object, district: str) -> None:
    from sqlalchemy import Engine

    from passback.operations.districts import get_district

    assert isinstance(engine, Engine)
    if get_district(engine, district, include_learned=False) is None:
        raise CliError(f"district {district} is not configured (passback district apply)")
