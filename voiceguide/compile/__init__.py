"""Article text -> draft routines (rule-based): `compile_article` and the YAML writer."""

from __future__ import annotations

from .blocks import parse
from .draft import Draft, drafts
from .text import article_lines
from .writer import routine_yaml, summary


def compile_article(text: str) -> list[Draft]:
    """Draft routines found in an article: one, or one per posture group it has."""
    return drafts(parse(article_lines(text)))


__all__ = ["Draft", "compile_article", "routine_yaml", "summary"]
