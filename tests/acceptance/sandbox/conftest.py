"""Fixtures of tests/integration/sandbox/conftest.py, for the tests here."""

from integration.sandbox.conftest import sample

__all__ = ["sample"]
