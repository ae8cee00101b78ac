"""Checks of what a person types or sends, before it is read as a setting or a path: text
that is not whole (half a character) and paths no system would take."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..characters import escaped, lone_surrogate, surrogate_message
from ..userfiles import length_problem, shown_path


def path_problem(path: str | os.PathLike[str]) -> str | None:
    """Why no system would take `path` (a name over 255 bytes, or the whole over 4096),
    with the path shown; None when it can be one."""
    problem = length_problem(path)
    return None if problem is None else f"{shown_path(path)}: {problem}"


def typed_text_problem(value: str, option: str) -> str | None:
    """Why text typed for `option` cannot be read (bytes that are not UTF-8, which Python
    keeps as lone surrogates), with the bytes shown as they came; None when it is text."""
    if lone_surrogate(value) is None:
        return None
    try:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        shown = escaped(value)
    return f"{option} '{shown}': not UTF-8 text; type it again, or set your terminal or script to UTF-8"


def half_characters(data: Mapping[str, object]) -> dict[str, str]:
    """Each field of a request that holds half a character (a lone surrogate, which JSON
    can write as "\\ud83d"), with what to do: nothing could print, speak or answer it."""

    def lone(value: object) -> str | None:
        if isinstance(value, str):
            return lone_surrogate(value)
        if isinstance(value, Mapping):
            return next(filter(None, (lone(v) or lone(k) for k, v in value.items())), None)
        if isinstance(value, (list, tuple)):
            return next(filter(None, map(lone, value)), None)
        return None

    errors: dict[str, str] = {}
    for key, value in data.items():
        found = lone(value) or lone(key)
        if found is not None:
            name = escaped(key)[:60]
            errors[name] = f"{name}: {surrogate_message(found)}"
    return errors
