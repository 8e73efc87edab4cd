"""Fixtures of tests/integration/scheduling/conftest.py, for the tests here."""

from integration.scheduling.conftest import sqlite_engine, world

__all__ = ["sqlite_engine", "world"]
