"""Integration tier: SQLite, PostgreSQL, the sandbox in-process or on loopback."""
