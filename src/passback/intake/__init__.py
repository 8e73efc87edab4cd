"""Intake of outside data: the platform's import files (assessments, scores, streamed JSON),
the district configuration file, the input types they share and their errors in plain words.
"""
