"""A person's choices, as plain values: Settings (session.py), read from one mapping by the
one reader (reader.py), a profile file read into that mapping (profile.py), and the
override layers the planning applies (options.py; routine/overrides.py applies them)."""
