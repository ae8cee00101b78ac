"""A session's settings: overrides in layers applied to a routine (options.py) and the
profile file that saves them (profile.py)."""
