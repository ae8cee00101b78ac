"""The page's routes: each one reads the request, calls the library as the CLI does, and
answers with a page or JSON. A mistake in the input is a 400 with the CLI's own message,
never a traceback."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

import voiceguide

from . import downloads, feeds, uploads
from .answers import error_handlers
from .jobs import JobQueue
from .keep import Made, keep_routes, patient_values
from .plans import plan_json
from .programmes import programme_json, week_number, week_titles
from .security import MAX_UPLOAD, Guard, Headers
from .settings import (
    FieldErrors,
    exercise_fields,
    field_name,
    form_values,
    language_choices,
    own_values,
    read_settings,
    values_from_profile,
    whole_text,
)
from .track import track_routes
from .uploads import DRAFT, draft_routine
from .voice_menu import voice_menu
from .voices import voice_choices
from .wording import at, for_page, instruction, length, page_answer, rough_length

if TYPE_CHECKING:
    from voiceguide import Programme, Routine

T = TypeVar("T")

HERE = Path(__file__).parent


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
    made: Made  # programmes made on the page
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates"))
    )

    def __post_init__(self) -> None:
        self.templates.env.filters["clock"] = voiceguide.clock
        self.templates.env.filters["lasting"] = lambda seconds, about=False: length(
            seconds, about=about
        )
        self.templates.env.filters["rough"] = rough_length
        self.templates.env.filters["at"] = at
        self.templates.env.filters["page_words"] = for_page

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("lan_url", None)
        context.setdefault("on_lan", bool(self.config.lan_url))  # a phone can reach a track
        context.setdefault("here", None)
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def routine(self, slug: object, status: int = 400) -> Routine:
        """A routine of the list by its slug; an unknown one is a bad value (a missing page
        for the page's own address, with `status` 404)."""
        folder = self.config.routines
        found = voiceguide.find_listed(folder, slug) if isinstance(slug, str) else None
        return _listed(found, "routine", slug, status)

    def programme(self, slug: object, status: int = 400) -> Programme:
        """A programme made on the page or of the list by its slug, as `routine` finds a
        routine."""
        folder = self.config.routines
        found = None
        if isinstance(slug, str):
            found = self.made.get(slug) or voiceguide.find_listed_programme(folder, slug)
        return _listed(found, "programme", slug, status)

    async def json(self, request: Request) -> dict[str, Any]:
        return await _json(request)


def _listed(found: T | None, kind: str, slug: object, status: int) -> T:  # a routine or a programme
    """`found`, or a bad value naming the `kind` of thing the list has no `slug` for."""
    if found is None:
        raise FieldErrors(
            {"slug": f"no {kind} named {str(slug)[:60]!r}; the list at / shows them"},
            status=status,
        )
    return found


async def _json(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise voiceguide.UserError(
            "the request is not JSON; send the form's fields as a JSON object"
        ) from None
    if not isinstance(data, dict):
        raise voiceguide.UserError("send the form's fields as a JSON object")
    whole_text(data)
    return data


def make_app(config: Config) -> Starlette:
    """The ASGI app for `config`; its job queue is `app.state.queue`."""
    web = Web(config, JobQueue(config.output, config.jobs), Made(config.output / "made"))

    async def index(request: Request) -> Response:
        # Each routine's length as the page first plans it: the routine's own values.
        found = await run_in_threadpool(voiceguide.catalogue, None, config.routines)
        rows = [
            {
                "slug": each.slug,
                "title": each.title,
                "seconds": round(each.seconds, 1),
                "length": ("~" if each.guessed else "") + voiceguide.clock(each.seconds),
                "count": each.exercises,
                "equipment": ", ".join(each.equipment) or "nothing",
                "yours": each.yours,
            }
            for each in found.routines
        ]
        programmes = [
            {
                "slug": each.slug,
                "title": each.title,
                "weeks": each.weeks,
                "sessions": ", ".join(r.title for r in each.routines),
                "yours": each.yours,
            }
            for each in found.programmes
        ] + [
            {
                "slug": slug,
                "title": made.title,
                "weeks": made.weeks,
                "sessions": ", ".join(s.routine.title for s in made.sessions),
                "yours": True,
            }
            for slug, (made, _file) in web.made.found.items()
        ]
        return web.page(
            request,
            "index.html",
            here="list",
            routines=rows,
            programmes=programmes,
            notes=found.notes,
            lan_url=config.lan_url,
            qr=config.qr,
        )

    async def routine_page(request: Request) -> Response:
        routine = web.routine(request.path_params["slug"], status=404)
        own = own_values(routine)
        values = form_values(own)
        chosen = read_settings(routine, values)
        planned = await run_in_threadpool(plan_json, routine, chosen)
        lengths = {ex["slug"]: ex["seconds"] for ex in planned["exercises"]}
        left = voiceguide.side_word(routine.language)
        exercises = [
            {
                "name": exercise.name,
                "slug": exercise.slug,
                "say": instruction(
                    exercise.say, tuple(p.say for p in exercise.positions), left=left
                ),
                "seconds": lengths.get(exercise.slug),
                "fields": [
                    {
                        "field": f,
                        "name": field_name(f, exercise),
                        "value": values[field_name(f, exercise)],
                    }
                    for f in exercise_fields(exercise)
                ],
            }
            for exercise in own.exercises
        ]
        return web.page(
            request,
            "routine.html",
            routine=routine,
            file_name=Path(routine.path).name,
            values=values,
            exercises=exercises,
            plan=page_answer(planned),
            voices=voice_menu(await run_in_threadpool(voice_choices), language_choices()),
            languages=language_choices(),
            default_voice=voiceguide.default_voice("en"),
        )

    def feed_state(request: Request, programme: Programme) -> feeds.FeedState:
        return feeds.feed_state(
            programme, config.output, host=request.headers["host"], token=config.token,
            lan_url=config.lan_url,
        )  # fmt: skip

    async def programme_page(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"], status=404)
        shown = await run_in_threadpool(programme_json, programme)
        feed = await run_in_threadpool(feed_state, request, programme)
        return web.page(
            request, "programme.html", programme=programme, weeks=shown["weeks"], feed=feed,
            patient=patient_values(programme), level=programme.level.start,
            beside=web.made.beside(programme.slug),
        )  # fmt: skip

    async def api_feed_state(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"])
        return JSONResponse((await run_in_threadpool(feed_state, request, programme)).to_json())

    async def api_build_feed(request: Request) -> Response:
        data = await _json(request)
        programme = web.programme(data.get("slug"))
        await run_in_threadpool(voiceguide.programme_weeks, programme)  # planned before queueing
        folder = feeds.feed_folder(config.output, programme.slug)
        # Built with the settings the page estimates with: each routine's own voice.
        job = web.queue.submit_feed(programme, folder, voiceguide.Settings())
        return JSONResponse({"job": job.id})

    async def feed_xml(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"], status=404)
        host = request.headers["host"]  # the guard let it through: one of the page's own
        return await run_in_threadpool(
            feeds.feed_response, programme, config.output, host, config.token
        )

    async def feed_file(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"], status=404)
        name = request.path_params["name"]
        return await run_in_threadpool(feeds.feed_file, programme, config.output, name)

    async def api_programme(request: Request) -> Response:
        programme = web.programme(request.path_params["slug"])
        return JSONResponse(await run_in_threadpool(programme_json, programme))

    async def api_build_week(request: Request) -> Response:
        data = await _json(request)
        programme = web.programme(data.get("slug"))
        week = week_number(programme, data.get("week"))
        titles = await run_in_threadpool(week_titles, programme, week)  # planned before queueing
        # Built with the settings the page estimates with: each routine's own voice.
        job = web.queue.submit_week(programme, week, " + ".join(titles), voiceguide.Settings())
        return JSONResponse({"job": job.id})

    async def article_page(request: Request) -> Response:
        return web.page(request, "article.html", here="article", max_upload=MAX_UPLOAD // 2**20)

    def chosen_routine(data: dict[str, Any]) -> Routine:
        if "yaml" in data:
            return draft_routine(data["yaml"], config.routines)
        return web.routine(data.get("slug"))

    async def api_plan(request: Request) -> Response:
        data = await _json(request)
        routine = await run_in_threadpool(chosen_routine, data)  # a draft's includes are read
        chosen = read_settings(routine, data)
        return JSONResponse(page_answer(await run_in_threadpool(plan_json, routine, chosen)))

    async def api_build(request: Request) -> Response:
        data = await _json(request)
        routine = await run_in_threadpool(chosen_routine, data)  # a draft's includes are read
        chosen = read_settings(routine, data)
        await run_in_threadpool(plan_json, routine, chosen)  # every mistake before queueing
        job = web.queue.submit(routine, chosen.settings)
        return JSONResponse({"job": job.id})

    async def api_job(request: Request) -> Response:
        job = web.queue.get(request.path_params["job"])
        if job is None:
            raise HTTPException(404, "no such build; it may be from before the server restarted")
        return JSONResponse(page_answer(downloads.job_json(job, web.queue.position(job))))

    async def api_validate(request: Request) -> Response:
        data = await _json(request)
        try:
            routine = await run_in_threadpool(draft_routine, data.get("yaml"), config.routines)
        except FieldErrors as err:
            return JSONResponse({"ok": False, "problems": err.problems, "warnings": []})
        values = form_values(own_values(routine))
        planned = await run_in_threadpool(plan_json, routine, read_settings(routine, values))
        return JSONResponse(
            {
                "ok": True,
                "problems": [],
                "warnings": [voiceguide.one_line(w) for w in routine.warnings],
                "summary": f"{DRAFT}: ok, {len(routine.exercises)} exercises, "
                + rough_length(planned["seconds"]),
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
        routine = web.routine(request.path_params["slug"], status=404)
        chosen = read_settings(routine, dict(request.query_params))
        await run_in_threadpool(plan_json, routine, chosen)  # a profile that plans, or none
        return Response(
            voiceguide.profile_yaml(chosen.settings),
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
        try:
            values, notes = values_from_profile(routine, profile)
        except voiceguide.UserError as err:  # a setting that does not fit, as --profile says
            raise FieldErrors({"load-profile": err.lines()[0]}, problems=err.lines()) from None
        notes = [voiceguide.one_line(note) for note in notes]
        return JSONResponse(page_answer({"values": values, "notes": notes, "problems": []}))

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
        Route("/programme/{slug}", programme_page),
        Route("/feeds/{slug}/feed.xml", feed_xml),
        Route("/feeds/{slug}/{name}", feed_file),
        Route("/api/feed/{slug}", api_feed_state),
        Route("/api/feed", api_build_feed, methods=["POST"]),
        Route("/article", article_page),
        Route("/api/programme/{slug}", api_programme),
        Route("/api/build-week", api_build_week, methods=["POST"]),
        Route("/api/plan", api_plan, methods=["POST"]),
        Route("/api/build", api_build, methods=["POST"]),
        Route("/api/jobs/{job}", api_job),
        Route("/api/validate", api_validate, methods=["POST"]),
        Route("/api/compile", api_compile, methods=["POST"]),
        Route("/api/profile", api_profile, methods=["POST"]),
        Route("/api/zip", zip_of_jobs),
        Route("/files/{job}/{name}", job_file),
        *track_routes(web),
        *keep_routes(web),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(Guard, hosts=config.hosts, port=config.port, token=config.token),
            Middleware(Headers),
        ],
        exception_handlers=error_handlers(web.page),
    )
    app.state.queue = web.queue
    return app
