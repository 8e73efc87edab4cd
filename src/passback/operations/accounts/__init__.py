"""Accounts and roles: console users (operator, district admin, teacher), the
assessment platform's per-district API tokens, and who may see and do what.

Every front end asks `Principal` before touching a district's objects; the rule is in one
place (`roles.py`) so the console and the API cannot drift apart.
"""

from passback.operations.accounts.roles import Principal, Role

__all__ = ["Principal", "Role"]
