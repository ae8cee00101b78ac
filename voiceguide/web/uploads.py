"""Files the page is sent (an article, a profile): named safely, sized, typed, and read by
the same library calls as the CLI's, with the CLI's messages."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.datastructures import UploadFile

import voiceguide

from .security import MAX_UPLOAD
from .settings import FieldErrors

if TYPE_CHECKING:
    from voiceguide import Routine, Settings

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
DRAFT = "draft.yaml"  # how a draft from the page is named in messages, as `validate` would
PROFILE_SUFFIXES = (".yaml", ".yml")
T = TypeVar("T")


def _safe(filename: str, fallback: str) -> str:
    """The upload's own name, as a plain file name (messages quote it; no path is used)."""
    name = re.sub(r"[^A-Za-z0-9._ -]+", "-", Path(filename.replace("\\", "/")).name)
    name = name.strip(" .-")[-80:]
    return name if name and not name.startswith(".") else fallback


def article_name(filename: str) -> str:
    name = _safe(filename, "article.txt")
    if not name.lower().endswith(ARTICLE_SUFFIXES):
        raise FieldErrors({"article-file": f"{name}: give a .txt, .md, .html or .pdf file"})
    return name


def routine_name(filename: str, field: str = "load-routine") -> str:
    """A routine's (or a programme's) file name as sent: a .yaml file."""
    name = _safe(filename, "routine.yaml")
    if not name.lower().endswith(PROFILE_SUFFIXES):
        raise FieldErrors({field: f"{name}: give a file saved as .yaml"})
    return name


def routine_text(name: str, data: bytes, field: str = "load-routine") -> str:
    """A YAML file's text as sent (UTF-8, as the command line reads it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FieldErrors(
            {field: f"{name}: not a text file in UTF-8; save it as UTF-8 text"}
        ) from None


def profile_name(filename: str) -> str:
    name = _safe(filename, "profile.yaml")
    if not name.lower().endswith(PROFILE_SUFFIXES):
        raise FieldErrors({"load-profile": f"{name}: give a profile saved as .yaml"})
    return name


async def read_upload(file: UploadFile, name: str, field: str) -> bytes:
    """The upload's bytes, at most MAX_UPLOAD."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise FieldErrors(
            {
                field: f"{name}: over {_size(MAX_UPLOAD)}; the page takes files up to {_size(MAX_UPLOAD)}"
            }
        )
    return data


def _size(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def _as_file(name: str, data: bytes, read: Callable[[Path], T], field: str) -> T:
    """`read` of the upload saved under its own name in a private folder; messages name the
    file as the person knows it, without the folder."""
    with tempfile.TemporaryDirectory(prefix="voiceguide-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read(path)
        except voiceguide.UserError as err:
            lines = [line.replace(folder + os.sep, "") for line in err.lines()]
            raise FieldErrors({field: lines[0]}, problems=lines) from None


def _drafts(compiled: list[Any]) -> list[dict[str, str]]:
    return [{"title": each.draft.title, "yaml": each.yaml} for each in compiled]


def compile_upload(name: str, data: bytes) -> list[dict[str, str]]:
    """The drafts of an uploaded article, as `voiceguide compile FILE` makes them."""
    return _drafts(_as_file(name, data, lambda path: voiceguide.compile_file(path), "article-file"))


def compile_pasted(text: str) -> list[dict[str, str]]:
    """The drafts of pasted text, as `voiceguide compile` makes them from a file of it."""
    try:
        return _drafts(voiceguide.compile(text, source="pasted text", where="the pasted text"))
    except voiceguide.UserError as err:
        raise FieldErrors({"article-text": err.lines()[0]}, problems=err.lines()) from None


def read_profile(name: str, data: bytes) -> Settings:
    """An uploaded profile, read and checked as `--profile FILE` reads it; its settings
    name the file as the person knows it (messages about them come later)."""
    try:
        return voiceguide.read_profile(data, name)
    except voiceguide.UserError as err:
        raise FieldErrors({"load-profile": err.lines()[0]}, problems=err.lines()) from None


def draft_routine(text: object, folder: Path | None, name: str | None = None) -> Routine:
    """The routine a draft's YAML describes, checked as `voiceguide validate draft.yaml`
    checks it (FieldErrors with every problem), its includes taken from the list of
    `folder` by slug; its file name comes from its title. A file loaded (`name`) is named
    in its messages, beside its field."""
    field = "yaml" if name is None else "load-routine"
    if not isinstance(text, str):
        raise FieldErrors({field: "yaml: give the routine's YAML as text"})
    try:
        return voiceguide.read_draft(text, folder)
    except voiceguide.LocatedError as err:
        lines = err.lines()
        if name is not None:
            lines = [
                name + line.removeprefix(DRAFT) if line.startswith(DRAFT) else line
                for line in lines
            ]
        raise FieldErrors({field: lines[0]}, problems=lines) from None
