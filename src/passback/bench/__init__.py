"""Benchmarks: synthetic districts of any size (`generate`) and the benchmark runner
(`passback bench run`) that measures passback against the limits of issue 8."""
