"""The web page (`voiceguide serve`) in a real browser: Debian's headless Chromium driven by
Playwright, against a server on a random port serving the test routines.

What the page shows is checked against what the library (and so the CLI) says for the
same settings: plan lengths, spoken lines, chapters, the decoded MP3, validation lines.
Every wait is for a state (an element, a value, an event), never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from audio_probe import RATE, decode
from browser import DESKTOP, PHONE, chromium_missing, launch_options
from helpers import FIXTURES

from voiceguide.web import missing_extra

# One line on what is missing and how to get it: Chromium, or the web page's libraries.
_missing = chromium_missing() or missing_extra()
if _missing:
    pytest.skip(_missing, allow_module_level=True)

from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from voiceguide.cli.shared import read_flags  # noqa: E402
from voiceguide.errors import LocatedError, SettingError  # noqa: E402
from voiceguide.export.chapters import chapters  # noqa: E402
from voiceguide.pipeline.estimate import timeline_for  # noqa: E402
from voiceguide.planning.planner import plan  # noqa: E402
from voiceguide.programme.reader import load_programme  # noqa: E402
from voiceguide.programme.tracks import programme_tracks  # noqa: E402
from voiceguide.routine.reader import load_routine, parse_routine  # noqa: E402
from voiceguide.settings.options import Options  # noqa: E402
from voiceguide.speech.engine import Voice  # noqa: E402
from voiceguide.timeline import Timeline  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = Path(__file__).parent / "articles" / "12-desk.md"
# Apart from the other fixtures: a test serves tests/fixtures/ and counts its routines.
TWO_HOLDS = FIXTURES / "web" / "two-holds.yaml"
SCREENS = ROOT / "docs" / "screens"
WAIT_MS = 30_000  # a page state on a busy machine
BUILD_MS = 180_000  # a build of the two-hold routine, queued behind others at worst
SHOWN = 0.005  # data-seconds may be rounded to the hundredth


# --- what the library says ------------------------------------------------------------


def planned_exactly(
    path: Path, *assignments: str, rest: str | None = None, profile: Path | None = None
) -> tuple[Timeline, int]:
    """The timeline `voiceguide plan PATH [--profile FILE] [--rest S] [--set ...]` shows,
    from the library with the clips the server has cached (the suite shares one cache),
    and how many phrases it guessed the length of (0: exact)."""
    settings = read_flags({"rest": rest, "exercises": assignments, "profile": profile})
    options, voice = settings.options, settings.voice
    return timeline_for(plan(load_routine(path), options, speaking_rate=voice.rate), voice=voice)


def planned(
    path: Path, *assignments: str, rest: str | None = None, profile: Path | None = None
) -> Timeline:
    return planned_exactly(path, *assignments, rest=rest, profile=profile)[0]


def hold_seconds(timeline: Timeline, exercise: str) -> tuple[int, float]:
    """How many timed holds an exercise has (sides x sets), and their seconds together."""
    holds = [e for e in timeline.events if e.kind == "hold" and e.exercise == exercise]
    return len(holds), sum(e.length for e in holds) / timeline.sample_rate


def spoken(timeline: Timeline) -> list[str]:
    return [e.text for e in timeline.events if e.kind == "speech"]


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def routines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served routines: the timing routine (sides, sets) and one of two short holds."""
    folder = tmp_path_factory.mktemp("routines")
    for source in (FIXTURES / "short.yaml", TWO_HOLDS):
        shutil.copy(source, folder / source.name)
    return folder


@pytest.fixture(scope="module")
def server(routines: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from voiceguide.web import start_server

    running = start_server(routines=routines, output=tmp_path_factory.mktemp("web-out"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_options())
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context (no cookies) per test, accepting downloads; a script error on the
    page fails the test."""
    context = browser.new_context(accept_downloads=True, viewport=DESKTOP)
    context.set_default_timeout(WAIT_MS)
    script_errors: list[str] = []
    context.on("weberror", lambda error: script_errors.append(str(error.error)))
    opened = context.new_page()
    yield opened
    context.close()
    assert not script_errors, script_errors


expect.set_options(timeout=WAIT_MS)


# --- page helpers -----------------------------------------------------------------------


def wait_until(page: Page, condition: str, arg: object) -> None:
    """Wait for a JS condition to hold; after WAIT_MS go on all the same, so that the
    assertion that follows reports what the page shows instead of a bare timeout."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(condition, arg=arg, timeout=WAIT_MS)


def shown_seconds(page: Page, want: float) -> float:
    """Wait until #total-length shows `want` seconds (the plan updates after a debounce),
    then what it shows; after WAIT_MS what it shows anyway, for the assertion to report."""
    total = page.locator("#total-length")
    expect(total).to_have_attribute("data-seconds", re.compile(r"\d"))
    wait_until(
        page,
        """([want, slack]) => {
            const seconds = document.querySelector('#total-length')?.dataset.seconds;
            return Math.abs(Number(seconds) - want) <= slack;
        }""",
        [want, SHOWN],
    )
    return float(total.get_attribute("data-seconds") or "nan")


def build_and_wait(page: Page, button: str = "#build") -> None:
    """Press Build and wait for the player, failing at once with the status on failure."""
    page.locator(button).click()
    page.locator("#player, #build-status.failed").first.wait_for(state="attached", timeout=BUILD_MS)
    status = page.locator("#build-status")
    if "failed" in (status.get_attribute("class") or "").split():
        pytest.fail(f"the build failed: {status.inner_text()}")


def player_duration(page: Page) -> float:
    """The <audio id=player>'s duration once its metadata has loaded."""
    return page.evaluate(
        """async () => {
            const audio = document.querySelector('#player');
            if (audio.readyState < 1) {
                await new Promise((loaded, failed) => {
                    audio.addEventListener('loadedmetadata', loaded, {once: true});
                    audio.addEventListener('error', () => failed(
                        new Error('the audio did not load: error ' + audio.error?.code)),
                        {once: true});
                    if (audio.preload === 'none') { audio.preload = 'metadata'; audio.load(); }
                });
            }
            return audio.duration;
        }"""
    )


def request(server, path: str, *, host: str | None = None, cookie: str | None = None) -> int:
    """The status of a plain GET, with the Host header given (default: the server's own)."""
    where = urlsplit(server.url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    headers = {"Host": host or where.netloc}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


# --- the tests --------------------------------------------------------------------------


def test_a_changed_hold_changes_the_plan_by_hold_times_sides_times_sets(
    page: Page, server, routines: Path
) -> None:
    path = routines / "short.yaml"
    page.goto(server.url + "/")
    item = page.locator('li.routine[data-slug="short"]')
    for part in (".length", ".count", ".equipment"):
        expect(item.locator(part)).to_have_count(1)
    item.locator('a[href="/routine/short"]').click()
    expect(page).to_have_url(re.compile(r"/routine/short$"))

    before = planned(path)
    assert shown_seconds(page, before.seconds) == pytest.approx(before.seconds, abs=SHOWN)
    field = page.locator('#settings input[name="hold-wall-lean"]')
    old = float(field.input_value())
    new = old + 2  # one digit either way, so the spoken line keeps its words
    field.fill(f"{new:g}")

    after = planned(path, f"wall-lean.hold={new:g}")
    count, held_before = hold_seconds(before, "Wall lean")
    assert count == 2  # both sides, one set: the library agrees with the routine
    assert hold_seconds(after, "Wall lean")[1] - held_before == pytest.approx(2 * count)
    shown = shown_seconds(page, after.seconds)
    assert shown - before.seconds == pytest.approx(after.seconds - before.seconds, abs=2 * SHOWN)

    told = [line for line in spoken(after) if f"{new:g} seconds" in line]
    assert told, "the library says the new hold"
    lines = page.locator("#spoken > li")
    for line in told:
        expect(lines.filter(has_text=line)).not_to_have_count(0)
    for line in spoken(before):
        if f"{old:g} seconds" in line:
            expect(lines.filter(has_text=line)).to_have_count(0)

    # Another exercise, counted in sets: its own hold, sides x sets of it.
    tuck = page.locator('#settings input[name="hold-chin-tuck"]')
    tuck_old = float(tuck.input_value())
    tuck.fill(f"{tuck_old + 3:g}")
    both = planned(path, f"wall-lean.hold={new:g}", f"chin-tuck.hold={tuck_old + 3:g}")
    count, held = hold_seconds(after, "Chin tuck")
    assert count == 2  # one side, two sets
    assert hold_seconds(both, "Chin tuck")[1] - held == pytest.approx(3 * count)
    shown_both = shown_seconds(page, both.seconds)
    assert shown_both - shown == pytest.approx(both.seconds - after.seconds, abs=2 * SHOWN)


def test_a_value_the_cli_refuses_is_refused_beside_its_field_in_the_librarys_words(
    page: Page, server
) -> None:
    page.goto(server.url + "/routine/short")
    field = page.locator('#settings input[name="hold-wall-lean"]')
    error = page.locator("#error-hold-wall-lean")
    expect(error).to_be_hidden()
    field.fill("abc")
    with pytest.raises(SettingError) as refused:
        planned(FIXTURES / "short.yaml", "wall-lean.hold=abc")
    expect(error).to_have_text(refused.value.message)  # without the CLI's --set
    expect(field).to_have_attribute("aria-invalid", "true")
    field.fill("8")
    expect(error).to_be_hidden()


def test_a_plan_answered_late_never_replaces_the_plan_of_a_later_value(
    page: Page, server, routines: Path
) -> None:
    """Typing 20 then 200 on a busy server: the answer for 20 arriving after the one for
    200 must not put 20's plan beside a field that says 200. The late answer is held back
    by the test itself (no timing involved)."""
    held: list[Route] = []

    def answer_20_last(route: Route) -> None:
        value = (route.request.post_data_json or {}).get("hold-wall-lean")
        if value == "20" and not held:
            held.append(route)  # answered once 200's plan is in
            return
        route.fulfill(response=route.fetch())

    page.goto(server.url + "/routine/short")
    page.route("**/api/plan", answer_20_last)
    field = page.locator('#settings input[name="hold-wall-lean"]')
    with page.expect_request(lambda r: r.url.endswith("/api/plan")):
        field.fill("20")
    want = planned(routines / "short.yaml", "wall-lean.hold=200")
    field.fill("200")
    assert shown_seconds(page, want.seconds) == pytest.approx(want.seconds, abs=SHOWN)
    assert held, "the plan for 20 was asked for"
    with page.expect_response(lambda r: r.request == held[0].request):
        held[0].fulfill(response=held[0].fetch())
    # A page that takes the late answer shows it within milliseconds; give it seconds.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """([want, slack]) => Math.abs(
                Number(document.querySelector('#total-length').dataset.seconds) - want) > slack""",
            arg=[want.seconds, SHOWN],
            timeout=3000,
        )
    shown = float(page.locator("#total-length").get_attribute("data-seconds") or "nan")
    assert shown == pytest.approx(want.seconds, abs=SHOWN), "the plan of 20 replaced 200's"
    told = set(spoken(want)) - set(spoken(planned(routines / "short.yaml")))
    for line in told:
        expect(page.locator("#spoken > li").filter(has_text=line)).not_to_have_count(0)


def test_a_saved_profile_plans_the_same_in_the_cli_and_loads_back(
    page: Page, browser: Browser, server, routines: Path, tmp_path: Path
) -> None:
    path = routines / "short.yaml"
    page.goto(server.url + "/routine/short")
    page.locator('#settings input[name="hold-wall-lean"]').fill("11")
    page.locator('#settings input[name="rest"]').fill("6")
    changed = planned(path, "wall-lean.hold=11", rest="6")
    assert shown_seconds(page, changed.seconds) == pytest.approx(changed.seconds, abs=SHOWN)

    page.locator("#more-settings summary").click()
    with page.expect_download() as saving:
        page.locator("#save-profile").click()
    profile = tmp_path / "profile.yaml"
    saving.value.save_as(profile)
    from_cli = planned(path, profile=profile)
    assert from_cli.seconds == pytest.approx(changed.seconds, abs=0.001), profile.read_text()

    fresh = page.context.new_page()
    fresh.goto(server.url + "/routine/short")
    fresh.locator("#load-profile").set_input_files(profile)
    expect(fresh.locator('#settings input[name="hold-wall-lean"]')).to_have_value(
        re.compile(r"^11(\.0*)?$")
    )
    assert shown_seconds(fresh, changed.seconds) == pytest.approx(changed.seconds, abs=SHOWN)


def test_a_build_plays_seeks_by_chapter_and_downloads_the_planned_length(
    page: Page, server, routines: Path, tmp_path: Path
) -> None:
    path = routines / "two-holds.yaml"
    page.goto(server.url + "/routine/two-holds")
    page.locator('#settings input[name="hold-wall-lean"]').fill("4")
    expect(page.locator("#build-progress")).to_be_attached()
    expect(page.locator("#build-status")).to_have_attribute("role", "status")
    shown_seconds(page, planned(path, "wall-lean.hold=4").seconds)  # the setting has landed
    build_and_wait(page)

    timeline, guessed = planned_exactly(path, "wall-lean.hold=4")
    assert guessed == 0  # the build has cached every clip: the plan is exact now
    expect(page.locator("#player track[kind=captions]")).to_have_count(1)
    assert player_duration(page) == pytest.approx(timeline.seconds, abs=0.05)

    want = chapters(timeline)
    buttons = page.locator("#chapters > li button[data-start]")
    expect(buttons).to_have_count(len(want))
    starts = [float(b.get_attribute("data-start") or "nan") for b in buttons.all()]
    assert starts == pytest.approx([c.start / timeline.sample_rate for c in want], abs=0.01)
    for button, chapter in zip(buttons.all(), want, strict=True):
        expect(button).to_contain_text(chapter.title)
    target = len(want) // 2  # an exercise's chapter, well inside the track
    buttons.nth(target).click()
    wait_until(
        page,
        """start => {
            const now = document.querySelector('#player').currentTime;
            return now >= start - 0.05 && now < start + 2;
        }""",
        starts[target],
    )
    now = page.evaluate("document.querySelector('#player').currentTime")
    assert starts[target] - 0.05 <= now < starts[target] + 2, "the chapter did not seek"

    with page.expect_download() as downloading:
        page.locator("#download-mp3").click()
    assert downloading.value.suggested_filename.endswith(".mp3")
    mp3 = tmp_path / "downloaded.mp3"
    downloading.value.save_as(mp3)
    assert len(decode(mp3)) / RATE == pytest.approx(timeline.seconds, abs=0.03)
    with page.expect_download() as zipping:
        page.locator("#download-zip").click()
    bundle = tmp_path / "downloaded.zip"
    zipping.value.save_as(bundle)
    with zipfile.ZipFile(bundle) as files:
        names = files.namelist()
        assert files.read(downloading.value.suggested_filename) == mp3.read_bytes(), names
        assert any(name.endswith(".vtt") for name in names), names


def test_an_article_compiles_to_a_draft_whose_problems_name_their_line(page: Page, server) -> None:
    page.goto(server.url + "/article")
    page.locator("#article-text").fill(ARTICLE.read_text(encoding="utf-8"))
    page.locator("#compile").click()
    draft = page.locator("#draft-yaml")
    expect(draft).to_have_value(re.compile(r"exercises:"))
    text = draft.input_value()
    parse_routine(text, "draft.yaml")  # the draft the page shows is a valid routine

    broken = re.sub(r"^(\s*hold: ).*$", r"\g<1>-3", text, count=1, flags=re.MULTILINE)
    assert broken != text
    with pytest.raises(LocatedError) as caught:
        parse_routine(broken, "draft.yaml")
    first = caught.value.problems[0]
    draft.fill(broken)
    page.locator("#validate").click()
    problems = page.locator("#problems > li")
    expect(problems.filter(has_text=f":{first.line}:{first.column}:")).to_have_count(1)
    expect(problems.filter(has_text=first.message)).not_to_have_count(0)

    draft.fill(text)
    page.locator("#validate").click()
    expect(problems).to_have_count(0)
    expect(page.locator("#validate-status")).to_contain_text("ok")


def test_a_draft_typed_in_the_box_builds_to_its_planned_length(
    page: Page, server, tmp_path: Path
) -> None:
    text = TWO_HOLDS.read_text(encoding="utf-8").replace("hold: 3", "hold: 5")
    page.goto(server.url + "/article")
    page.locator("#draft-yaml").fill(text)
    build_and_wait(page, "#build-draft")
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    timeline, guessed = planned_exactly(draft)
    assert guessed == 0
    assert player_duration(page) == pytest.approx(timeline.seconds, abs=0.05)


def test_the_host_must_be_the_servers_own(server) -> None:
    assert request(server, "/") == 200
    assert request(server, "/", host="evil.example") == 403
    assert request(server, "/routine/short", host=f"evil.example:{server.port}") == 403


def test_on_the_lan_the_token_opens_the_page_and_its_cookie_keeps_it_open(
    browser: Browser, routines: Path, tmp_path: Path
) -> None:
    from voiceguide.web import start_server

    lan = start_server(routines=routines, output=tmp_path, lan=True)
    try:
        assert lan.token and lan.token not in lan.url
        assert request(lan, "/") == 403
        assert request(lan, f"/?token={lan.token}x") == 403
        assert request(lan, f"/?token={lan.token}", host="evil.example") == 403

        context = browser.new_context()
        try:
            page = context.new_page()
            refused = page.goto(lan.url + "/routine/two-holds")
            assert refused is not None and refused.status == 403
            opened = page.goto(f"{lan.url}/?token={lan.token}")
            assert opened is not None and opened.status == 200
            expect(page.locator("#qr")).to_be_visible()
            expect(page.locator("#lan-url")).to_contain_text(str(lan.port))
            kept = [c for c in context.cookies() if c["value"] and c["httpOnly"]]
            assert kept, context.cookies()
            later = page.goto(lan.url + "/routine/two-holds")
            assert later is not None and later.status == 200
            # The cookie opens the API too (what it answers to so few fields is not this
            # test's business).
            answer = page.request.post(lan.url + "/api/plan", data={"slug": "two-holds"})
            assert answer.status != 403, answer.text()
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in kept)
            assert request(lan, "/article", cookie=cookie) == 200
            assert request(lan, "/article", cookie=cookie, host="evil.example") == 403
        finally:
            context.close()
        assert request(lan, "/article") == 403
    finally:
        lan.stop()


def shoot(page: Page, shot: Path) -> str | None:
    """A screenshot of what the screen shows, checked to be that size; what is wrong when
    the page is wider than the screen (to scroll sideways on a phone), else None."""
    assert page.viewport_size
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    data = page.screenshot(path=shot, animations="disabled", caret="hide")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (width, height)
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide <= width:
        return None
    over = page.evaluate(
        """width => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))
            .slice(0, 4).join(', ')""",
        width,
    )
    return f"{shot.name}: {wide}px wide on a {width}px screen ({over})"


def scroll_to(page: Page, selector: str) -> None:
    """Scroll the section holding `selector` (or the element) to the top of the screen."""
    page.locator(selector).evaluate(
        "e => (e.closest('section') || e).scrollIntoView({block: 'start'})"
    )


def test_screenshots_of_the_main_screens_at_phone_and_desktop_widths(
    browser: Browser, server, tmp_path: Path
) -> None:
    """Into docs/screens/ with VG_SCREENS=1 (the README shows them), else into tmp_path,
    so that a test run leaves the tree as it was. Every screen must fit its width."""
    folder = SCREENS if os.environ.get("VG_SCREENS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    article = ARTICLE.read_text(encoding="utf-8")
    problems = []
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        touch = {"has_touch": True, "is_mobile": True} if size == "phone" else {}
        context = browser.new_context(viewport=viewport, accept_downloads=True, **touch)
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        try:
            page.goto(server.url + "/")
            expect(page.locator("li.routine")).not_to_have_count(0)
            problems.append(shoot(page, folder / f"routines-{size}.png"))
            page.goto(server.url + "/routine/short")
            page.locator('#settings input[name="hold-wall-lean"]').fill("9")
            expect(page.locator("#spoken > li").filter(has_text="9 seconds")).not_to_have_count(0)
            if size == "phone":  # the exercise changed, its length and the total below it
                scroll_to(page, "fieldset.exercise >> nth=0")
            problems.append(shoot(page, folder / f"customise-{size}.png"))
            page.goto(server.url + "/routine/two-holds")
            build_and_wait(page)
            player_duration(page)  # drawn with its length
            if size == "phone":  # the bar at the bottom says it is built
                page.evaluate("window.scrollTo(0, 0)")
            problems.append(shoot(page, folder / f"player-{size}.png"))
            page.locator("#open-track").click()
            expect(page.locator("#track")).to_have_attribute("data-ready", "true")
            timeline = page.evaluate(
                "fetch(document.querySelector('#track').dataset.timeline).then(r => r.json())"
            )
            hold = next(e for e in timeline["events"] if e["kind"] == "hold")
            page.evaluate(
                """t => new Promise(r => { const a = document.querySelector('#player');
                    a.addEventListener('seeked', r, {once: true}); a.currentTime = t; })""",
                hold["start"] + 1.2,
            )
            expect(page.locator("#countdown-kind")).to_have_text("Hold")
            page.evaluate("window.scrollTo(0, 0)")
            problems.append(shoot(page, folder / f"follow-{size}.png"))
            page.goto(server.url + "/programme/relief-four-weeks")  # a bundled programme
            expect(page.get_by_text("Week 4").first).to_be_visible()
            problems.append(shoot(page, folder / f"programme-{size}.png"))
            page.goto(server.url + "/article")
            page.locator("#article-text").fill(article)
            page.locator("#compile").click()
            expect(page.locator("#draft-yaml")).to_have_value(re.compile(r"exercises:"))
            # The draft from its first line, no focus ring; on a phone the draft fills the
            # screen, on a desktop the article is shown above it.
            page.locator("#draft-yaml").evaluate("e => { e.blur(); e.scrollTop = 0; }")
            if size == "phone":
                scroll_to(page, "#draft-yaml")
            else:
                page.evaluate("window.scrollTo(0, 0)")
            problems.append(shoot(page, folder / f"article-{size}.png"))
        finally:
            context.close()
    wider = [problem for problem in problems if problem]
    assert not wider, "\n".join(wider)


@pytest.mark.slow
def test_two_browsers_at_once_download_what_the_cli_builds(tmp_path: Path) -> None:
    report = tmp_path / "load.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "web_load.py"),
            "--browsers=2",
            f"--routine={TWO_HOLDS}",
            f"--work={tmp_path}",
            f"--json={report}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    runs = json.loads(report.read_text())["runs"]
    assert [run["identical"] for run in runs] == [True, True], done.stdout


def test_a_language_changes_the_plan_and_a_programme_week_builds_to_the_player(
    browser: Browser, tmp_path: Path
) -> None:
    """German chosen: the plan says the German lines `--language de` plans, and the voice
    follows; then the quick programme's page builds week 2 to the player."""
    from voiceguide.web import start_server

    folder = tmp_path / "routines"
    shutil.copytree(FIXTURES / "programme", folder)
    routine = load_routine(folder / "sitting.yaml")
    german = spoken(timeline_for(plan(routine, Options(language="de")), voice=Voice())[0])
    english = spoken(timeline_for(plan(routine, Options()), voice=Voice())[0])
    line = next(text for text in german if text not in english)
    running = start_server(routines=folder, output=tmp_path / "out")
    context = browser.new_context(accept_downloads=True, viewport=DESKTOP)
    context.set_default_timeout(WAIT_MS)
    script_errors: list[str] = []
    context.on("weberror", lambda error: script_errors.append(str(error.error)))
    page = context.new_page()
    try:
        page.goto(running.url + "/routine/sitting")
        expect(page.locator("#spoken")).not_to_contain_text(line)
        page.locator("#more-settings summary").click()
        page.locator("#language").select_option("de")
        expect(page.locator("#spoken")).to_contain_text(line)
        expect(page.locator("#voice")).to_have_value("de+m1")
        expect(page.locator("#note-language")).to_be_visible()
        expect(page.locator("#note-language")).to_contain_text("said in German")

        page.goto(running.url + "/")
        page.get_by_role("link", name="Quick programme").click()
        expect(page.locator("li.week")).to_have_count(4)
        page.locator("#week").select_option("2")
        build_and_wait(page)
        expect(page.locator("#build-status")).to_contain_text("Week 2: Quick sitting")
        programme = load_programme(folder / "quick.yaml")
        (track,) = [t for t in programme_tracks(programme) if t.week == 2]
        timeline, guessed = timeline_for(
            plan(track.routine, track.options, speaking_rate=Voice().rate), voice=Voice()
        )
        assert guessed == 0  # the build has cached every clip
        assert player_duration(page) == pytest.approx(timeline.seconds, abs=0.05)
        expect(page.locator("#player track[kind=captions]")).to_have_count(1)
        want = [c.title for c in chapters(timeline)]
        expect(page.locator("#chapters > li button[data-start]")).to_have_count(len(want))
        with page.expect_download() as downloading:
            page.locator("#download-mp3").click()
        assert downloading.value.suggested_filename == "02-week-2.mp3"
    finally:
        context.close()
        running.stop()
    assert not script_errors, script_errors
