"""`passback sandbox generate -o DIR`: a whole synthetic district written to a folder.

    DIR/sis.json       the SIS fixture for the sandbox (`passback sandbox serve --data`)
    DIR/platform.json  the platform's assessments and scores (`passback import`)
    DIR/district.json  the district configuration for that sandbox (`passback district apply`)
    DIR/summary.json   what was generated (sizes, seed, evaluation date)

The platform document is streamed (assessments and scores go to two temporary files that are
then joined), so a 50,000-student district is written in constant memory beyond the fixture.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from passback.sandbox.fixtures import generate_district
from passback.sandbox.persistence import save_fixture
from passback.sandbox.synthetic.platform import (
    GENERATOR_VERSION,
    PlatformCounts,
    PlatformOptions,
    district_config,
    platform_records,
)

API = "/ims/oneroster/v1p1"
DEFAULT_SIS = "http://127.0.0.1:8900"


class DistrictFolder:
    """The files of a district generated into `folder`: the sandbox fixture, the platform's
    document and the district configuration."""

    folder: Path

    @property
    def sis(self) -> Path:
        return self.folder / "sis.json"

    @property
    def platform(self) -> Path:
        return self.folder / "platform.json"

    @property
    def district(self) -> Path:
        return self.folder / "district.json"


@dataclass(frozen=True)
class GeneratedDistrict(DistrictFolder):
    folder: Path
    students: int
    seed: int
    per_period: int
    as_of: date
    classes: int
    enrollments: int
    counts: PlatformCounts

    def summary(self) -> dict[str, Any]:
        return {
            "students": self.students,
            "seed": self.seed,
            "per_period": self.per_period,
            "generator": GENERATOR_VERSION,
            "as_of": self.as_of.isoformat(),
            "classes": self.classes,
            "enrollments": self.enrollments,
            **asdict(self.counts),
        }


def write_platform(fixture: dict[str, Any], options: PlatformOptions, path: Path) -> PlatformCounts:
    """Write the platform document (docs/import-format.md) for the fixture to `path`;
    returns what it holds."""
    records, counts = platform_records(fixture, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        a_path, s_path = Path(tmp) / "a", Path(tmp) / "s"
        with (
            a_path.open("w", encoding="utf-8") as a_out,
            s_path.open("w", encoding="utf-8") as s_out,
        ):
            first = {"assessment": True, "score": True}
            for kind, record in records:
                out = a_out if kind == "assessment" else s_out
                out.write(("" if first[kind] else ",\n") + json.dumps(record))
                first[kind] = False
        with path.open("w", encoding="utf-8") as doc:
            doc.write(f'{{"district": {json.dumps(options.district)},\n"assessments": [\n')
            with a_path.open(encoding="utf-8") as part:
                shutil.copyfileobj(part, doc, 1 << 20)
            doc.write('\n],\n"scores": [\n')
            with s_path.open(encoding="utf-8") as part:
                shutil.copyfileobj(part, doc, 1 << 20)
            doc.write("\n]}\n")
    return counts


def generate(
    folder: Path,
    *,
    students: int,
    seed: int = 1,
    district: str = "bench-1",
    per_period: int = 8,
    as_of: date | None = None,
    sis_url: str = DEFAULT_SIS,
    schools: int = 2,
    classes: int | None = None,
    teachers: int | None = None,
) -> GeneratedDistrict:
    """Generate a district of `students` students into `folder` (created if needed);
    `schools`, `classes` and `teachers` shape the SIS fixture as `generate_district` does."""
    options = PlatformOptions(district=district, seed=seed, per_period=per_period)
    if as_of is not None:
        options = PlatformOptions(district=district, seed=seed, per_period=per_period, as_of=as_of)
    fixture = generate_district(
        students, seed=seed, schools=schools, classes=classes, teachers=teachers
    )
    folder.mkdir(parents=True, exist_ok=True)
    save_fixture(fixture, folder / "sis.json")
    counts = write_platform(fixture, options, folder / "platform.json")
    root = sis_url.rstrip("/")
    config = district_config(
        fixture, options, base_url=root + API, token_url=root + "/oauth/access_token"
    )
    (folder / "district.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    made = GeneratedDistrict(
        folder=folder,
        students=students,
        seed=seed,
        per_period=per_period,
        as_of=options.as_of,
        classes=len(fixture["classes"]),
        enrollments=len(fixture["enrollments"]),
        counts=counts,
    )
    (folder / "summary.json").write_text(
        json.dumps(made.summary(), indent=2) + "\n", encoding="utf-8"
    )
    return made
