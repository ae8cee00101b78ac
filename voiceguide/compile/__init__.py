"""Article text -> draft routines (rule-based): `compile_article` and the YAML writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .blocks import parse
from .draft import Draft, drafts
from .fit import MAX_BLOCKS, fit_drafts, source_name
from .text import MAX_ARTICLE_BYTES, article_lines, read_article
from .writer import routine_yaml, summary, validated_yaml


def compile_article(text: str, warn: Callable[[str], None] | None = None) -> list[Draft]:
    """Draft routines found in an article: one, or one per posture group it has.

    Every draft is cut to what the validator accepts; `warn` hears what had to change.
    """
    parsed = parse(article_lines(text))
    not_drafted = max(0, len(parsed.blocks) - MAX_BLOCKS)
    first = replace(parsed, blocks=parsed.blocks[:MAX_BLOCKS])
    fitted, warnings = fit_drafts(drafts(first), not_drafted=not_drafted)
    for warning in warnings if warn else ():
        warn(warning)
    return fitted


__all__ = [
    "MAX_ARTICLE_BYTES",
    "Draft",
    "compile_article",
    "read_article",
    "routine_yaml",
    "source_name",
    "summary",
    "validated_yaml",
]
