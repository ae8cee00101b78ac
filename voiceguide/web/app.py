"""The page's routes: each one reads the request, calls the library as the CLI does, and
answers with a page or JSON. A mistake in the input is a 400 with the CLI's own message,
never a traceback."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import LocatedError, UserError, VoiceguideError
from ..profile import profile_yaml
from ..routine import Routine, parse_routine, slugify
from ..speech.engine import DEFAULT_VOICE
from ..yamlsource import MAX_FILE_BYTES
from . import downloads, uploads
from .catalogue import catalogue
from .jobs import JobQueue
from .plans import clock, estimate, plan_json
from .security import MAX_UPLOAD, BodyTooLarge, Guard
from .settings import (
    EXERCISE_FIELDS,
    FieldErrors,
    applies,
    field_name,
    form_values,
    read_settings,
    values_from_profile,
)
from .voices import voice_choices

log = logging.getLogger("voiceguide.web")
HERE = Path(__file__).parent
DRAFT = "draft.yaml"  # how a draft from the page is named in messages, as `validate` would


@dataclass(frozen=True)
class Config:
    """What the server was started with."""

    output: Path
    routines: Path | None
    hosts: tuple[str, ...]
    port: int
    token: str | None = None
    lan_url: str | None = None  # with --lan: the address (with its token) for a phone
    qr: str | None = None  # with --lan: the QR code of lan_url, as an SVG data URI
    jobs: int = 1


@dataclass
class Web:
    config: Config
    queue: JobQueue
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates"))
    )

    def __post_init__(self) -> None:
        self.templates.env.filters["clock"] = clock

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("lan_url", None)
        context.setdefault("here", None)
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def routine(self, slug: object) -> Routine:
        found = (
            catalogue(self.config.routines).routines.get(slug) if isinstance(slug, str) else None
        )
        if found is None:
            raise FieldErrors(
                {"slug": f"no routine named {str(slug)[:60]!r}; the list at / shows them"},
                status=404,
            )
        return found


def _one_line(text: str) -> str:
    # As the CLI prints a problem: a value with a newline in it cannot split the line.
    return text.replace("\r", "\\r").replace("\n", "\\n")


def draft_routine(text: object) -> Routine:
    """The routine a draft's YAML describes, checked as `voiceguide validate draft.yaml` would."""
    if not isinstance(text, str):
        raise FieldErrors({"yaml": "yaml: give the routine's YAML as text"})
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise FieldErrors(
            {
                "yaml": f"{DRAFT}: over {MAX_FILE_BYTES // 1_000_000} MB; a routine is a few kilobytes"
            }
        )
    try:
        routine = parse_routine(text, DRAFT)
    except LocatedError as err:
        lines = [_one_line(line) for line in err.lines()]
        raise FieldErrors({"yaml": lines[0]}, problems=lines) from None
    slug = slugify(routine.title)[:60].strip("-") or "draft"
    from dataclasses import replace

    return replace(routine, slug=slug)


async def _json(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise UserError(
            "the request is not JSON; send the form's fields as a JSON object"
        ) from None
    if not isinstance(data, dict):
        raise UserError("send the form's fields as a JSON object")
    return data


def make_app(config: Config) -> Starlette:
    """The ASGI app for `config`; its job queue is `app.state.queue`."""
    web = Web(config, JobQueue(config.output, config.jobs))

    async def index(request: Request) -> Response:
        found = await run_in_threadpool(catalogue, config.routines)

        def summaries() -> list[dict[str, Any]]:
            rows = []
            for slug, routine in found.routines.items():
                defaults = read_settings(routine, form_values(routine))
                timeline, guessed = estimate(routine, defaults.options, defaults.voice)
                rows.append(
                    {
                        "slug": slug,
                        "title": routine.title,
                        "seconds": round(timeline.seconds, 1),
                        "length": ("~" if guessed else "") + clock(timeline.seconds),
                        "count": len(routine.exercises),
                        "equipment": ", ".join(routine.equipment) or "nothing",
                        "yours": slug not in found.bundled,
                    }
                )
            return rows

        rows = await run_in_threadpool(summaries)
        return web.page(
            request,
            "index.html",
            here="list",
            routines=rows,
            notes=found.notes,
            lan_url=config.lan_url,
            qr=config.qr,
        )

    async def routine_page(request: Request) -> Response:
        routine = web.routine(request.path_params["slug"])
        values = form_values(routine)
        chosen = read_settings(routine, values)
        planned = await run_in_threadpool(plan_json, routine, chosen)
        exercises = [
            {
                "name": exercise.name,
                "slug": exercise.slug,
                "fields": [
                    {
                        "field": f,
                        "name": field_name(f, exercise),
                        "value": values[field_name(f, exercise)],
                    }
                    for f in EXERCISE_FIELDS
                    if applies(exercise, f)
                ],
            }
            for exercise in routine.exercises
        ]
        return web.page(
            request,
            "routine.html",
            routine=routine,
            values=values,
            exercises=exercises,
            plan=planned,
            voices=await run_in_threadpool(voice_choices),
            default_voice=DEFAULT_VOICE,
        )

    async def article_page(request: Request) -> Response:
        return web.page(request, "article.html", here="article", max_upload=MAX_UPLOAD // 2**20)

    def chosen_routine(data: dict[str, Any]) -> Routine:
        if "yaml" in data:
            return draft_routine(data["yaml"])
        return web.routine(data.get("slug"))

    async def api_plan(request: Request) -> Response:
        data = await _json(request)
        routine = chosen_routine(data)
        chosen = read_settings(routine, data)
        return JSONResponse(await run_in_threadpool(plan_json, routine, chosen))

    async def api_build(request: Request) -> Response:
        data = await _json(request)
        routine = chosen_routine(data)
        chosen = read_settings(routine, data)
        await run_in_threadpool(plan_json, routine, chosen)  # every mistake before queueing
        job = web.queue.submit(routine, chosen.options, chosen.voice)
        return JSONResponse({"job": job.id})

    async def api_job(request: Request) -> Response:
        job = web.queue.get(request.path_params["job"])
        if job is None:
            raise HTTPException(404, "no such build; it may be from before the server restarted")
        return JSONResponse(downloads.job_json(job, web.queue.position(job)))

    async def api_validate(request: Request) -> Response:
        data = await _json(request)
        try:
            routine = await run_in_threadpool(draft_routine, data.get("yaml"))
        except FieldErrors as err:
            return JSONResponse({"ok": False, "problems": err.problems, "warnings": []})
        values = form_values(routine)
        planned = await run_in_threadpool(plan_json, routine, read_settings(routine, values))
        return JSONResponse(
            {
                "ok": True,
                "problems": [],
                "warnings": [_one_line(w) for w in routine.warnings],
                "summary": f"{DRAFT}: ok, {len(routine.exercises)} exercises, about {planned['length']}",
                "title": routine.title,
            }
        )

    async def api_compile(request: Request) -> Response:
        form = await request.form(max_files=2, max_fields=20, max_part_size=MAX_UPLOAD + 1)
        file, text = form.get("file"), form.get("text")
        if isinstance(file, UploadFile) and file.filename:
            name = uploads.article_name(file.filename)
            data = await uploads.read_upload(file, name, "article-file")
            drafts = await run_in_threadpool(uploads.compile_upload, name, data)
        elif isinstance(text, str) and text.strip():
            drafts = await run_in_threadpool(uploads.compile_pasted, text)
        else:
            raise FieldErrors({"article-text": "paste an article's text, or choose its file"})
        return JSONResponse(
            {
                "yaml": drafts[0]["yaml"],
                "drafts": drafts,
                "problems": [],
            }
        )

    async def profile_download(request: Request) -> Response:
        routine = web.routine(request.path_params["slug"])
        chosen = read_settings(routine, dict(request.query_params))
        await run_in_threadpool(plan_json, routine, chosen)  # a profile that plans, or none
        return Response(
            profile_yaml(chosen.profile),
            media_type="application/yaml",
            headers={"content-disposition": f'attachment; filename="{routine.slug}-profile.yaml"'},
        )

    async def api_profile(request: Request) -> Response:
        form = await request.form(max_files=2, max_fields=20, max_part_size=64 * 1024)
        routine = web.routine(form.get("slug"))
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            raise FieldErrors({"load-profile": "choose a profile file (.yaml) to load"})
        name = uploads.profile_name(file.filename)
        data = await uploads.read_upload(file, name, "load-profile")
        profile = await run_in_threadpool(uploads.read_profile, name, data)
        values, notes = values_from_profile(routine, profile)
        return JSONResponse({"values": values, "notes": notes, "problems": []})

    async def job_file(request: Request) -> Response:
        return downloads.job_file(
            web.queue, request.path_params["job"], request.path_params["name"]
        )

    async def zip_of_jobs(request: Request) -> Response:
        ids = request.query_params.get("jobs", "").split(",")
        return await run_in_threadpool(downloads.zip_response, web.queue, ids)

    routes = [
        Route("/", index),
        Route("/routine/{slug}", routine_page),
        Route("/routine/{slug}/profile.yaml", profile_download),
        Route("/article", article_page),
        Route("/api/plan", api_plan, methods=["POST"]),
        Route("/api/build", api_build, methods=["POST"]),
        Route("/api/jobs/{job}", api_job),
        Route("/api/validate", api_validate, methods=["POST"]),
        Route("/api/compile", api_compile, methods=["POST"]),
        Route("/api/profile", api_profile, methods=["POST"]),
        Route("/api/zip", zip_of_jobs),
        Route("/files/{job}/{name}", job_file),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    def refused(
        request: Request, status: int, lines: list[str], errors: dict[str, str]
    ) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {
                    "message": lines[0] if lines else "",
                    "errors": errors,
                    "problems": lines,
                    "ok": False,
                    "yaml": "",
                },
                status_code=status,
            )
        if "text/html" not in request.headers.get("accept", ""):
            return PlainTextResponse("\n".join(lines) + "\n", status_code=status)
        return web.page(request, "error.html", status=status, lines=lines)

    async def on_fields(request: Request, err: Exception) -> Response:
        assert isinstance(err, FieldErrors)
        return refused(request, err.status, err.problems, err.errors)

    async def on_user_error(request: Request, err: Exception) -> Response:
        assert isinstance(err, VoiceguideError)
        lines = [_one_line(line) for line in err.lines()]
        status = 400 if isinstance(err, UserError) else 500
        return refused(request, status, lines, {"settings": lines[0]})

    async def on_http(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        message = {404: "no such page", 405: "this address does not take that method"}.get(
            err.status_code, str(err.detail)
        )
        if err.status_code == 404 and isinstance(err.detail, str) and err.detail != "Not Found":
            message = err.detail
        return refused(request, err.status_code, [_one_line(message)], {"settings": message})

    async def on_too_large(request: Request, err: Exception) -> Response:
        message = f"the upload is over {MAX_UPLOAD // 2**20} MB; the page takes files up to {MAX_UPLOAD // 2**20} MB"
        return refused(request, 400, [message], {"settings": message})

    async def on_anything(request: Request, err: Exception) -> Response:
        log.exception("unexpected error for %s %s", request.method, request.url.path)
        message = "something went wrong on the server; its terminal shows what (please report it)"
        return refused(request, 500, [message], {"settings": message})

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(Guard, hosts=config.hosts, port=config.port, token=config.token),
            Middleware(_Headers),
        ],
        exception_handlers={
            FieldErrors: on_fields,
            VoiceguideError: on_user_error,
            HTTPException: on_http,
            BodyTooLarge: on_too_large,
            Exception: on_anything,
        },
    )
    app.state.queue = web.queue
    return app


class _Headers:
    """Headers every answer carries: the page's own content only, never framed or sniffed."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def headed(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _value in headers}
                from .security import CONTENT_SECURITY_POLICY

                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                message["headers"] = headers + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, headed)
