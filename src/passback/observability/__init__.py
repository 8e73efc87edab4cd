"""Operating passback like a service: health and readiness probes, Prometheus metrics.

- `metrics`: the metric families of one process, in a registry that process owns (the web
  app or a worker), fed by run observers, the queue and the notifier, plus gauges read from
  the database at scrape time (queue depth, last successful nightly run per district).
- `health`: the readiness checks (database, migrations, secret key, scheduler or queue).
- `endpoints`: `/healthz`, `/readyz` and `/metrics` as Starlette routes, mounted by the web
  app and served by `passback worker --health-port`.
"""
