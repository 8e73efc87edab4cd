"""The pure core of passback: domain records, reason codes, eligibility rules, the SIS view a
run reads, what is written to the SIS, the plan and the report model.

Nothing here does I/O or imports another passback package.
"""
