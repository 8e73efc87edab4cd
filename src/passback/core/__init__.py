"""The pure core of passback: domain records, reason codes, eligibility rules, the SIS view a
run reads, what is written to the SIS, the plan and the report model.

Nothing here does I/O or imports another passback package. The names below are core's public
face: other packages import them from `passback.core`; the submodules stay importable for
the few helpers that are not listed (tests/unit/test_core_api.py pins this list).
"""

from passback.core.clock import Clock, utc_now
from passback.core.domain import (
    WHOLE_CLASS,
    Assessment,
    AssignedTo,
    District,
    DistrictOptions,
    Enrollment,
    ExcludedAs,
    GradingPeriod,
    LedgerEntry,
    ObjectKind,
    Score,
    ScoreState,
    Scoring,
    SisCategory,
    SisClass,
    SisConnection,
    SisEdits,
    SisUser,
)
from passback.core.eligibility import (
    LineItemDecision,
    ResultDecision,
    evaluate_assessments,
    evaluate_scores,
)
from passback.core.plan import Action, Plan, PlanItem, count_actions
from passback.core.planner import make_plan
from passback.core.profiles import ONEROSTER, POWERSCHOOL, PROFILES, SisProfile, profile_for
from passback.core.reasons import Reason, label_of
from passback.core.report import RunSummary, item_message, item_row, report_dict
from passback.core.sis_view import SisContext
from passback.core.writes import LINE_ITEM_PREFIX, RESULT_PREFIX, line_item_id, result_id

__all__ = [
    "LINE_ITEM_PREFIX",
    "ONEROSTER",
    "POWERSCHOOL",
    "PROFILES",
    "RESULT_PREFIX",
    "WHOLE_CLASS",
    "Action",
    "Assessment",
    "AssignedTo",
    "Clock",
    "District",
    "DistrictOptions",
    "Enrollment",
    "ExcludedAs",
    "GradingPeriod",
    "LedgerEntry",
    "LineItemDecision",
    "ObjectKind",
    "Plan",
    "PlanItem",
    "Reason",
    "ResultDecision",
    "RunSummary",
    "Score",
    "ScoreState",
    "Scoring",
    "SisCategory",
    "SisClass",
    "SisConnection",
    "SisContext",
    "SisEdits",
    "SisProfile",
    "SisUser",
    "count_actions",
    "evaluate_assessments",
    "evaluate_scores",
    "item_message",
    "item_row",
    "label_of",
    "line_item_id",
    "make_plan",
    "profile_for",
    "report_dict",
    "result_id",
    "utc_now",
]
