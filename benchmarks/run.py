"""The benchmark of docs/performance.md, from the repository's root:

    python benchmarks/run.py                      # everything; results and tables below
    python benchmarks/run.py --only plan,slow     # some steps
    python benchmarks/run.py --quick --out /tmp/q.json --no-doc   # checks the harness

`--help` lists the options and their defaults."""

from __future__ import annotations

import sys

from harness.command import main

if __name__ == "__main__":
    sys.exit(main())
