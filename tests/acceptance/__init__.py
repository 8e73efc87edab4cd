"""Acceptance tier: the CLI and servers run as processes, killed runs, the browser."""
