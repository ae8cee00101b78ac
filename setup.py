"""Which packages ship: every package under voiceguide/, found automatically, plus the cue
sounds and the cover picture, which live in the top-level audio_assets/ folder and install as
voiceguide.audio_assets. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["voiceguide", "voiceguide.*"]), "voiceguide.audio_assets"])
