"""Errors the CLI turns into lines: user mistakes exit 2, machine faults exit 1."""

from __future__ import annotations

from collections.abc import Sequence

# Every character that ends a line (str.splitlines splits at each), as the escape that
# shows it: a value with one in it cannot split a message's line, in a terminal or on a page.
_LINE_BREAKS = str.maketrans(
    {
        "\r": "\\r",
        "\n": "\\n",
        **{c: f"\\x{ord(c):02x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85"},
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def one_line(message: str) -> str:
    """`message` as one line: a line break in a value the person gave is shown escaped."""
    return message.translate(_LINE_BREAKS)


class VoiceguideError(Exception):
    """Base class; `exit_code` tells the CLI how to end."""

    exit_code = 1

    def lines(self) -> list[str]:
        """What the CLI prints, one `voiceguide: error:` line each."""
        return [str(self)]


class UserError(VoiceguideError):
    """Bad input from the person: a routine file, a name, an option."""

    exit_code = 2


class LocatedError(UserError):
    """A mistake at a place in a file the person wrote (a routine, a profile): file:line:column.

    Line and column are 0 for a problem with the file as a whole (missing, a folder, an
    article): then the message starts with the file alone.
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        where = f"{path}:{line}:{column}" if line else path
        super().__init__(f"{where}: {message}")

    @property
    def problems(self) -> tuple[LocatedError, ...]:
        """Every problem this error reports: here, itself."""
        return (self,)


MAX_PROBLEMS = 50  # listed in full; past this, one line says how many more there are


class LocatedErrors(LocatedError):
    """Every problem found in one run over one or more files, in file order; the first
    one's place is this error's own (`path`, `line`, `column`, `message`)."""

    def __init__(self, problems: Sequence[LocatedError]) -> None:
        if not problems:
            raise ValueError("LocatedErrors needs at least one problem")
        unique: dict[tuple[str, int, int, str], LocatedError] = {}
        for problem in problems:  # one problem found twice is shown once
            unique.setdefault(
                (problem.path, problem.line, problem.column, problem.message), problem
            )
        files = list(dict.fromkeys(p.path for p in problems))  # in the order they were read
        self._problems = tuple(
            sorted(unique.values(), key=lambda p: (files.index(p.path), p.line, p.column))
        )
        first = self._problems[0]
        super().__init__(first.path, first.line, first.column, first.message)
        self.args = ("\n".join(self.lines()),)

    @property
    def problems(self) -> tuple[LocatedError, ...]:
        return self._problems

    def lines(self) -> list[str]:
        shown = [str(p) for p in self._problems[:MAX_PROBLEMS]]
        more = len(self._problems) - MAX_PROBLEMS
        if more > 0:
            files = sorted({p.path for p in self._problems[MAX_PROBLEMS:]})
            shown.append(f"... and {more} more problems in {', '.join(files)}")
        return shown

    def __str__(self) -> str:
        return "\n".join(self.lines())


class MachineError(VoiceguideError):
    """Something on the machine failed (speech engine, ffmpeg, disk): exit 1."""

    exit_code = 1


class SettingError(UserError):
    """A choice the person made that cannot be used: `key` names its field as the settings
    mapping does ("hold", "exercises.wall-lean.hold"), `message` says what to write in plain
    words, and `where` is the place the front end gives it ("--hold 5000", "me.yaml:4:7";
    empty: the page, which shows the message beside its field)."""

    def __init__(self, key: str, message: str, where: str | None = None) -> None:
        self.key, self.message = key, message
        self.where = key if where is None else where
        super().__init__(f"{self.where}: {message}" if self.where else message)

    @property
    def problems(self) -> tuple[SettingError, ...]:
        """Every problem this error reports: here, itself."""
        return (self,)


class SettingErrors(SettingError):
    """Every problem found in one reading of a person's settings, in the order read; the
    first one's key, message and place are this error's own."""

    def __init__(self, problems: Sequence[SettingError]) -> None:
        if not problems:
            raise ValueError("SettingErrors needs at least one problem")
        self._problems = tuple(problems)
        first = self._problems[0]
        super().__init__(first.key, first.message, first.where)
        self.args = ("\n".join(self.lines()),)

    @property
    def problems(self) -> tuple[SettingError, ...]:
        return self._problems

    def lines(self) -> list[str]:
        return [str(p) for p in self._problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())
