"""Synthetic districts of any size for the sandbox: a SIS fixture, the platform's
assessments and scores for it, and the district configuration that points at the sandbox.

Districts use them for dry rehearsals (`passback sandbox generate -o DIR`); the benchmarks in
the repository's `benchmarks/` folder and the tests measure and exercise passback on them.
"""

from passback.sandbox.synthetic.district import GeneratedDistrict, generate, write_platform
from passback.sandbox.synthetic.platform import (
    GENERATOR_VERSION,
    PlatformCounts,
    PlatformOptions,
    district_config,
    platform_records,
)

__all__ = [
    "GENERATOR_VERSION",
    "GeneratedDistrict",
    "PlatformCounts",
    "PlatformOptions",
    "district_config",
    "generate",
    "platform_records",
    "write_platform",
]
