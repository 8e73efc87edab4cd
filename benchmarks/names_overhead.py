"""What names cost a report: `passback.store.names.with_names` over a stored run's items.

The run's first N items are read from the store once (as the report reads them, names
included; the names are then dropped and their time taken off the read's), then named R
times: the first round looks the names up in the store (cold), later rounds find
them in a fresh `NameBook` again (each round is a fresh book, so every round queries; the
difference between rounds is the database's own cache). Median and per-item cost printed.

    .venv/bin/python benchmarks/names_overhead.py DATABASE_URL DISTRICT [--items 100000]

Any database with a synced district will do, e.g. one made by `passback sandbox generate -o DIR`,
`sandbox serve`, `district apply`, `import` and `sync --dry-run`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import islice

from passback.store import runs
from passback.store.db import make_engine, session_scope
from passback.store.names import with_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("district")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    with session_scope(engine, read_only=True) as session:
        run = runs.list_runs(session, args.district, limit=1)[0]
        t = time.perf_counter()
        named = list(islice(runs.iter_items(session, run.id), args.items))
        read = time.perf_counter() - t
        # the rows as the store holds them: names are looked up again below
        rows = [{k: v for k, v in row.items() if k != "names"} for row in named]
        seconds = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            for _row in with_names(session, run.district, rows):
                pass
            seconds.append(time.perf_counter() - t)
    n = len(rows)
    median = statistics.median(seconds)
    print(f"run {run.id[:8]}: {n} items read from the store, names included, in {read:.2f} s")
    print(
        f"names: median {median:.3f} s ({median / n * 1e6:.1f} µs per item; "
        f"rounds {', '.join(f'{s:.3f}' for s in seconds)})"
    )
    print(f"names add {median / max(read - median, 1e-9):.0%} to reading the items")


if __name__ == "__main__":
    main()
