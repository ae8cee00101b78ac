"""Which packages ship: every package under voiceguide/, found automatically, plus the cue
sounds and the cover picture, which live in the top-level audio_assets/ folder and install as
voiceguide.audio_assets, and the web page's templates and static files (folders of data, named
here so that setuptools ships them without a warning). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

DATA_FOLDERS = ["voiceguide.audio_assets", "voiceguide.web.templates", "voiceguide.web.static"]

setup(packages=[*find_packages(include=["voiceguide", "voiceguide.*"]), *DATA_FOLDERS])
