"""OneRoster 1.1 client for grade passback: auth, typed reads, idempotent writes, retries.

Start with `OneRosterClient`; errors are grouped by what the caller does (see `errors`).
"""

from passback.core.profiles import SCOPE_PREFIX
from passback.oneroster.auth import DEFAULT_SCOPES, BearerAuth, TokenCache
from passback.oneroster.client import CallCounts, OneRosterClient, WriteOutcome, modified_since
from passback.oneroster.errors import (
    DistrictFatal,
    IncompleteRead,
    InvalidResponse,
    OneRosterError,
    RecordRejected,
    RetryableError,
    classify,
)
from passback.oneroster.imsx import ImsxStatus, parse_status
from passback.oneroster.models import (
    AcademicSession,
    Category,
    Enrollment,
    GUIDRef,
    LineItem,
    OneRosterClass,
    Result,
    User,
)
from passback.oneroster.query import Filter, and_, filter_expr, or_, query_params
from passback.oneroster.retry import RetryPolicy, parse_retry_after

__all__ = [
    "DEFAULT_SCOPES",
    "SCOPE_PREFIX",
    "AcademicSession",
    "BearerAuth",
    "CallCounts",
    "Category",
    "DistrictFatal",
    "Enrollment",
    "Filter",
    "GUIDRef",
    "ImsxStatus",
    "IncompleteRead",
    "InvalidResponse",
    "LineItem",
    "OneRosterClass",
    "OneRosterClient",
    "OneRosterError",
    "RecordRejected",
    "Result",
    "RetryPolicy",
    "RetryableError",
    "TokenCache",
    "User",
    "WriteOutcome",
    "and_",
    "classify",
    "filter_expr",
    "modified_since",
    "or_",
    "parse_retry_after",
    "parse_status",
    "query_params",
]
