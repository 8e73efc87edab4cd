"""Reason codes: why a score or an assessment did not pass back, and how to fix it.

Codes are stable identifiers used by the API, reports and tests. Each message speaks to the
teacher or district admin who has to act on it; it says what happened and what to do.
"""

from __future__ import annotations

import enum


class Reason(enum.StrEnum):
    # assessment-level (per assessment and class)
    STANDARDS_BASED = "STANDARDS_BASED"
    POINTS_NOT_WHOLE = "POINTS_NOT_WHOLE"
    TITLE_TOO_LONG = "TITLE_TOO_LONG"
    NOT_IN_FINAL_GRADE = "NOT_IN_FINAL_GRADE"
    MISSING_DUE_DATE = "MISSING_DUE_DATE"
    ASSIGNER_NOT_IN_SIS = "ASSIGNER_NOT_IN_SIS"
    ASSIGNER_NOT_IN_GROUP = "ASSIGNER_NOT_IN_GROUP"
    CLASS_NOT_IN_SIS = "CLASS_NOT_IN_SIS"
    CATEGORY_NOT_MAPPED = "CATEGORY_NOT_MAPPED"
    CATEGORY_NOT_DISTRICT = "CATEGORY_NOT_DISTRICT"
    CATEGORY_INACTIVE = "CATEGORY_INACTIVE"
    BEFORE_EFFECTIVE_DATE = "BEFORE_EFFECTIVE_DATE"
    BEFORE_GRADING_PERIOD = "BEFORE_GRADING_PERIOD"
    NO_GRADING_PERIOD = "NO_GRADING_PERIOD"
    GRADING_PERIOD_CLOSED = "GRADING_PERIOD_CLOSED"
    DUPLICATE_TITLE = "DUPLICATE_TITLE"
    SIS_REJECTED = "SIS_REJECTED"
    SIS_CANNOT_DELETE = "SIS_CANNOT_DELETE"
    # score-level (per student, for an assessment that is sent)
    STUDENT_NOT_ENROLLED = "STUDENT_NOT_ENROLLED"
    EXCLUDED = "EXCLUDED"
    NOT_GRADED = "NOT_GRADED"
    # not a skip: the SIS holds a teacher's edit that passback leaves alone
    SIS_EDITED = "SIS_EDITED"

    @property
    def message(self) -> str:
        return MESSAGES[self]

    @property
    def label(self) -> str:
        """A short name for people (headings, filters, charts); the code stays the id."""
        return LABELS[self]

    @property
    def level(self) -> str:
        if self in SCORE_LEVEL:
            return "score"
        if self is Reason.SIS_EDITED:
            return "conflict"
        return "assessment"


SCORE_LEVEL = frozenset({Reason.STUDENT_NOT_ENROLLED, Reason.EXCLUDED, Reason.NOT_GRADED})

LABELS: dict[Reason, str] = {
    Reason.STANDARDS_BASED: "Standards-based, not points",
    Reason.POINTS_NOT_WHOLE: "Points not a whole number",
    Reason.TITLE_TOO_LONG: "Title too long",
    Reason.NOT_IN_FINAL_GRADE: "Not in the final grade",
    Reason.MISSING_DUE_DATE: "No due date",
    Reason.ASSIGNER_NOT_IN_SIS: "Assigner not in the SIS",
    Reason.ASSIGNER_NOT_IN_GROUP: "Assigner not in the passback group",
    Reason.CLASS_NOT_IN_SIS: "Class not in the SIS",
    Reason.CATEGORY_NOT_MAPPED: "Type not mapped to a category",
    Reason.CATEGORY_NOT_DISTRICT: "Category not a district category",
    Reason.CATEGORY_INACTIVE: "Category not active in the teacher's gradebook",
    Reason.BEFORE_EFFECTIVE_DATE: "Before the effective date",
    Reason.BEFORE_GRADING_PERIOD: "Before the current grading period",
    Reason.NO_GRADING_PERIOD: "Due date in no grading period",
    Reason.GRADING_PERIOD_CLOSED: "Grading period closed",
    Reason.DUPLICATE_TITLE: "Same title as another in the class",
    Reason.SIS_REJECTED: "Refused by the SIS",
    Reason.SIS_CANNOT_DELETE: "The SIS does not let passback delete",
    Reason.STUDENT_NOT_ENROLLED: "Student not enrolled in the class",
    Reason.EXCLUDED: "Excluded",
    Reason.NOT_GRADED: "Not graded yet",
    Reason.SIS_EDITED: "Changed by a teacher in the SIS",
}


def label_of(code: str) -> str:
    """The label of a code, or the code itself when it is not (or no longer) known."""
    try:
        return Reason(code).label
    except ValueError:
        return code


MESSAGES: dict[Reason, str] = {
    Reason.STANDARDS_BASED: (
        "The assessment is scored on a standards scale; the SIS gradebook takes points only. "
        "Use a points-based version of the assessment if it should count in the gradebook."
    ),
    Reason.POINTS_NOT_WHOLE: (
        "The total points possible must be a whole number greater than 0. "
        "Change the assessment's total points (for example 20 instead of 19.5)."
    ),
    Reason.TITLE_TOO_LONG: (
        "The title has 50 or more characters; the SIS accepts fewer than 50. "
        "Shorten the assessment's title."
    ),
    Reason.NOT_IN_FINAL_GRADE: (
        'The assessment is not marked "include score in final grade". '
        "Turn that setting on if the score should reach the gradebook."
    ),
    Reason.MISSING_DUE_DATE: (
        "The assessment has no due date, and the SIS needs one to place it in a grading "
        "period. Give the assessment a due date."
    ),
    Reason.ASSIGNER_NOT_IN_SIS: (
        "The person who assigned the assessment is not a user in the SIS (for example a "
        "platform-only administrator). Have the class's teacher or co-teacher assign it."
    ),
    Reason.ASSIGNER_NOT_IN_GROUP: (
        "The person who assigned the assessment is not in the district's passback group. "
        "Ask the district administrator to add them to the group; earlier assessments then "
        "pass back on the next run."
    ),
    Reason.CLASS_NOT_IN_SIS: (
        "The class is unknown to the SIS or no longer active there. Check the class roster "
        "in the SIS, or assign the assessment to the class as it exists in the SIS."
    ),
    Reason.CATEGORY_NOT_MAPPED: (
        "The assessment's type has no gradebook category in the district's category mapping. "
        "Ask the district administrator to map this type to a district category."
    ),
    Reason.CATEGORY_NOT_DISTRICT: (
        "The SIS has no district category with the mapped title: no category has that "
        "title, or only teachers' own categories do (the item's message says which). Correct "
        "the title in the category mapping, or have the district create the category."
    ),
    Reason.CATEGORY_INACTIVE: (
        "The district category exists, but the class teacher has no active copy of it in "
        "their gradebook (the item's message says whether it is missing or inactive). The "
        "teacher should add or activate that category in the SIS gradebook."
    ),
    Reason.BEFORE_EFFECTIVE_DATE: (
        "Passback has not started yet, or the assessment was assigned and last changed before "
        "the district's passback effective date. Only assessments assigned or changed on or "
        "after it pass back; ask the district administrator if the date is wrong."
    ),
    Reason.BEFORE_GRADING_PERIOD: (
        "The assessment was assigned and last changed before the class's current grading "
        "period began, and it was never sent; passback sends only work of the current grading "
        "period. Enter the score in the SIS by hand, or reassign the assessment in this period."
    ),
    Reason.NO_GRADING_PERIOD: (
        "The due date falls in no grading period of the class's terms, so the SIS cannot "
        "place it. Move the due date into a grading period of the class."
    ),
    Reason.GRADING_PERIOD_CLOSED: (
        "The assessment's dates fall within or straddle a closed grading period; the SIS "
        "accepts no writes there. Move the dates into an open period, or ask the district to "
        "reopen the period."
    ),
    Reason.DUPLICATE_TITLE: (
        "Another assessment in this class has the same title, and the SIS allows only one "
        "assignment of a name per class; the one already in the SIS (else the earliest "
        "assigned) was sent. Rename this assessment."
    ),
    Reason.SIS_REJECTED: (
        "The SIS refused the write; its own message is shown. Fix what it names, or contact "
        "the integration operator with this message."
    ),
    Reason.SIS_CANNOT_DELETE: (
        "The SIS does not let passback delete (it refused the gradebook.delete scope or "
        "answered DELETE as unsupported), so this retracted score or assignment is still in "
        "the gradebook. Remove it in the SIS by hand, or have the SIS grant passback the "
        "delete scope and change the district's SIS settings (e.g. sis.scopes) so passback "
        "tries again."
    ),
    Reason.STUDENT_NOT_ENROLLED: (
        "The student has no active enrollment in this class in the SIS. Check the student's "
        "schedule in the SIS; the score passes back once the enrollment is there."
    ),
    Reason.EXCLUDED: (
        "The score is marked excluded in the assessment platform, so it is not sent. Remove "
        "the exclusion if it should count."
    ),
    Reason.NOT_GRADED: (
        "The work is not graded yet (turned in but not fully graded, or not past due). "
        "Finish grading it; it passes back on the next run."
    ),
    Reason.SIS_EDITED: (
        "A teacher changed this in the SIS after passback wrote it. passback keeps the SIS "
        "value; both values are shown. Change it in the SIS, or ask the district to let "
        "passback overwrite SIS edits."
    ),
}
