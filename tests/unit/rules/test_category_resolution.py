"""Category resolution per SIS profile (`SisContext.resolve_category`): PowerSchool's
per-teacher rows found by dcid and school year, spec-literal categories found by title and
scope, and a message for each case a district admin or teacher must tell apart."""

from __future__ import annotations

from dataclasses import replace

from passback.core.domain import SisCategory, SisConnection, SisUser
from passback.core.profiles import ONEROSTER, POWERSCHOOL
from passback.core.reasons import Reason
from passback.oneroster.records import category_from_record
from passback.sync.roster import context_from_records

from .builders import USERS, assessment, context, decide, district, without


def ps(
    sid: str,
    title: str,
    dcid: str | None,
    term: str | None = None,
    *,
    kind: bool | None = None,
    active: bool = True,
) -> SisCategory:
    """A row in PowerSchool's documented shape: userDcid and TermID, flags only if given."""
    return SisCategory(sid, title, None, kind, active, teacher_dcid=dcid, term=term)


# T-1 has dcid 101 in userIds; T-2 and T-3 have none (their sourcedId stands in).
PS_USERS = (*without(USERS, USERS[0]), SisUser("T-1", "teacher", dcid="101"))
YEARS = {"TERM-S1": "SY-27", "TERM-S2": "SY-27", "SY-27": None, "SY-26": None}


def test_the_teachers_own_row_is_found_by_dcid_and_year() -> None:
    ctx = context(
        users=PS_USERS,
        term_parents=YEARS,
        categories=(
            ps("A-last-year", "Tests", "101", "SY-26"),  # another school year the SIS lists
            ps("B-other-teacher", "Tests", "T-3", "SY-27"),
            ps("C-mine", "Tests", "101", "SY-27"),
            ps("D-mine-3200", "Quizzes", "101", "3200"),  # a TermID naming no session
        ),
    )
    found = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Tests")
    assert found.category is not None and found.category.sourced_id == "C-mine"
    quiz = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Quizzes")
    assert quiz.category is not None and quiz.category.sourced_id == "D-mine-3200"
    # T-3 has no dcid in userIds: the row naming its sourcedId is its own
    other = ctx.resolve_category(POWERSCHOOL, "CLS-7B", "T-3", "Tests")
    assert other.category is not None and other.category.sourced_id == "B-other-teacher"


def test_only_last_years_copy_says_for_this_school_year() -> None:
    ctx = context(
        users=PS_USERS, term_parents=YEARS, categories=(ps("A", "Tests", "101", "SY-26"),)
    )
    found = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Tests")
    assert found.category is None and found.reason is Reason.CATEGORY_INACTIVE
    assert "has no copy of it for this school year" in found.message


def test_four_cases_four_messages() -> None:
    ctx = context(
        users=PS_USERS,
        term_parents=YEARS,
        categories=(
            ps("U-1", "Projects", "101", kind=False),
            ps("T-3-TESTS", "Tests", "T-3"),
            ps("T-1-QUIZ", "Quizzes", "101", kind=True, active=False),
        ),
    )
    nowhere = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Labs")
    assert nowhere.reason is Reason.CATEGORY_NOT_DISTRICT
    assert nowhere.message.startswith("The SIS has no category titled 'Labs'")
    user_only = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Projects")
    assert user_only.reason is Reason.CATEGORY_NOT_DISTRICT
    assert "only as teachers' own categories" in user_only.message
    missing = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Tests")
    assert missing.reason is Reason.CATEGORY_INACTIVE
    assert "'Tests' exists, but the class teacher has no copy of it in" in missing.message
    inactive = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Quizzes")
    assert inactive.reason is Reason.CATEGORY_INACTIVE
    assert "copy of the district category 'Quizzes' is inactive" in inactive.message
    assert len({m.message for m in (nowhere, user_only, missing, inactive)}) == 4


def test_a_district_corrects_a_teachers_dcid() -> None:
    """The SIS gives T-1 dcid 101, but its rows name 555: the district's correction wins."""
    ctx = context(users=PS_USERS, term_parents=YEARS, categories=(ps("C", "Tests", "555"),))
    assert ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Tests").category is None
    fixed = ctx.resolve_category(POWERSCHOOL, "CLS-7A", "T-1", "Tests", {"T-1": "555"})
    assert fixed.category is not None and fixed.category.sourced_id == "C"


def test_the_correction_reaches_the_rules_through_the_district() -> None:
    ctx = context(users=PS_USERS, term_parents=YEARS, categories=(ps("C", "Tests", "555"),))
    plain = district()
    fixed = replace(plain, sis=replace(plain.sis, teacher_dcids={"T-1": "555"}))
    assert decide(assessment(), dist=plain, ctx=ctx).reasons == (Reason.CATEGORY_INACTIVE,)
    decision = decide(assessment(), dist=fixed, ctx=ctx)
    assert decision.send and decision.category == "C"


def test_spec_literal_title_class_and_teacher_scopes() -> None:
    ctx = context(
        users=PS_USERS,
        categories=(
            SisCategory("ALL", "Tests", None, None, True),
            SisCategory("T3", "Tests", "T-3", None, True),
            SisCategory("7B", "Tests", None, None, True, class_id="CLS-7B"),
            SisCategory("ELSEWHERE", "Labs", None, None, True, class_id="CLS-S2"),
            SisCategory("OFF", "Quizzes", None, None, False),
        ),
    )
    pick = ctx.resolve_category
    assert pick(ONEROSTER, "CLS-7A", "T-1", "Tests").category.sourced_id == "ALL"  # type: ignore[union-attr]
    assert pick(ONEROSTER, "CLS-7B", "T-3", "Tests").category.sourced_id == "7B"  # type: ignore[union-attr]
    assert pick(ONEROSTER, "CLS-S2", "T-3", "Tests").category.sourced_id == "T3"  # type: ignore[union-attr]
    labs = pick(ONEROSTER, "CLS-7A", "T-1", "Labs")
    assert labs.reason is Reason.CATEGORY_INACTIVE
    assert "only for other classes or teachers" in labs.message
    off = pick(ONEROSTER, "CLS-7A", "T-1", "Quizzes")
    assert off.reason is Reason.CATEGORY_INACTIVE and "is not active" in off.message
    nowhere = pick(ONEROSTER, "CLS-7A", "T-1", "Homework")
    assert nowhere.reason is Reason.CATEGORY_NOT_DISTRICT


def test_profile_title_limits() -> None:
    long = "A title of exactly fifty characters, padded out..."
    assert len(long) == 50
    ps_district = district()
    or_district = replace(ps_district, sis=replace(ps_district.sis, profile="oneroster"))
    assert Reason.TITLE_TOO_LONG in decide(assessment(title=long), dist=ps_district).reasons
    assert decide(assessment(title=long), dist=or_district).send


def test_records_in_every_shape_are_read() -> None:
    documented = category_from_record(
        {"sourcedId": " C1 ", "title": "Tests ", "metadata": {"userDcid": 101, "TermID": 3200}}
    )
    assert documented == SisCategory("C1", "Tests", None, None, True, "101", "3200")
    legacy = category_from_record(
        {
            "sourcedId": "C2",
            "title": "Tests",
            "metadata": {"teacher": "T-1", "categoryType": "district", "isActive": "false"},
        }
    )
    assert (legacy.teacher, legacy.district_level, legacy.active) == ("T-1", True, False)
    literal = category_from_record({"sourcedId": "C3", "title": "Tests", "status": "active"})
    assert (literal.owned, literal.district_level, literal.active) == (False, None, True)
    ctx = context_from_records(
        {
            "academicSessions": [],
            "classes": [],
            "users": [
                {
                    "sourcedId": "T-1",
                    "role": "teacher",
                    "userIds": [{"type": "DCID", "identifier": " 101 "}],
                },
                {"sourcedId": "T-2", "role": "teacher"},
            ],
            "enrollments": [],
            "categories": [],
        }
    )
    assert ctx.teacher_dcid("T-1") == "101" and ctx.teacher_dcid("T-2") == "T-2"


def test_district_config_accepts_both_profiles_and_corrections() -> None:
    from passback.core.district_document import config_document
    from passback.intake.district_file import DistrictConfig

    base = {
        "id": "d1",
        "name": "D",
        "timezone": "America/Chicago",
        "sis": {
            "profile": "oneroster",
            "base_url": "https://sis.example/ims/oneroster/v1p1",
            "token_url": "https://sis.example/oauth/access_token",
            "client_id": "x",
            "teacher_dcids": {"T-1": "555"},
        },
    }
    d, _ = DistrictConfig.parse(base).to_domain()
    assert d.sis == SisConnection(
        "https://sis.example/ims/oneroster/v1p1",
        "https://sis.example/oauth/access_token",
        "x",
        "oneroster",
        {"T-1": "555"},
    )
    assert config_document(d, secret_stored=False)["sis"]["teacher_dcids"] == {"T-1": "555"}
    import pytest

    from passback.intake.district_file import DistrictConfigError

    with pytest.raises(DistrictConfigError, match=r"sis\.profile"):
        DistrictConfig.parse({**base, "sis": {**base["sis"], "profile": "skyward"}})


def test_onboarding_lookups_read_every_shape() -> None:
    ctx = context(
        users=PS_USERS,
        term_parents=YEARS,
        categories=(
            ps("C-1", "Tests", "101", "SY-26"),
            ps("C-3", "Tests", "T-3", active=False),
            ps("U-1", "Projects", "101", kind=False),
            SisCategory("ALL", "Homework", None, None, True),
        ),
    )
    assert ctx.is_district_category("Tests") and ctx.is_district_category("Homework")
    assert not ctx.is_district_category("Projects") and not ctx.is_district_category("Labs")
    assert ctx.active_district_copy("T-1", "Tests").sourced_id == "C-1"  # type: ignore[union-attr]
    assert ctx.active_district_copy("T-3", "Tests") is None  # inactive
    assert ctx.active_district_copy("T-2", "Tests") is None  # none of T-2's
    assert ctx.active_district_copy("T-2", "Homework").sourced_id == "ALL"  # type: ignore[union-attr]
    assert ctx.active_district_copy("T-1", "Projects") is None
