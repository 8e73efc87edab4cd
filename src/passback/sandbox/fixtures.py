"""Sandbox fixtures: the shipped sample district and a seeded generator of districts of any
size (50,000 students in a few seconds), in the format of
docs/sandbox.md#fixture-format-and-state-files.

Shape of a generated district (ids are human-readable; `HS`/`MS`/`ES`, then `S4`… name the
schools):

- org `DST-1` (district) and schools `SCH-HS`, `SCH-MS`, …
- per school, the 2026-27 year `SY-HS` (Aug 17 2026 – Jun 4 2027), semesters `SEM-HS-S1`,
  `SEM-HS-S2` and quarter grading periods `GP-HS-Q1`…`GP-HS-Q4` (contiguous, each the
  child of its semester)
- courses `CRS-HS-ALG1`…, classes `CLS-HS-1`… (3 in 5 year-long, then one S1 and one S2
  class), each with one primary teacher and every sixth class (the third, ninth, …) a
  co-teacher; the last class is inactive (`tobedeleted`)
- teachers `T-1`…, administrators `A-1`…, students `S-1`… in `classes_per_student` classes
  of their school; every 151st student enrollment is `tobedeleted`
- categories in PowerSchool's shape (sis-vendors.md §1.3): one row per teacher, tied to the
  teacher by `metadata.userDcid` and to the school year by `metadata.TermID` (`SY-HS`, …):
  copies of the district categories "Tests", "Quizzes", "Homework" and "Otus Assessment"
  (`CAT-T-1-TESTS`, …), which carry no other metadata; teachers T-3, T-8, T-13, … have one
  copy inactive (`isActive` "false"); "Projects" and "Participation" exist only as personal
  categories (`categoryType` "user") of T-3, T-6, … and T-1, T-5, …. Teachers' dcids are in
  `userIds` (type `dcid`, `4001` for T-1, …), except every seventh teacher's (T-7, T-14, …),
  whose rows name their sourcedId instead. With `profile="oneroster"`: spec-literal
  categories instead, one per district title (`CAT-TESTS`, …), title only.
- one teacher-made lineItem with results in each of the first three active classes
- clients `demo` (read/write) and `readonly`; closed grading period: the first school's Q1
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from importlib import resources
from typing import Any

from passback.core.profiles import profile_for
from passback.sandbox import names, schema

Obj = dict[str, Any]


class _Refs:
    """GUIDRefs for one generated fixture, one shared dict per target: refs are never changed
    in place, and sharing them roughly halves generation time."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Obj] = {}

    def __call__(self, collection: str, sourced_id: str) -> Obj:
        key = (collection, sourced_id)
        ref = self._cache.get(key)
        if ref is None:
            ref = self._cache[key] = schema.guid_ref(collection, sourced_id)
        return ref


ROSTER_STAMP = "2026-08-01T12:00:00.000Z"
GRADEBOOK_STAMP = "2026-09-01T12:00:00.000Z"
DISTRICT_ID = "DST-1"
DISTRICT_CATEGORIES = ("Tests", "Quizzes", "Homework", "Otus Assessment")
# The platform's assessment types mapped to these fixtures' category titles: the district
# configuration of the demo and of generated districts.
CATEGORY_MAP = {
    "Test": "Tests",
    "Quiz": "Quizzes",
    "Homework": "Homework",
    "Benchmark": "Otus Assessment",
    "Project": "Projects",  # a category that exists only as teachers' own: not district-level
}
# The day the district's pass-back starts: scores of assessments due before it stay out.
EFFECTIVE_DATE = date(2026, 8, 20)


def district_document(
    district_id: str,
    name: str,
    *,
    base_url: str,
    token_url: str,
    passback_group: list[str],
    contact: str,
    closed_grading_periods: list[str] | None = None,
    client_id: str = "demo",
    client_secret: str = "demo-secret",  # noqa: S107 - the sandbox's published demo client
) -> dict[str, Any]:
    """The district configuration (`passback district apply`) of a district on a sandbox
    built from these fixtures: the demo's and the generated ones."""
    return {
        "id": district_id,
        "name": name,
        "timezone": "America/Chicago",
        "sis": {
            "profile": "powerschool",
            "base_url": base_url,
            "token_url": token_url,
            "client_id": client_id,
            "client_secret": client_secret,
        },
        "effective_date": EFFECTIVE_DATE.isoformat(),
        "category_map": dict(CATEGORY_MAP),
        "passback_group": passback_group,
        "closed_grading_periods": list(closed_grading_periods or []),
        "contacts": [contact],
        "options": {"excluded_as": "skip", "sis_edits": "preserve", "nightly_at": "02:00"},
    }


# Which district copy is inactive for teachers T-3, T-8, T-13, … in turn.
_INACTIVE_ORDER = ("Otus Assessment", "Quizzes", "Tests", "Homework")
_CALENDAR = {
    "SY": (date(2026, 8, 17), date(2027, 6, 4)),
    "S1": (date(2026, 8, 17), date(2027, 1, 15)),
    "S2": (date(2027, 1, 16), date(2027, 6, 4)),
    "Q1": (date(2026, 8, 17), date(2026, 10, 16)),
    "Q2": (date(2026, 10, 17), date(2027, 1, 15)),
    "Q3": (date(2027, 1, 16), date(2027, 3, 26)),
    "Q4": (date(2027, 3, 27), date(2027, 6, 4)),
}
_QUARTERS = {"S1": ("Q1", "Q2"), "S2": ("Q3", "Q4")}
SAMPLE_SEED = 2026
SAMPLE_ARGS: dict[str, Any] = {"students": 400, "seed": SAMPLE_SEED, "classes": 20, "teachers": 15}
CLIENTS = [
    {"client_id": "demo", "client_secret": "demo-secret", "write_access": True},
    {"client_id": "readonly", "client_secret": "readonly-secret", "write_access": False},
]


def sample_fixture() -> dict[str, Any]:
    """The shipped sample district (a fresh copy each call; see docs/sandbox.md for its ids).

    It is `generate_district(**SAMPLE_ARGS)` written to `data/sample-district.json`.
    """
    text = (
        resources.files("passback.sandbox")
        .joinpath("data/sample-district.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def generate_district(
    students: int,
    seed: int = 1,
    schools: int = 2,
    *,
    classes: int | None = None,
    teachers: int | None = None,
    classes_per_student: int = 5,
    administrators: int = 2,
    profile: str = "powerschool",
) -> dict[str, Any]:
    """A deterministic district fixture for a seed. Defaults scale with `students`:
    `classes = max(20, students // 5)`, `teachers = max(15, students // 20)`.
    `profile` (passback.core.profiles) picks the categories' shape: PowerSchool's per-teacher
    rows, or spec-literal ones (title only) for a "title"-style profile such as oneroster;
    the fixture's sandbox serves as that profile. KeyError names the known profiles."""
    sis = profile_for(profile)
    if students < 1 or schools < 1:
        raise ValueError("students and schools must be at least 1")
    n_classes = classes if classes is not None else max(20, students // 5)
    n_teachers = teachers if teachers is not None else max(15, students // 20)
    if n_classes < schools or n_teachers < schools:
        raise ValueError("need at least one class and one teacher per school")
    builder = _DistrictBuilder(random.Random(seed), _school_codes(schools))
    builder.orgs_and_calendar()
    builder.people(administrators, n_teachers, students)
    builder.classes(n_classes)
    builder.enrollments(classes_per_student)
    if sis.category_style == "title":
        builder.title_categories()
    else:
        builder.categories()
    builder.teacher_gradebook(3)
    fixture: dict[str, Any] = dict(builder.out)
    fixture["sandbox"] = {
        "clients": [dict(c) for c in CLIENTS],
        "closed_grading_periods": [f"GP-{builder.codes[0][0]}-Q1"],
        "profile": sis.name,
    }
    return fixture


def dcid(teacher_number: int) -> str:
    """The PowerSchool dcid generated districts give teacher T-n."""
    return str(4000 + teacher_number)


def _slug(title: str) -> str:
    return title.upper().replace(" ", "-")


def _school_codes(count: int) -> list[tuple[str, str, tuple[str, ...]]]:
    out: list[tuple[str, str, tuple[str, ...]]] = list(names.SCHOOLS[:count])
    for n in range(len(out) + 1, count + 1):
        out.append((f"S{n}", f"School {n}", ("06", "07", "08")))
    return out


class _DistrictBuilder:
    """Builds one fixture step by step; every random draw comes from `rng`, in a fixed order."""

    def __init__(self, rng: random.Random, codes: list[tuple[str, str, tuple[str, ...]]]) -> None:
        self.rng = rng
        self.ref = _Refs()
        self.codes = codes
        self.school_ids = [f"SCH-{code}" for code, _name, _grades in codes]
        self.out: dict[str, list[Obj]] = {name: [] for name in schema.COLLECTION_NAMES}
        self.usernames: dict[str, int] = {}
        self.teachers_by_school: list[list[str]] = [[] for _ in codes]
        self.student_school: list[int] = []
        self.classes_by_school: list[list[Obj]] = [[] for _ in codes]
        self.class_span: dict[str, str] = {}
        self.primary_of: dict[str, str] = {}
        self.roster: dict[str, list[str]] = {}
        self.inactive_copies: set[str] = set()
        self._parts: dict[str, tuple[str, str, Obj, Obj]] = {}

    def orgs_and_calendar(self) -> None:
        ref, out = self.ref, self.out
        out["orgs"].append(
            {
                "sourcedId": DISTRICT_ID,
                "status": "active",
                "dateLastModified": ROSTER_STAMP,
                "name": "Lakeview Unified School District",
                "type": "district",
                "identifier": "LUSD",
                "children": [ref("orgs", s) for s in self.school_ids],
            }
        )
        for (code, title, _grades), sid in zip(self.codes, self.school_ids, strict=True):
            out["orgs"].append(
                {
                    "sourcedId": sid,
                    "status": "active",
                    "dateLastModified": ROSTER_STAMP,
                    "name": title,
                    "type": "school",
                    "identifier": code,
                    "parent": ref("orgs", DISTRICT_ID),
                }
            )
            year = f"SY-{code}"
            semesters = [f"SEM-{code}-S1", f"SEM-{code}-S2"]
            self._session(year, f"2026-27 {code}", "schoolYear", "SY", None, semesters)
            for sem in ("S1", "S2"):
                quarters = [f"GP-{code}-{q}" for q in _QUARTERS[sem]]
                self._session(
                    f"SEM-{code}-{sem}",
                    f"Semester {sem[1]} {code}",
                    "semester",
                    sem,
                    year,
                    quarters,
                )
                for q in _QUARTERS[sem]:
                    self._session(
                        f"GP-{code}-{q}", f"{q} {code}", "gradingPeriod", q, f"SEM-{code}-{sem}", []
                    )
            for course_code, course_title in names.COURSES.get(code, names.COURSES["MS"]):
                out["courses"].append(
                    {
                        "sourcedId": f"CRS-{code}-{course_code}",
                        "status": "active",
                        "dateLastModified": ROSTER_STAMP,
                        "title": course_title,
                        "courseCode": course_code,
                        "schoolYear": ref("academicSessions", year),
                        "org": ref("orgs", sid),
                    }
                )

    def _session(
        self, sid: str, title: str, kind: str, span: str, parent: str | None, children: list[str]
    ) -> None:
        start, end = _CALENDAR[span]
        obj: Obj = {
            "sourcedId": sid,
            "status": "active",
            "dateLastModified": ROSTER_STAMP,
            "title": title,
            "type": kind,
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "schoolYear": "2027",
        }
        if parent is not None:
            obj["parent"] = self.ref("academicSessions", parent)
        if children:
            obj["children"] = [self.ref("academicSessions", c) for c in children]
        self.out["academicSessions"].append(obj)

    def people(self, administrators: int, teachers: int, students: int) -> None:
        schools = len(self.codes)
        staff_domain = "lakeview-usd.example"
        for n in range(1, administrators + 1):
            org = DISTRICT_ID if n == 1 else self.school_ids[(n - 2) % schools]
            self._person(f"A-{n}", "administrator", org, [], staff_domain)
        for n in range(1, teachers + 1):
            s = (n - 1) % schools
            self.teachers_by_school[s].append(f"T-{n}")
            self._person(f"T-{n}", "teacher", self.school_ids[s], [], staff_domain)
            if n % 7:  # PowerSchool's dcid of the teacher (none for T-7, T-14, …)
                self.out["users"][-1]["userIds"] = [{"type": "dcid", "identifier": dcid(n)}]
        for n in range(1, students + 1):
            s = (n - 1) % schools
            self.student_school.append(s)
            grade = self.rng.choice(self.codes[s][2])
            self._person(
                f"S-{n}", "student", self.school_ids[s], [grade], f"students.{staff_domain}"
            )

    def _person(self, sid: str, role: str, org: str, grades: list[str], domain: str) -> None:
        given = self.rng.choice(names.GIVEN_NAMES)
        family = self.rng.choice(names.FAMILY_NAMES)
        base = f"{given}.{family}".lower()
        seen = self.usernames[base] = self.usernames.get(base, 0) + 1
        username = base if seen == 1 else f"{base}{seen}"
        self.out["users"].append(
            {
                "sourcedId": sid,
                "status": "active",
                "dateLastModified": ROSTER_STAMP,
                "username": username,
                "enabledUser": "true",
                "givenName": given,
                "familyName": family,
                "role": role,
                "identifier": sid.replace("-", ""),
                "email": f"{username}@{domain}",
                "orgs": [self.ref("orgs", org)],
                "grades": grades,
                "agents": [],
            }
        )

    def classes(self, count: int) -> None:
        schools = len(self.codes)
        for j in range(count):
            s = j % schools
            code = self.codes[s][0]
            k = len(self.classes_by_school[s])
            courses = names.COURSES.get(code, names.COURSES["MS"])
            course_code, course_title = courses[k % len(courses)]
            section = k // len(courses) + 1
            span = ("SY", "SY", "SY", "S1", "S2")[k % 5]
            term = f"SY-{code}" if span == "SY" else f"SEM-{code}-{span}"
            cid = f"CLS-{code}-{k + 1}"
            self.class_span[cid] = span
            klass: Obj = {
                "sourcedId": cid,
                "status": "active",
                "dateLastModified": ROSTER_STAMP,
                "title": f"{course_title} - Sec {section}",
                "classCode": f"{course_code}-{section}",
                "classType": "scheduled",
                "location": f"Room {100 + k % 300}",
                "periods": [str(k % 7 + 1)],
                "course": self.ref("courses", f"CRS-{code}-{course_code}"),
                "school": self.ref("orgs", self.school_ids[s]),
                "terms": [self.ref("academicSessions", term)],
            }
            self.classes_by_school[s].append(klass)
            self.out["classes"].append(klass)
        self.out["classes"][-1]["status"] = "tobedeleted"

    def enrollments(self, per_student: int) -> None:
        for s, school_classes in enumerate(self.classes_by_school):
            staff = self.teachers_by_school[s]
            for k, klass in enumerate(school_classes):
                cid = klass["sourcedId"]
                self.primary_of[cid] = staff[k % len(staff)]
                self._enroll(cid, s, self.primary_of[cid], "teacher", True, "active")
                if k % 6 == 2 and len(staff) > 1:
                    self._enroll(cid, s, staff[(k + 1) % len(staff)], "teacher", False, "active")
        counter = 0
        for n, s in enumerate(self.student_school, start=1):
            pool = self.classes_by_school[s]
            picks = sorted(self.rng.sample(range(len(pool)), min(per_student, len(pool))))
            for k in picks:
                counter += 1
                cid = pool[k]["sourcedId"]
                status = "tobedeleted" if counter % 151 == 0 else "active"
                self._enroll(cid, s, f"S-{n}", "student", False, status)
                if status == "active":
                    self.roster.setdefault(cid, []).append(f"S-{n}")

    def _enroll(self, cid: str, s: int, user: str, role: str, primary: bool, status: str) -> None:
        # Called ~260,000 times for 50,000 students: the per-class parts are built once.
        begin, end, class_ref, school_ref = self._class_parts(cid, s)
        self.out["enrollments"].append(
            {
                "sourcedId": f"E-{cid}-{user}",
                "status": status,
                "dateLastModified": ROSTER_STAMP,
                "user": self.ref("users", user),
                "class": class_ref,
                "school": school_ref,
                "role": role,
                "primary": "true" if primary else "false",
                "beginDate": begin,
                "endDate": end,
            }
        )

    def _class_parts(self, cid: str, s: int) -> tuple[str, str, Obj, Obj]:
        parts = self._parts.get(cid)
        if parts is None:
            start, end = _CALENDAR[self.class_span[cid]]
            parts = self._parts[cid] = (
                start.isoformat(),
                end.isoformat(),
                self.ref("classes", cid),
                self.ref("orgs", self.school_ids[s]),
            )
        return parts

    def categories(self) -> None:
        """District copies per teacher (one inactive for T-3, T-8, …) and personal ones, in
        PowerSchool's shape: `userDcid` and `TermID`, flags only where they say something."""
        schools = len(self.codes)
        for n in range(1, sum(len(staff) for staff in self.teachers_by_school) + 1):
            tid = f"T-{n}"
            owner = dcid(n) if n % 7 else tid
            year = f"SY-{self.codes[(n - 1) % schools][0]}"
            inactive = _INACTIVE_ORDER[(n // 5) % 4] if n % 5 == 3 else None
            personal = ["Projects"] if n % 3 == 0 else []
            personal += ["Participation"] if n % 4 == 1 else []
            kinds = [(t, "district") for t in DISTRICT_CATEGORIES] + [(t, "user") for t in personal]
            for title, kind in kinds:
                cat_id = f"CAT-{tid}-{_slug(title)}"
                meta: Obj = {"userDcid": owner, "TermID": year}
                if kind == "user":
                    meta["categoryType"] = "user"
                if title == inactive:
                    self.inactive_copies.add(cat_id)
                    meta["isActive"] = "false"
                self.out["categories"].append(
                    {
                        "sourcedId": cat_id,
                        "status": "active",
                        "dateLastModified": ROSTER_STAMP,
                        "title": title,
                        "metadata": meta,
                    }
                )

    def title_categories(self) -> None:
        """Spec-literal categories: one per district title, for everybody."""
        for title in DISTRICT_CATEGORIES:
            self.out["categories"].append(
                {
                    "sourcedId": f"CAT-{_slug(title)}",
                    "status": "active",
                    "dateLastModified": ROSTER_STAMP,
                    "title": title,
                }
            )

    def teacher_gradebook(self, count: int) -> None:
        """A few assignments teachers made in the SIS themselves (passback must leave them
        alone), each in the first quarter of its class's term, with a result per student."""
        ref = self.ref
        active = [c for c in self.out["classes"] if c["status"] == "active"]
        for klass in active[:count]:
            cid = klass["sourcedId"]
            quarter = _QUARTERS.get(self.class_span[cid], ("Q1",))[0]
            code = cid.split("-")[1]
            start = _CALENDAR[quarter][0]
            teacher = self.primary_of[cid]
            ids = {c["sourcedId"] for c in self.out["categories"]}
            category = next(
                cat
                for t in ("Quizzes", "Tests", "Homework")
                for cat in (f"CAT-{teacher}-{_slug(t)}", f"CAT-{_slug(t)}")
                if cat in ids and cat not in self.inactive_copies
            )
            li_id = f"LI-{cid}-TEACHER-1"
            due = start + timedelta(days=14)
            self.out["lineItems"].append(
                {
                    "sourcedId": li_id,
                    "status": "active",
                    "dateLastModified": GRADEBOOK_STAMP,
                    "title": "Week 2 Check-in",
                    "description": "Created by the teacher in PowerSchool",
                    "assignDate": f"{start + timedelta(days=7)}T12:00:00.000Z",
                    "dueDate": f"{due}T12:00:00.000Z",
                    "class": ref("classes", cid),
                    "category": ref("categories", category),
                    "gradingPeriod": ref("academicSessions", f"GP-{code}-{quarter}"),
                    "resultValueMin": 0.0,
                    "resultValueMax": 10.0,
                }
            )
            for student in self.roster.get(cid, []):
                self.out["results"].append(
                    {
                        "sourcedId": f"R-{li_id}-{student}",
                        "status": "active",
                        "dateLastModified": GRADEBOOK_STAMP,
                        "lineItem": ref("lineItems", li_id),
                        "student": ref("users", student),
                        "scoreStatus": "fully graded",
                        "score": float(self.rng.randint(4, 10)),
                        "scoreDate": due.isoformat(),
                    }
                )
