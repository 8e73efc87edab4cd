"""Telling people what happened: e-mail over SMTP and HMAC-signed webhooks.

A run's end reaches `events.run_listener`, which the composition roots (CLI, web server,
worker) pass to `run_sync` with the `settings.NotifySettings` they read from the
environment; `events` decides what the run means (first successful sync of a district, a
failed run, the nightly digest of skips) and records each event once with one delivery per
recipient (`outbox`); `deliver` sends what is due and retries with backoff while a server
is down. Nothing is sent from inside a run.
"""
