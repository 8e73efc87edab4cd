"""Shared CLI plumbing: output consoles, logging set-up and one-line errors."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TextIO, cast

import structlog
import typer
from rich.console import Console

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)

_state = {"verbose": False}


class CliError(Exception):
    """An error the user can act on; printed as one line, exit code 1."""


class _Stderr(io.TextIOBase):
    """Whatever `sys.stderr` is at the moment of writing (tests and tools swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure(*, verbose: bool) -> None:
    _state["verbose"] = verbose
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(message)s")
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=cast(TextIO, _Stderr())),
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.KeyValueRenderer(key_order=["event"], drop_missing=True),
        ],
        cache_logger_on_first_use=False,
    )


def verbose() -> bool:
    return _state["verbose"]


def fail(message: str, code: int = 1) -> NoReturn:
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def errors_as_one_line() -> Iterator[None]:
    """Turn any exception into a one-line error (the traceback only with -v)."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except CliError as exc:
        fail(str(exc))
    except Exception as exc:
        if verbose():
            raise
        fail(f"{type(exc).__name__}: {exc}")


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator form of `errors_as_one_line` for command functions."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with errors_as_one_line():
            return func(*args, **kwargs)

    return wrapper


def print_json(value: Any) -> None:
    """Data to stdout as JSON, nothing else on that stream."""
    sys.stdout.write(json.dumps(value, indent=2, default=str, ensure_ascii=False) + "\n")
    sys.stdout.flush()
