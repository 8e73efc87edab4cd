"""A schemathesis run against the published OpenAPI: generated requests to every
operation, as the demo district's platform token, must never produce a server error and
must answer as documented (status codes, content types, problem details).

Driven from a plain test (schemathesis' pytest fixture loader does not work with this
pytest): one Hypothesis run per operation, a few examples each to stay quick."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from passback.scheduling import JobInfo, job_status
from passback.web import create_app

from .harness import World

EXAMPLES = 5
# These bodies are published as "an object": the platform's record rules (a graded score
# needs points, a score's assessment must exist, dates are real days) are checked by the
# server and answered with a 422 naming the field, so a schema-valid body may be refused.
RECORD_BODIES = ("/assessments", "/scores", "/import", "/config")


def test_api_matches_its_schema(fresh_world: Callable[[], World]) -> None:
    world = fresh_world()  # generated requests start syncs and change data: a world of its own
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(world.settings))
    headers = {"Authorization": f"Bearer {world.token}"}
    real = {"district": world.district, "run": world.run_id}
    operations = [result.ok() for result in schema.get_all_operations()]
    jobs: list[str] = []
    done = JobInfo("", "", "done")
    assert len(operations) >= 20
    for operation in operations:
        loose = operation.method.upper() in ("POST", "PUT") and operation.path.endswith(
            RECORD_BODIES
        )
        excluded = [checks.positive_data_acceptance] if loose else []
        _check(operation, headers, real, excluded, jobs)()
    # Let the syncs it started finish before the sandbox goes away.
    deadline = time.monotonic() + 120
    while any((job_status(j, world.engine) or done).status not in ("done", "failed") for j in jobs):
        assert time.monotonic() < deadline, "the requested syncs did not finish"
        time.sleep(0.2)


def _check(
    operation: Any,
    headers: dict[str, str],
    real: dict[str, str],
    excluded: list[Any],
    jobs: list[str],
) -> Any:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        # Random ids would only ever meet 404s; point at real objects to go deeper.
        for name, value in real.items():
            if case.path_parameters and name in case.path_parameters:
                case.path_parameters[name] = value
        response = case.call_and_validate(headers=headers, excluded_checks=excluded)
        if response.status_code == 202:
            jobs.append(response.json()["job"])

    return check
