"""Keeping and handing over what was made on the page: a routine's file (with the page's
values written in, or as written beside a settings file), a routine file loaded back as a
draft, a programme made from a routine with a weekly step, a programme with one patient's
level and values, and a programme file loaded back. Every file is the one the command line
reads; a programme made here gets a page of its own (`Made`), like a listed one.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import voiceguide

from . import uploads
from .settings import EXERCISE_FIELDS, FieldErrors, applies, field_name, own_values, read_settings

if TYPE_CHECKING:
    from voiceguide import Programme, Routine

LEVELS = ("gentle", "standard", "strong")
PATIENT_FIELDS = (*EXERCISE_FIELDS, "rest")  # per exercise, for every week of a programme
MAX_TEXT = 40
MAX_WEEKS = 52
YAML = "application/yaml"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def attachment(text: str, name: str) -> Response:
    return Response(
        text, media_type=YAML, headers={"content-disposition": f'attachment; filename="{name}"'}
    )


@dataclass
class Made:
    """Programmes made on the page, each in its folder under the output folder: its file
    and the routine files it names beside it."""

    root: Path
    found: dict[str, tuple[Programme, Path]] = field(default_factory=dict)  # slug -> (it, its file)

    def get(self, slug: str) -> Programme | None:
        made = self.found.get(slug)
        return made[0] if made else None

    def file(self, slug: str) -> Path | None:
        made = self.found.get(slug)
        return made[1] if made else None

    def add(
        self, slug: str, text: str, beside: dict[str, str], read_at: Path | None = None
    ) -> Programme:
        """A programme from `text` under `slug`, with the files `beside` it; its sessions'
        routine files are found beside `read_at` (default: its own file)."""
        folder = self.root / slug
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in beside.items():
            (folder / name).write_text(content, encoding="utf-8")
        path = folder / f"{slug}.yaml"
        at = (read_at.parent / path.name) if read_at else path
        try:
            programme = voiceguide.read_programme(text, str(at))
        except voiceguide.UserError:
            shutil.rmtree(folder, ignore_errors=True)  # nothing kept of a file refused
            raise
        path.write_text(text, encoding="utf-8")
        self.found[slug] = (programme, path)
        return programme

    def beside(self, slug: str) -> list[str]:
        """The routine files kept beside a made programme's own."""
        path = self.file(slug)
        if path is None:
            return []
        return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def _text(data: dict[str, Any], name: str, errors: dict[str, str]) -> str:
    value = data.get(name, "")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        errors[name] = "give a number, like 4"
        return ""
    return str(value).strip()[:MAX_TEXT]


def _number(text: str, name: str, errors: dict[str, str], *, unit: str = "") -> float | None:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:s|sec|seconds?)?", text) if unit else None
    match = match or re.fullmatch(r"(\d+(?:\.\d+)?)", text)
    if match is None:
        errors[name] = f"{text or 'nothing'}: give a number, like 5"
        return None
    return float(match[1])


def progression(data: dict[str, Any]) -> dict[str, Any]:
    """The weeks and the simple weekly step the make-a-programme fields give."""
    errors: dict[str, str] = {}
    weeks_text = _text(data, "weeks", errors)
    weeks = int(weeks_text) if weeks_text.isdigit() else 0
    if not 1 <= weeks <= MAX_WEEKS:
        errors["weeks"] = f"weeks: a whole number from 1 to {MAX_WEEKS}, like 4"
    grow = _text(data, "grow", errors) or "nothing"
    if grow not in ("nothing", "hold", "reps"):
        errors["grow"] = "choose what grows: nothing, the holds or the reps"
    chosen: dict[str, Any] = {"weeks": weeks, "grow": None if grow == "nothing" else grow}
    if grow != "nothing":
        add = _number(_text(data, "add", errors), "add", errors, unit="s")
        if add is not None and add <= 0:
            errors["add"] = "the step a week must be more than 0"
        up_to_text = _text(data, "up-to", errors)
        up_to = _number(up_to_text, "up-to", errors, unit="s") if up_to_text else None
        chosen.update(add=add or 0, up_to=up_to)
    if errors:
        raise FieldErrors(errors)
    return chosen


def patient_values(programme: Programme) -> list[dict[str, Any]]:
    """Each exercise of the programme's routines once, with the fields a patient's values
    go in, prefilled with the value the programme holds for it in every week (if any)."""
    constant: dict[tuple[str, str], str] = {}
    for rule in programme.progress:
        if rule.exercise and not rule.stepped and not rule.weeks and rule.start is not None:
            constant[rule.exercise, rule.field] = f"{rule.start:g}"
    seen: dict[str, dict[str, Any]] = {}
    for session in programme.sessions:
        for exercise in own_values(session.routine).exercises:
            if exercise.slug in seen:
                continue
            fields = [f for f in PATIENT_FIELDS if f == "rest" or applies(exercise, f)]
            seen[exercise.slug] = {
                "name": exercise.name,
                "slug": exercise.slug,
                "fields": [
                    {
                        "field": f,
                        "name": field_name(f, exercise),
                        "value": constant.get((exercise.slug, f), ""),
                    }
                    for f in fields
                ],
            }
    return list(seen.values())


def keep_routes(web: Any) -> list[Route]:
    """The routes that save, load and make routine and programme files."""
    config = web.config
    made: Made = web.made

    def taken(slug: str) -> bool:
        return made.get(slug) is not None or (
            voiceguide.find_listed_programme(config.routines, slug) is not None
        )

    def free(wanted: str) -> str:
        base = _slug(wanted) or "programme"
        slug, number = base, 2
        while taken(slug):
            slug, number = f"{base}-{number}", number + 1
        return slug

    async def routine_download(request: Request) -> Response:
        routine = web.routine(request.path_params["slug"], status=404)
        query = dict(request.query_params)
        name = Path(routine.path).name
        if query.get("as") == "written":
            return attachment(await run_in_threadpool(voiceguide.routine_file, routine), name)
        chosen = read_settings(routine, query)
        try:
            text = await run_in_threadpool(voiceguide.routine_file, routine, chosen.settings)
        except voiceguide.UserError as err:
            raise FieldErrors({"save-routine": err.lines()[0]}) from None
        return attachment(text, name)

    async def api_routine_file(request: Request) -> Response:
        data = await web.json(request)
        routine = await run_in_threadpool(uploads.draft_routine, data.get("yaml"), config.routines)
        return JSONResponse({"yaml": data["yaml"], "name": f"{routine.slug}.yaml"})

    async def api_load_routine(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=5, max_part_size=256 * 1024)
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            raise FieldErrors({"load-routine": "choose a routine file (.yaml) to load"})
        name = uploads.routine_name(file.filename)
        data = await uploads.read_upload(file, name, "load-routine")
        text = uploads.routine_text(name, data)
        routine = await run_in_threadpool(uploads.draft_routine, text, config.routines, name)
        return JSONResponse({"yaml": text, "title": routine.title, "problems": []})

    def make_programme(data: dict[str, Any]) -> str:
        step = progression(data)
        if "yaml" in data:
            routine: Routine = uploads.draft_routine(data["yaml"], config.routines)
            text, name, bundled = str(data["yaml"]), f"{routine.slug}.yaml", False
            level = data.get("level") if data.get("level") in LEVELS else None
            settings = voiceguide.Settings.from_mapping({"level": level} if level else {})
        else:
            routine = web.routine(data.get("slug"))
            chosen = read_settings(routine, data)
            settings = chosen.settings
            try:
                text = voiceguide.routine_file(routine, settings)
            except voiceguide.UserError as err:
                raise FieldErrors({"make-programme": err.lines()[0]}) from None
            name = Path(routine.path).name
            bundled = not settings.has_overrides and any(
                b.path == routine.path for b in voiceguide.bundled()
            )
        slug = free(f"{routine.slug}-{step['weeks']}-weeks")
        folder = made.root / slug
        folder.mkdir(parents=True, exist_ok=True)
        beside = {} if bundled else {name: text}
        for each, content in beside.items():
            (folder / each).write_text(content, encoding="utf-8")
        planned = routine if bundled else voiceguide.load(str(folder / name))
        level_only = voiceguide.Settings.from_mapping({"level": settings.level or "standard"})
        try:
            programme_text = voiceguide.programme_from_routine(
                planned, level_only, weeks=step["weeks"],
                routine_name=routine.slug if bundled else name, grow=step["grow"],
                add=step.get("add", 0), up_to=step.get("up_to"), path=str(folder / f"{slug}.yaml"),
            )  # fmt: skip
        except voiceguide.UserError as err:
            raise FieldErrors({"grow": err.lines()[0]}) from None
        made.add(slug, programme_text, beside)
        return slug

    async def api_make_programme(request: Request) -> Response:
        data = await web.json(request)
        slug = await run_in_threadpool(make_programme, data)
        return JSONResponse({"url": f"/programme/{slug}", "slug": slug})

    def patient(data: dict[str, Any]) -> str:
        programme = web.programme(data.get("slug"))
        level = data.get("level")
        if level not in (None, "", *LEVELS):
            raise FieldErrors({"level": "choose gentle, standard or strong"})
        errors: dict[str, str] = {}
        who = _text(data, "patient", errors)
        values: dict[str, dict[str, str]] = {}
        for exercise in patient_values(programme):
            for each in exercise["fields"]:
                text = _text(data, each["name"], errors)
                if text:
                    values.setdefault(exercise["slug"], {})[each["field"]] = text
        if errors:
            raise FieldErrors(errors)
        source = made.file(programme.slug)
        own_text = source.read_text(encoding="utf-8") if source else None
        try:
            text = voiceguide.programme_file(
                programme, level=level or None, values=values, text=own_text
            )
        except voiceguide.UserError as err:
            raise FieldErrors({"patient-values": _beside(err, programme)}) from None
        slug = free(f"{programme.slug}-{who or 'patient'}")
        found = made.found.get(programme.slug)
        beside = (
            {n: (source.parent / n).read_text() for n in made.beside(programme.slug)}
            if source
            else {}
        )
        read_at = None if found else Path(programme.path)
        made.add(slug, text, beside, read_at)
        return slug

    async def api_patient(request: Request) -> Response:
        data = await web.json(request)
        slug = await run_in_threadpool(patient, data)
        return JSONResponse({"url": f"/programme/{slug}", "slug": slug})

    async def programme_download(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"], status=404)
        path = made.file(programme.slug) or Path(programme.path)
        text = await run_in_threadpool(path.read_text, "utf-8")
        return attachment(text, f"{programme.slug}.yaml")

    async def programme_beside(request: Request) -> Response:
        slug, name = request.path_params["slug"], request.path_params["name"]
        path = made.file(slug)
        if path is None or name not in made.beside(slug):
            raise HTTPException(404, "no such file beside this programme")
        return attachment((path.parent / name).read_text(encoding="utf-8"), name)

    def load_programme(name: str, data: bytes) -> str:
        text = uploads.routine_text(name, data, field="load-programme")
        slug = free(Path(name).stem)
        try:
            made.add(slug, text, {})
        except voiceguide.UserError as err:
            lines = [line.replace(str(made.root / slug) + "/", "") for line in err.lines()]
            lines = [line.replace(f"{slug}.yaml", name) for line in lines]
            raise FieldErrors({"load-programme": lines[0]}, problems=lines) from None
        return slug

    async def api_load_programme(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=5, max_part_size=256 * 1024)
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            raise FieldErrors({"load-programme": "choose a programme file (.yaml) to load"})
        name = uploads.routine_name(file.filename, field="load-programme")
        data = await uploads.read_upload(file, name, "load-programme")
        slug = await run_in_threadpool(load_programme, name, data)
        return JSONResponse({"url": f"/programme/{slug}", "slug": slug})

    return [
        Route("/routine/{slug}/routine.yaml", routine_download),
        Route("/programme/{slug}/programme.yaml", programme_download),
        Route("/programme/{slug}/files/{name}", programme_beside),
        Route("/api/routine-file", api_routine_file, methods=["POST"]),
        Route("/api/load-routine", api_load_routine, methods=["POST"]),
        Route("/api/make-programme", api_make_programme, methods=["POST"]),
        Route("/api/patient", api_patient, methods=["POST"]),
        Route("/api/load-programme", api_load_programme, methods=["POST"]),
    ]


def _beside(err: voiceguide.UserError, programme: Programme) -> str:
    """A programme's problem as the page shows it: without the folder of its file."""
    line = err.lines()[0]
    return line.replace(str(Path(programme.path).parent) + "/", "")
