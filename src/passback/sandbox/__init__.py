"""The SIS sandbox: a OneRoster 1.1 server with write-back that answers as one SIS profile
(PowerSchool or spec-literal OneRoster), with seeded fault injection and a control API, for
the demo, tests, benchmarks and district rehearsals.

See docs/sandbox.md for routes, rules, faults and the sample district's ids.
"""

from passback.sandbox.app import create_app
from passback.sandbox.faults import FaultConfig
from passback.sandbox.fixtures import generate_district, sample_fixture
from passback.sandbox.server import SandboxServer
from passback.sandbox.state import FixtureError, SandboxClient, SandboxState

__all__ = [
    "FaultConfig",
    "FixtureError",
    "SandboxClient",
    "SandboxServer",
    "SandboxState",
    "create_app",
    "generate_district",
    "sample_fixture",
]
