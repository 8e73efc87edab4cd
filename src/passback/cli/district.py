"""`passback district …`: create, update, show and list district configuration; activate
and pause a district (docs/scheduling.md#activation). Applying goes through the same operation as
the console's and the API's saves (`passback.operations.districts.apply_file`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import structlog
import typer
from rich.table import Table
from rich.text import Text

from passback.cli import common
from passback.cli.common import CliError, guarded
from passback.cli.database import DatabaseUrl, open_engine, resolve, user_errors
from passback.core.district_document import MASK
from passback.core.domain import District
from passback.operations import districts as operation
from passback.operations import onboarding
from passback.operations.districts import Activation
from passback.operations.purge import cli_actor, district_rows, purge_district
from passback.secrets import SecretBox

log = structlog.get_logger(__name__)

app = typer.Typer(help="District configuration.", no_args_is_help=True)

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


@app.command("apply")
@guarded
def apply(
    file: Annotated[
        Path, typer.Argument(help="District config file (JSON, docs/district-file.md).")
    ],
    database_url: DatabaseUrl = None,
) -> None:
    """Create a district, or update it, from its config file."""
    url = resolve(database_url)
    with user_errors():
        config = operation.read_file(file)  # a bad file creates no database
        engine = open_engine(url)
        applied = operation.apply_file(
            engine, lambda: SecretBox.for_database(url), file, by=cli_actor(), config=config
        )
    district, created = applied.district, applied.created
    log.info("district.applied", district=district.id, created=created, file=str(file))
    common.stderr.print(
        f"{'created' if created else 'updated'} district {district.id}",
        markup=False,
        highlight=False,
    )
    if not applied.secret_stored:
        common.stderr.print(
            "note: no SIS client secret is stored yet; add sis.client_secret before syncing",
            markup=False,
            highlight=False,
        )


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "?"


def _state_line(state: Activation) -> str:
    if state.active:
        return f"active since {_when(state.activated_at)} (by {state.activated_by})"
    if state.activated_at is None:
        return "not activated yet"
    return f"paused since {_when(state.paused_at)} (by {state.paused_by})"


@app.command("activate")
@guarded
def activate(
    district_id: Annotated[str, typer.Argument(metavar="ID", help="District id.")],
    as_json: AsJson = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Activate a district: its nightly, on-change and real syncs start
    (docs/scheduling.md#activation)."""
    _set_state(
        onboarding.activate,
        district_id,
        as_json=as_json,
        database_url=database_url,
        done=f"activated district {district_id}: nightly and on-change syncs will run",
    )


@app.command("deactivate")
@guarded
def deactivate(
    district_id: Annotated[str, typer.Argument(metavar="ID", help="District id.")],
    as_json: AsJson = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Pause a district: no nightly, on-change or real sync until it is activated again."""
    _set_state(
        onboarding.deactivate,
        district_id,
        as_json=as_json,
        database_url=database_url,
        done=(
            f"paused district {district_id}: no nightly, on-change or real sync until "
            f"`{onboarding.activate_command(district_id)}`"
        ),
    )


def _set_state(
    change_state: Callable[..., onboarding.ActivationChange],
    district_id: str,
    *,
    as_json: bool,
    database_url: str | None,
    done: str,
) -> None:
    """Activate or pause: warnings first, then the JSON (if asked), then what happened."""
    with user_errors():
        engine = open_engine(resolve(database_url))
    try:
        change = change_state(engine, district_id, by=cli_actor())
    except LookupError:
        raise CliError(f"district {district_id} is not configured") from None
    for warning in change.warnings:
        common.stderr.print(f"warning: {warning}", markup=False, highlight=False)
    if as_json:
        common.print_json(change.as_dict())
    message = (
        done if change.changed else f"district {district_id} is already {_state_line(change.state)}"
    )
    common.stderr.print(message, markup=False, highlight=False)


@app.command("show")
@guarded
def show(
    district_id: Annotated[str, typer.Argument(metavar="ID", help="District id.")],
    as_json: AsJson = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Show a district's configuration (the secret masked) and learned closed periods."""
    engine = open_engine(resolve(database_url))
    found = operation.details(engine, district_id)
    if found is None:
        raise CliError(f"district {district_id} is not configured")
    district, document, learned = found.district, found.document, found.learned
    refused, state = found.refused, found.activation
    if as_json:
        common.print_json(
            {
                "config": document,
                "learned_closed_periods": learned,
                "sis_refuses": refused,
                "activation": onboarding.state_dict(state),
            }
        )
        return
    table = _details(district, document, learned, state)
    for capability, message in sorted(refused.items()):
        # learned from the SIS; tried again when the SIS settings change or after 30 days
        table.add_row(Text(f"sis refuses {capability}", style="bold"), Text(message))
    common.stdout.print(table)


@app.command("list")
@guarded
def list_(as_json: AsJson = False, database_url: DatabaseUrl = None) -> None:
    """List every district."""
    engine = open_engine(resolve(database_url))
    rows = operation.listing(engine)
    if as_json:
        common.print_json([document for _, document, _ in rows])
        return
    if not rows:
        common.stderr.print("no districts yet: passback district apply FILE", markup=False)
        return
    table = Table("id", "name", "state", "time zone", "SIS", "secret", "effective date")
    for district, document, state in rows:
        table.add_row(
            Text(district.id),
            Text(district.name),
            "active" if state.active else "paused" if state.activated_at else "not activated",
            Text(district.timezone),
            Text(district.sis.base_url),
            "stored" if "client_secret" in document["sis"] else "missing",
            Text(document["effective_date"] or "-"),
        )
    common.stdout.print(table)


def _details(
    district: District,
    document: dict[str, Any],
    learned: list[dict[str, str]],
    state: Activation,
) -> Table:
    sis = document["sis"]
    options = document["options"]
    table = Table.grid(padding=(0, 2))
    rows: list[tuple[str, str]] = [
        ("id", district.id),
        ("name", district.name),
        ("state", _state_line(state)),
        ("timezone", district.timezone),
        ("sis.profile", sis["profile"]),
        ("sis.base_url", sis["base_url"]),
        ("sis.token_url", sis["token_url"]),
        ("sis.client_id", sis["client_id"]),
        ("sis.scopes", " ".join(sis["scopes"]) if "scopes" in sis else "the profile's"),
        (
            "sis.client_secret",
            f"{MASK} (stored encrypted)" if "client_secret" in sis else "not set",
        ),
        ("effective_date", document["effective_date"] or "not set"),
        (
            "category_map",
            ", ".join(f"{k} → {v}" for k, v in document["category_map"].items()) or "-",
        ),
        ("passback_group", ", ".join(document["passback_group"]) or "-"),
        ("closed_grading_periods", ", ".join(document["closed_grading_periods"]) or "-"),
        ("contacts", ", ".join(document["contacts"]) or "-"),
        ("options", ", ".join(f"{k}={_option(v)}" for k, v in options.items())),
    ]
    for period in learned:
        rows.append(
            (
                "learned closed period",
                f"{period['period']} (since {period['learned_at']}): {period['message']}",
            )
        )
    if not learned:
        rows.append(("learned closed periods", "none"))
    for name, value in rows:
        table.add_row(Text(name, style="bold"), Text(value))
    return table


def _option(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@app.command("purge")
@guarded
def purge(
    district_id: Annotated[str, typer.Argument(help="The district to remove.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Really delete: without it, only show what would go.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Remove every row of a district and its secrets, leaving an audit entry."""
    with user_errors():
        engine = open_engine(resolve(database_url))
    rows = district_rows(engine, district_id)
    if not rows:
        raise CliError(f"no district {district_id!r}")
    table = Table(title=f"Rows of {district_id}", title_justify="left", header_style="bold")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in rows.items():
        table.add_row(name, str(n))
    common.stderr.print(table)
    if not yes:
        common.stderr.print("Nothing deleted: run again with --yes to purge.", highlight=False)
        return
    result = purge_district(engine, district_id, actor=cli_actor())
    log.info("district.purged", district=district_id, rows=result.total)
    common.stderr.print(
        f"purged district {district_id}: {result.total} rows removed", highlight=False
    )


@app.command("audit")
@guarded
def audit_log(
    district_id: Annotated[str, typer.Argument(help="District id.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many, newest first.")] = 50,
    as_json: AsJson = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Who changed what and when: configuration, onboarding, users, tokens, sync requests."""
    with user_errors():
        engine = open_engine(resolve(database_url))
    entries = operation.audit_log(engine, district_id, limit=limit)
    if as_json:
        common.print_json(
            [
                {
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "target": e.target,
                    "details": e.details,
                }
                for e in entries
            ]
        )
        return
    table = Table(title=f"Audit log of {district_id}", title_justify="left", header_style="bold")
    for col in ("at (UTC)", "who", "action", "target"):
        table.add_column(col)
    for e in entries:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.target)
    common.stdout.print(table)
