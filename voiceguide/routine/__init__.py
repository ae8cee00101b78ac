"""Routines: the model (model.py, rounds.py), reading a routine file with every problem at
its place (reader.py over the ground's yamlsource.py; articles.py tells an article from a routine), and
one session made of several routines (includes.py, compose.py)."""
