"""The sync engine: read the SIS, decide, plan, apply, and report. See `service.run_sync`."""
