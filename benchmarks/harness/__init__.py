"""The benchmark harness of docs/performance.md (not shipped with passback): generated
districts imported and synced against the sandbox in its own process, each measurement in
a child process when its peak memory counts, the results as JSON and Markdown tables.

Run it with `python benchmarks/run.py`; `harness.command` is that command line."""
