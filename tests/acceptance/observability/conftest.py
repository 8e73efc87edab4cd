"""Fixtures of tests/integration/observability/conftest.py, for the tests here."""

from integration.observability.conftest import sqlite_world

__all__ = ["sqlite_world"]
