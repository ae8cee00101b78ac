"""Telling an article from a routine, so that build, plan and validate can point a person
who gives them an article to `voiceguide compile` instead of listing YAML errors."""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection
from pathlib import Path

# Files that hold articles (compile reads them), never routines.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf")
_KEY = re.compile(r"^\s*(?:-\s+)?([a-z][a-z-]*)\s*:(?:\s|$)")
_MIN_WORDS = 12  # a few sentences: "hello there" is a mistake, not an article


def is_article_file(path: Path) -> bool:
    """Whether `path` is named like an article (and is a file, not a folder of that name)."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file()


def looks_like_article(text: str, keys: Collection[str]) -> bool:
    """Whether `text` reads as prose, not as a routine: few of its lines start with a key a
    routine has (`keys`), and together they hold a few sentences' worth of words."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    keyed = sum(1 for line in lines if (m := _KEY.match(line)) and m.group(1) in keys)
    words = sum(len(line.split()) for line in lines)
    return words >= _MIN_WORDS and keyed * 3 < len(lines)


def has_routine_keys(text: str) -> bool:
    """Whether `text` has a routine's `title:` and `exercises:` at the top level: a routine,
    whatever its file is called."""
    keys = set(re.findall(r"^(title|exercises)\s*:", text, re.MULTILINE))
    return keys == {"title", "exercises"}


def article_message(path: str) -> str:
    """What to tell someone who gave an article where a routine goes."""
    return (
        f"this looks like an article; draft a routine with: voiceguide compile {shlex.quote(path)}"
    )
