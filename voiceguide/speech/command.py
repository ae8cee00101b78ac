"""A voice command (`--voice-command`): the user's own program, run once per phrase.

The template is split once, as a shell would split it (shlex), but no shell ever runs
it: each phrase's text goes into an argument (or on standard input), never into a
command line, so nothing in it is a shell's to interpret. Placeholders are replaced
inside each argument: {text} (the phrase), {out} (the WAV file to write: required) and
{rate} (words a minute, optional). Any other {word} is a mistake caught here, before
anything is spoken.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from ..errors import UserError

PLACEHOLDERS = ("text", "out", "rate")
MAX_TEMPLATE = 2000  # characters: a command line, not a script
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def split_template(template: object) -> list[str]:
    """The template's arguments, or a UserError that says what is wrong and how to fix it."""
    if not isinstance(template, str) or not template.strip():
        raise UserError(
            "voice command: give the command that speaks, like 'espeak-ng -w {out} {text}'"
        )
    if len(template) > MAX_TEMPLATE or "\0" in template:
        raise UserError(
            f"voice command: at most {MAX_TEMPLATE} characters and no NUL; "
            "put a long command in a script and name the script"
        )
    try:
        arguments = shlex.split(template)
    except ValueError as err:  # "No closing quotation", "No escaped character"
        raise UserError(
            f"voice command {template!r}: {str(err).lower()}; close every quote you open"
        ) from None
    if not arguments:
        raise UserError(
            "voice command: give the command that speaks, like 'espeak-ng -w {out} {text}'"
        )
    names = [name for argument in arguments for name in _PLACEHOLDER.findall(argument)]
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        raise UserError(
            f"voice command {template!r}: {{{unknown[0]}}} is no placeholder; "
            "use {text}, {out} and {rate}"
        )
    if "out" not in names:
        raise UserError(
            f"voice command {template!r} has no {{out}}: it must write its WAV file there, "
            "like 'espeak-ng -w {out} {text}'"
        )
    if _PLACEHOLDER.search(arguments[0]):
        raise UserError(
            f"voice command {template!r}: start with the program to run, not a placeholder"
        )
    return arguments


def uses(arguments: list[str], placeholder: str) -> bool:
    """Whether any argument holds {placeholder}."""
    return any(f"{{{placeholder}}}" in argument for argument in arguments)


def fill(arguments: list[str], *, text: str, out: Path, rate: int) -> list[str]:
    """The command for one phrase: each placeholder replaced inside each argument, once
    (a {out} inside the phrase's own text stays as it is)."""
    values = {"text": text, "out": str(out), "rate": str(rate)}
    return [_PLACEHOLDER.sub(lambda m: values[m.group(1)], argument) for argument in arguments]


def program_name(template: str) -> str:
    """The program a template runs, as messages name it (its file name alone)."""
    try:
        arguments = shlex.split(template)
    except ValueError:
        arguments = []
    return Path(arguments[0]).name if arguments else "?"
