"""voiceguide: turn exercise routines into hands-free audio."""

__version__ = "0.1.0"
