"""Use cases: one function for each thing a person or the platform asks for (apply a district,
ingest, start a sync, read a report, rotate a key, read the SIS). The CLI, the console, the
HTTP API, the demo and the benchmarks call these; none of them touches the store itself.
"""
