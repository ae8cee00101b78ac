"""Programmes: sessions of routines over weeks that progress. The model (model.py), its
file (reader.py, rules.py), which tracks a week makes (tracks.py), the weeks as `plan`
shows them (weeks.py), and the folder of tracks built (build.py)."""
