"""Which packages ship: every package under voiceguide/, found automatically, plus the cue
sounds and the cover picture, which live in the top-level audio_assets/ folder and install as
voiceguide.audio_assets, and the web page's templates, static files and icons (folders of
data, named here so that setuptools ships them without a warning). Everything else is in
pyproject.toml."""

import warnings

from setuptools import find_packages, setup

DATA_FOLDERS = [
    "voiceguide.audio_assets",
    "voiceguide.web.templates",
    "voiceguide.web.static",
    "voiceguide.web.static.icons",
]

# audio_assets/ installs inside the package (package-dir in pyproject.toml), so an editable
# install uses setuptools' import hook rather than a plain path, and setuptools then cautions
# on every `pip install -e .` that folders named like the package may shadow it. Here the
# only such folder is voiceguide/ itself, the package: nothing for a newcomer to act on.
warnings.filterwarnings("ignore", message=r"\s*Editable installation\.")

setup(packages=[*find_packages(include=["voiceguide", "voiceguide.*"]), *DATA_FOLDERS])
