"""`python -m voiceguide.cli`: the same as the `voiceguide` command."""

from . import main

main()
