"""Fixtures of tests/integration/sync/conftest.py, for the tests here."""

from integration.sync.conftest import reference, sandbox_mode, w

__all__ = ["reference", "sandbox_mode", "w"]
