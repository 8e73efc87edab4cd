from .test_quirks import kit

__all__ = ["kit"]
