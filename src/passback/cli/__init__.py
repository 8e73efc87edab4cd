"""The `passback` command line: a thin adapter over the service layer.

Status goes to stderr, data to stdout. Every option can also be given as a
`PASSBACK_<COMMAND>_<OPTION>` environment variable (and the common ones by their short
names, e.g. `PASSBACK_DATABASE_URL`). Exit code 0 on success, 1 when anything failed.
"""

from __future__ import annotations

import sys

import typer

from passback.cli import common, data, district, keys, sandbox, sync, web, worker
from passback.cli.conventions import PassbackGroup

app = typer.Typer(
    name="passback",
    cls=PassbackGroup,
    help="Pass assessment scores back into SIS gradebooks over OneRoster 1.1.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Show tracebacks and debug logs.", envvar="PASSBACK_VERBOSE"
    ),
) -> None:
    common.configure(verbose=verbose)


app.add_typer(district.app, name="district")
app.add_typer(sandbox.app, name="sandbox")
data.register(app)
sync.register(app)
worker.register(app)
web.register(app)
keys.register(app)


def main() -> None:
    command = typer.main.get_command(app)
    try:
        command.main(prog_name="passback", auto_envvar_prefix="PASSBACK", standalone_mode=True)
    except common.CliError as exc:  # pragma: no cover - standalone_mode handles exit codes
        common.fail(str(exc))
    sys.exit(0)
