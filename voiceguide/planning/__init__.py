"""Routine + Options -> Script -> Timeline, without audio: what is said and when
(planner.py, wording.py, script.py) and where each sound falls (layout.py)."""
