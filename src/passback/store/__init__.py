"""Persistence: one module per concern (districts, source data, ledger, runs) over one schema.

`db` makes engines and sessions and runs the migrations; `schema` holds the tables (one module
per concern, on one `Base`).
"""
