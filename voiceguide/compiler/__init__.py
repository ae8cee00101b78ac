"""Article text -> draft routines (rule-based): `compile_article` and the YAML writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..characters import speakable
from ..errors import UserError
from ..routine.articles import has_routine_keys
from .draft import Draft, drafts
from .fit import MAX_BLOCKS, fit_drafts, source_name
from .kinds import NOISE
from .language import detect_language
from .lexicon import use
from .regroup import regroup
from .segments import parse
from .sources import SourceLine, locate
from .text import MAX_ARTICLE_BYTES, article_lines, read_article
from .writer import routine_yaml, summary, validated_yaml


def compile_article(text: str, warn: Callable[[str], None] | None = None) -> list[Draft]:
    """Draft routines found in an article: one, or one per posture group it has, in the
    article's language (English, German, Spanish or French).

    Every draft is cut to what the validator accepts; `warn` hears what had to change.
    """
    # Nothing a voice would read out by name (emoji, markup, other scripts) goes into a draft.
    lines = [_speakable(line) for line in article_lines(text)]
    language = detect_language("\n".join(lines))
    with use(language):
        parsed = regroup(parse(lines))
        not_drafted = max(0, len(parsed.blocks) - MAX_BLOCKS)
        first = replace(parsed, blocks=parsed.blocks[:MAX_BLOCKS])
        found = [replace(draft, language=language) for draft in drafts(first)]
        locate(found, text)
        fitted, warnings = fit_drafts(found, not_drafted=not_drafted)
    if warn is not None:
        for warning in warnings:
            warn(warning)
    return fitted


def _speakable(line: str) -> str:
    """A line as a voice can say it; a page's clutter keeps what marks it as such (a
    photo's "© Agentur"), so it is left out as clutter rather than read as an exercise."""
    said = speakable(line)
    return line if NOISE.search(line) and not NOISE.search(said) else said


@dataclass(frozen=True)
class Compiled:
    """One draft routine of an article, as YAML that validates, and where it goes."""

    draft: Draft
    yaml: str
    target: Path | None  # None: printed, not written


def compile_text(
    text: str,
    *,
    source: str = "article",
    out: Path | None = None,
    warn: Callable[[str], None] | None = None,
    where: str | None = None,
) -> list[Compiled]:
    """The drafts of an article's text, each checked by the validator; `source` names the
    article in the drafts, `where` in messages. With `out`, one draft goes there and
    several go beside it as NAME-<slug>.yaml."""
    drafts = compile_article(text, warn=warn)
    if not drafts:
        raise UserError(
            f"found no exercises in {where or source}; it needs instructions with holds, reps or numbered steps"
        )
    compiled = []
    for draft in drafts:
        target = out
        if out is not None and len(drafts) > 1:
            target = out.with_name(f"{out.stem}-{draft.slug}{out.suffix or '.yaml'}")
        shown = str(target or f"{draft.slug}.yaml")
        compiled.append(Compiled(draft, validated_yaml(draft, source_name(source), shown), target))
    return compiled


def compile_file(
    article: Path, out: Path | None = None, warn: Callable[[str], None] | None = None
) -> list[Compiled]:
    """The drafts of an article file (text, Markdown, HTML, PDF), as `compile_text` gives them."""
    text = read_article(article)
    if has_routine_keys(text):
        raise UserError(
            f"{article}: this is already a routine, not an article; build it with: voiceguide build {article}"
        )
    return compile_text(text, source=article.name, out=out, warn=warn, where=str(article))


__all__ = [
    "MAX_ARTICLE_BYTES",
    "Compiled",
    "Draft",
    "SourceLine",
    "compile_article",
    "compile_file",
    "compile_text",
    "read_article",
    "routine_yaml",
    "source_name",
    "summary",
    "validated_yaml",
]
