"""The harness's logging: passback's warnings only, on stderr (stdout carries the tables,
and a child step's stdout its result)."""

from __future__ import annotations

import logging
import sys

import structlog


def quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )
