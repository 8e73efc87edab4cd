"""Telling people what happened: e-mail over SMTP and HMAC-signed webhooks.

Runs report their end to `hooks.run_finished`; `events` decides what that means (first
successful sync of a district, a failed run, the nightly digest of skips) and records each
event once with one delivery per recipient (`outbox`); `deliver` sends what is due and
retries with backoff while a server is down. Nothing is sent from inside a run.
"""
