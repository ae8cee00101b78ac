"""Texts a person hands over or takes away: a routine file checked, a profile read from
what the page was sent, a compiled draft written to its file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LocatedError, UserError
from ..routine.model import Routine
from ..routine.reader import load_routine
from ..settings.profile import parse_profile
from ..settings.session import Settings
from ..yamlsource import MAX_FILE_BYTES, decoded

if TYPE_CHECKING:
    from ..compiler import Compiled


def validate(path: Path) -> Routine:
    """The routine file at `path`, read and checked (LocatedErrors with every problem)."""
    return load_routine(path)


def read_profile(data: bytes, name: str) -> Settings:
    """A profile from its bytes, as `--profile FILE` reads it; `name` names it in every
    message (LocatedErrors with each problem at its line)."""
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise LocatedError(name, 0, 0, f"over {limit} MB; a profile is a few lines")
    return parse_profile(decoded(data, name, "profile"), name)


def compile_article_text(
    text: str,
    *,
    source: str = "article",
    out: Path | None = None,
    warn: Callable[[str], None] | None = None,
    where: str | None = None,
) -> list[Compiled]:
    """The drafts of an article's text (at most an article file's size), each checked by
    the validator; `source` names the article in the drafts, `where` in messages."""
    from ..compiler import MAX_ARTICLE_BYTES, compile_text
    from ..userfiles import show_size

    if len(text.encode("utf-8", errors="replace")) > MAX_ARTICLE_BYTES:
        raise UserError(
            f"{where or source} is over {show_size(MAX_ARTICLE_BYTES)}; an article is "
            "shorter: paste the part with the exercises"
        )
    return compile_text(text, source=source, out=out, warn=warn, where=where)


def write_draft(compiled: Compiled) -> Path | None:
    """Write a compiled draft to its file (atomically); None when it has none (printed)."""
    from ..files import write_text

    if compiled.target is not None:
        write_text(compiled.target, compiled.yaml)
    return compiled.target
