"""passback: assessment scores into SIS gradebooks over OneRoster 1.1."""

__version__ = "0.1.0"
