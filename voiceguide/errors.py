"""Errors the CLI turns into one line: user mistakes exit 2, machine faults exit 1."""

from __future__ import annotations


class VoiceguideError(Exception):
    """Base class; `exit_code` tells the CLI how to end."""

    exit_code = 1


class UserError(VoiceguideError):
    """Bad input from the person: a routine file, a name, an option."""

    exit_code = 2


class LocatedError(UserError):
    """A mistake at a place in a file the person wrote (a routine, a profile): file:line:column."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: {message}")


class MachineError(VoiceguideError):
    """Something on the machine failed (speech engine, ffmpeg, disk): exit 1."""

    exit_code = 1
