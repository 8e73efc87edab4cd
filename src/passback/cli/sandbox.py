"""`passback sandbox …`: the OneRoster 1.1 SIS sandbox (PowerSchool profile by default) and
synthetic districts for it."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from passback.cli import common

if TYPE_CHECKING:
    from passback.sandbox.synthetic import GeneratedDistrict

app = typer.Typer(
    help="The OneRoster 1.1 SIS sandbox (PowerSchool profile by default).", no_args_is_help=True
)


Opt = typer.Option


@app.command()
@common.guarded
def serve(
    data: Annotated[
        Path | None, Opt("--data", help="Fixture JSON (default: the shipped sample district).")
    ] = None,
    host: Annotated[str, Opt("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, Opt("--port", help="Port (0 picks a free one).")] = 8900,
    state: Annotated[
        Path | None,
        Opt(
            "--state",
            help="Keep the state in this file: loaded on start if present (instead of --data), "
            "saved shortly after writes and on shutdown.",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        Opt(
            "--profile",
            help="Answer as this SIS: powerschool (PowerSchool's category shape and rules) or "
            "oneroster (spec-literal OneRoster 1.1). Default: the fixture's, else powerschool.",
        ),
    ] = None,
    seed: Annotated[int, Opt("--seed", help="Seed of the fault generator.")] = 0,
    latency_ms: Annotated[float, Opt("--latency-ms", help="Added latency per call (ms).")] = 0,
    jitter_ms: Annotated[float, Opt("--jitter-ms", help="Random extra latency, up to (ms).")] = 0,
    rate_429: Annotated[float, Opt("--rate-429", help="Fraction of API calls answered 429.")] = 0,
    retry_after: Annotated[int, Opt("--retry-after", help="Retry-After seconds on a 429.")] = 1,
    rate_5xx: Annotated[float, Opt("--rate-5xx", help="Fraction answered 500 or 503.")] = 0,
    rate_drop: Annotated[
        float, Opt("--rate-drop", help="Fraction of successful writes whose connection is cut.")
    ] = 0,
    token_lifetime: Annotated[int, Opt("--token-lifetime", help="Token lifetime (s).")] = 3600,
) -> None:
    """Serve the sandbox until interrupted (Ctrl-C saves --state and stops)."""
    import uvicorn

    from passback.core.profiles import profile_for
    from passback.sandbox import FaultConfig, FixtureError, SandboxState, create_app, sample_fixture
    from passback.sandbox.server import bind_socket, uvicorn_config

    try:
        faults = FaultConfig(
            seed=seed,
            latency_ms=latency_ms,
            jitter_ms=jitter_ms,
            rate_429=rate_429,
            retry_after_s=retry_after,
            rate_5xx=rate_5xx,
            rate_drop_after_commit=rate_drop,
            token_lifetime_s=token_lifetime,
        )
    except ValueError as exc:
        raise common.CliError(str(exc)) from None
    try:
        if state is not None and state.exists():
            world, source = SandboxState.from_file(state), f"state file {state}"
        elif data is not None:
            world, source = SandboxState.from_file(data), str(data)
        else:
            world, source = SandboxState.from_fixture(sample_fixture()), "the sample district"
    except (FixtureError, OSError) as exc:
        raise common.CliError(str(exc)) from None
    if profile is not None:
        try:
            world.profile = profile_for(profile)
        except KeyError as exc:
            raise common.CliError(str(exc.args[0])) from None

    sock = bind_socket(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    root = f"http://{shown}:{actual}"
    clients = ", ".join(
        f"{c.client_id} ({'read/write' if c.write_access else 'read-only'})"
        for c in world.clients.values()
    )
    common.stderr.print(
        f"sandbox: serving {source} ({world.count('users')} users, "
        f"{world.count('classes')} classes) as {world.profile.label}\n"
        f"  base URL   {root}/ims/oneroster/v1p1\n"
        f"  token URL  {root}/oauth/access_token\n"
        f"  control    {root}/sandbox/faults, /sandbox/stats, /sandbox/dump\n"
        f"  clients    {clients or 'none'}\n"
        "  Ctrl-C to stop",
        highlight=False,
    )
    application = create_app(world, faults, state_file=state)
    level = "info" if common.verbose() else "warning"
    # uvicorn re-raises Ctrl-C after its graceful shutdown (the state is saved by then).
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(uvicorn_config(application, host, actual, level)).run(sockets=[sock])
    common.stderr.print("sandbox: stopped", highlight=False)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise common.CliError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


@app.command()
@common.guarded
def generate(
    students: Annotated[int, Opt("--students", min=1, help="Number of students.")],
    output: Annotated[
        Path,
        Opt(
            "--output",
            "-o",
            help="A folder: the whole district (sis.json, platform.json, district.json, "
            "summary.json). A file ending in .json: the SIS fixture only.",
        ),
    ],
    seed: Annotated[int, Opt("--seed", help="The same seed gives the same district.")] = 1,
    schools: Annotated[int, Opt("--schools", min=1, help="Number of schools.")] = 2,
    classes: Annotated[int | None, Opt("--classes", help="Default: max(20, students/5).")] = None,
    teachers: Annotated[
        int | None, Opt("--teachers", help="Default: max(15, students/20).")
    ] = None,
    profile: Annotated[
        str,
        Opt(
            "--profile",
            help="powerschool (per-teacher categories) or oneroster (spec-literal categories); "
            "the fixture's sandbox serves as it. A folder is powerschool only.",
        ),
    ] = "powerschool",
    district: Annotated[
        str | None, Opt("--district", help="Folder only: the district's id (bench-1).")
    ] = None,
    per_period: Annotated[
        int | None,
        Opt("--per-period", min=1, help="Folder only: assessments per section and period (8)."),
    ] = None,
    as_of: Annotated[
        str | None,
        Opt("--as-of", help="Folder only: platform data up to this date (YYYY-MM-DD)."),
    ] = None,
    sis_url: Annotated[
        str | None,
        Opt("--sis-url", help="Folder only: where the sandbox will serve sis.json."),
    ] = None,
) -> None:
    """Write a generated district (deterministic for a seed): a whole district into a
    folder, for a rehearsal or a benchmark, or only its SIS fixture."""
    if output.suffix.lower() != ".json":
        if profile != "powerschool":
            raise common.CliError("--profile: a whole district is generated as powerschool only")
        from passback.sandbox.synthetic import generate as generate_folder

        district_id = district or "bench-1"
        try:
            made = generate_folder(
                output,
                students=students,
                seed=seed,
                schools=schools,
                classes=classes,
                teachers=teachers,
                district=district_id,
                per_period=per_period or 8,
                as_of=_day(as_of, "--as-of"),
                sis_url=sis_url or "http://127.0.0.1:8900",
            )
        except ValueError as exc:
            raise common.CliError(str(exc)) from None
        _wrote_folder(made, district_id)
        return
    folder_only = {
        "--district": district,
        "--per-period": per_period,
        "--as-of": as_of,
        "--sis-url": sis_url,
    }
    given = [name for name, value in folder_only.items() if value is not None]
    if given:
        raise common.CliError(
            f"{', '.join(given)}: only for a folder (-o DIR); {output} is a fixture file"
        )
    from passback.sandbox import generate_district
    from passback.sandbox.persistence import save_fixture

    try:
        fixture = generate_district(
            students,
            seed=seed,
            schools=schools,
            classes=classes,
            teachers=teachers,
            profile=profile,
        )
    except ValueError as exc:
        raise common.CliError(str(exc)) from None
    except KeyError as exc:
        raise common.CliError(str(exc.args[0])) from None
    save_fixture(fixture, output)
    counts = ", ".join(
        f"{len(fixture[k])} {k}" for k in ("users", "classes", "enrollments", "categories")
    )
    common.stderr.print(f"wrote {output}: {counts}", highlight=False)


def _wrote_folder(made: GeneratedDistrict, district: str) -> None:
    c = made.counts
    common.stderr.print(
        f"wrote {made.folder}: {made.classes} classes, {made.enrollments} enrollments, "
        f"{c.assessments} assessments ({c.deleted} deleted), {c.scores} scores",
        highlight=False,
    )
    common.stderr.print(
        f"next: passback sandbox serve --data {made.sis} · passback district apply "
        f"{made.district} · passback import {made.platform} · passback sync {district} "
        f"--as-of {made.as_of}",
        highlight=False,
    )
