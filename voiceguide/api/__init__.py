"""The code of the public API (voiceguide/__init__.py names it): a person's settings
applied to routines and programmes, for the command line and the page alike. Each module
is a few small functions over the stages; none imports a shell.

Its __init__ imports nothing, so that `voiceguide plan` loads no audio module.
"""
