"""The page on a phone and a desktop, in Debian's headless Chromium: the build in view, the
track's own page following the audio, the place kept over a reload, the QR code, offline
play, and axe-core's accessibility rules on every screen.

One browser and one server for the module (on the network, as `serve --lan` runs, but at
the loopback address so that no traffic leaves the machine); the tracks are built once.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import shutil
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from browser import chromium_missing, launch_options
from helpers import FIXTURES

from voiceguide.web import missing_extra

_missing = chromium_missing() or missing_extra()
if _missing:
    pytest.skip(_missing, allow_module_level=True)
httpx = pytest.importorskip("httpx")
axe_base = pytest.importorskip("axe_playwright_python.base", reason="the test extra has axe")
zxingcpp = pytest.importorskip("zxingcpp", reason="the test extra has zxing-cpp")
np = pytest.importorskip("numpy")

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
WAIT_MS = 30_000
BUILD_S = 240
TARGET = 44  # px: no control smaller on a phone
# A command-line flag, or one of voiceguide's commands, in what the page says.
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")

expect.set_options(timeout=WAIT_MS)


def commands() -> list[str]:
    from voiceguide.cli import cli

    return sorted(cli.commands)


COMMAND = re.compile(rf"\bvoiceguide\s+(?:{'|'.join(map(re.escape, commands()))})\b")


def cli_words(text: str) -> list[str]:
    """Every flag or voiceguide command named in `text`."""
    return FLAG.findall(text) + COMMAND.findall(text)


# --- the server, the browser and the tracks they share ----------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The page on the network, with its token, answering at the loopback address alone."""
    import voiceguide.web.server as web_server

    folder = tmp_path_factory.mktemp("routines")
    for source in (FIXTURES / "short.yaml", FIXTURES / "web" / "two-holds.yaml"):
        shutil.copy(source, folder / source.name)
    # One of the user's files that does not validate: the list says so, in its own words.
    (folder / "broken.yaml").write_text("title: Broken\nexercises: []\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(web_server, "lan_addresses", lambda: [])  # the QR's address: loopback
        running = web_server.start_server(
            routines=folder, output=tmp_path_factory.mktemp("out"), lan=True
        )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def http(server) -> Iterator:
    with httpx.Client(base_url=server.url, params={"token": server.token}, timeout=60) as client:
        yield client


def build(http, slug: str, **fields: str) -> str:
    job = http.post("/api/build", json={"slug": slug, **fields})
    assert job.status_code == 200, job.text
    deadline = time.monotonic() + BUILD_S
    while time.monotonic() < deadline:
        state = http.get(f"/api/jobs/{job.json()['job']}").json()
        if state["state"] in ("done", "failed"):
            assert state["state"] == "done", state
            return str(job.json()["job"])
        time.sleep(0.3)
    pytest.fail(f"the build of {slug} did not finish in {BUILD_S} s")


@pytest.fixture(scope="module")
def short(http) -> tuple[str, dict]:
    """The timing routine built once: its job id and its timeline JSON."""
    job = build(http, "short")
    state = http.get(f"/api/jobs/{job}").json()
    timeline = http.get(state["mp3"].removesuffix(".mp3") + ".json").json()
    return job, timeline


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_options())
        yield launched
        launched.close()


@contextlib.contextmanager
def opened(browser: Browser, server, size: str) -> Iterator[tuple[BrowserContext, Page]]:
    """A fresh context at `size` that has been given the token (its cookie); a script
    error on any page fails the test."""
    context = browser.new_context(**SIZES[size], accept_downloads=True)
    context.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    page.goto(f"{server.url}/?token={server.token}")
    try:
        yield context, page
    finally:
        context.close()
    assert not errors, errors


def in_view(page: Page, selector: str) -> bool:
    """Whether the element is wholly inside the screen."""
    return bool(
        page.locator(selector).evaluate(
            """e => { const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                    && r.bottom <= innerHeight && r.right <= innerWidth; }"""
        )
    )


def press(page: Page, selector: str, size: str) -> None:
    if size == "phone":
        page.locator(selector).tap()
    else:
        page.locator(selector).click()


def wait_built(page: Page) -> None:
    page.locator("#player, #build-status.failed").first.wait_for(
        state="attached", timeout=BUILD_S * 1000
    )
    status = page.locator("#build-status")
    assert "failed" not in (status.get_attribute("class") or ""), status.inner_text()


# --- the tests --------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_after_build_the_progress_is_in_view_and_a_reload_keeps_the_hold_and_the_build(
    browser: Browser, server, size: str
) -> None:
    with opened(browser, server, size) as (_context, page):
        page.goto(server.url + "/routine/two-holds")
        hold = page.locator("#hold-wall-lean")
        hold.fill("4")
        # The total beside the fields follows, through the plan (debounced).
        expect(page.locator("#total-length")).not_to_have_attribute(
            "data-seconds", page.locator("#total-length").get_attribute("data-seconds") or ""
        )
        expect(page).to_have_url(re.compile(r"hold-wall-lean=4"))
        assert in_view(page, "#total-length"), "the total is off screen"
        page.evaluate("window.scrollTo(0, 0)")
        press(page, "#build", size)
        expect(page.locator("#progress-area")).to_be_visible()
        assert in_view(page, "#build-progress"), "the progress is off screen after Build"
        assert in_view(page, "#build-status")
        assert page.evaluate("document.activeElement.id") == "audio"
        assert page.locator("#build-status").get_attribute("aria-live") == "polite"
        wait_built(page)
        expect(page).to_have_url(re.compile(r"build=[0-9a-f]{32}"))
        built = re.search(r"build=([0-9a-f]{32})", page.url)[1]

        page.reload()
        expect(page.locator("#hold-wall-lean")).to_have_value("4")
        wait_built(page)
        expect(page.locator("#build-status")).to_contain_text("Built")
        expect(page.locator("#open-track")).to_have_attribute("href", f"/track/{built}")
        # On the network, the build's QR code opens its track on a phone.
        scanned = urlsplit(qr_text(page, "#track-qr"))
        assert (scanned.path, scanned.query) == (f"/track/{built}", f"token={server.token}")

        # To the track's page and Back: the build is there still.
        page.locator("#open-track").click()
        expect(page).to_have_url(re.compile(f"/track/{built}$"))
        page.go_back()
        wait_built(page)
        expect(page.locator("#hold-wall-lean")).to_have_value("4")

        # The list keeps this browser's recent builds.
        page.goto(server.url + "/")
        expect(page.locator(f'#recent-builds a[href="/track/{built}"]')).to_be_visible()


def seek(page: Page, seconds: float) -> None:
    page.evaluate(
        """async t => {
            const audio = document.querySelector('#player');
            if (audio.readyState < 1) await new Promise(r => audio.addEventListener('loadedmetadata', r, {once: true}));
            await new Promise(r => { audio.addEventListener('seeked', r, {once: true}); audio.currentTime = t; });
        }""",
        seconds,
    )


def test_the_follow_along_view_shows_what_the_timeline_says_at_each_moment(
    browser: Browser, server, short
) -> None:
    job, timeline = short
    windows = [e for e in timeline["events"] if e["kind"] in ("hold", "rest", "rep", "prepare")]
    holds = [e for e in windows if e["kind"] == "hold"]
    rests = [e for e in windows if e["kind"] == "rest"]
    # Three moments: early in the first hold, late in a rest, in the middle of the last hold.
    moments = [
        (holds[0], holds[0]["start"] + 1.3),
        (rests[1], rests[1]["end"] - 1.6),
        (holds[-1], (holds[-1]["start"] + holds[-1]["end"]) / 2),
    ]
    with opened(browser, server, "phone") as (_context, page):
        page.goto(f"{server.url}/track/{job}")
        expect(page.locator("#track")).to_have_attribute("data-ready", "true")
        for window, t in moments:
            seek(page, t)
            expect(page.locator("#now-exercise")).to_have_text(window["exercise"])
            want = window["end"] - t
            shown = int(page.locator("#countdown-seconds").inner_text())
            assert abs(shown - want) <= 1, (window, t, shown)
            assert math.ceil(want - 1e-3) == shown
            kind = {"hold": "Hold", "rest": "Rest"}[window["kind"]]
            expect(page.locator("#countdown-kind")).to_have_text(kind)
            said = [e for e in timeline["events"] if e["kind"] == "speech" and e["start"] <= t]
            expect(page.locator("#now-line")).to_have_text(said[-1]["text"])
            chapter = max(i for i, c in enumerate(timeline["chapters"]) if c["start"] <= t)
            current = page.locator('#chapters button[aria-current="true"]')
            expect(current).to_have_count(1)
            expect(current).to_contain_text(timeline["chapters"][chapter]["title"])
            title = page.evaluate(
                "navigator.mediaSession.metadata && navigator.mediaSession.metadata.title"
            )
            assert title == window["exercise"]
        artwork = page.evaluate("navigator.mediaSession.metadata.artwork.map(a => a.src)")
        assert any(src.endswith("/static/icons/icon-512.png") for src in artwork)

        # The large controls: next exercise, back 15 s, previous exercise.
        starts = [c["start"] for c in timeline["chapters"]]
        seek(page, starts[2] + 5)
        page.locator("#next-exercise").tap()
        assert page.evaluate("document.querySelector('#player').currentTime") == pytest.approx(
            starts[3], abs=0.05
        )
        page.locator("#back-15").tap()
        assert page.evaluate("document.querySelector('#player').currentTime") == pytest.approx(
            starts[3] - 15, abs=0.05
        )
        page.locator("#prev-exercise").tap()
        assert page.evaluate("document.querySelector('#player').currentTime") == pytest.approx(
            starts[2], abs=0.05
        )
        for control in ("#play", "#prev-exercise", "#next-exercise", "#back-15", "#forward-15"):
            box = page.locator(control).bounding_box()
            assert box and box["height"] >= 56 and box["width"] >= 56, (control, box)


def qr_text(page: Page, selector: str) -> str:
    """What the QR code image at `selector` says, read from its pixels as a camera would."""
    width, height, pixels = page.locator(selector).evaluate(
        """async img => {
            if (!img.complete || !img.naturalWidth) await new Promise(r => img.addEventListener('load', r, {once: true}));
            const c = document.createElement('canvas');
            c.width = img.naturalWidth * 2; c.height = img.naturalHeight * 2;
            const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
            g.drawImage(img, 0, 0, c.width, c.height);
            const data = g.getImageData(0, 0, c.width, c.height).data;
            const grey = []; for (let i = 0; i < data.length; i += 4) grey.push(data[i + 1]);
            return [c.width, c.height, grey]; }"""
    )
    image = np.array(pixels, dtype=np.uint8).reshape(height, width)
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code could be read"
    return str(found[0].text)


def test_the_qr_code_and_the_share_link_open_the_tracks_own_page(
    browser: Browser, server, short
) -> None:
    job, timeline = short
    with opened(browser, server, "desktop") as (_context, page):
        page.goto(f"{server.url}/track/{job}")
        url = qr_text(page, "#track-qr")
        assert page.locator("#share-link").input_value() == url
    where = urlsplit(url)
    assert where.path == f"/track/{job}" and f"token={server.token}" in where.query
    assert where.netloc == urlsplit(server.url).netloc  # the machine's address (loopback here)
    # A phone that scans it has no cookie yet: the address alone opens the track.
    context = browser.new_context(**PHONE)
    try:
        phone = context.new_page()
        answer = phone.goto(url)
        assert answer is not None and answer.status == 200
        expect(phone.locator("h1")).to_have_text(timeline["title"])
        expect(phone.locator("#player")).to_have_attribute("src", re.compile(rf"/files/{job}/"))
        expect(phone.locator("#download-mp3")).to_be_visible()
    finally:
        context.close()


def test_the_service_worker_plays_a_kept_track_with_the_network_cut(
    browser: Browser, server, short
) -> None:
    job, timeline = short
    with opened(browser, server, "phone") as (context, page):
        page.goto(f"{server.url}/track/{job}")
        expect(page.locator("#track")).to_have_attribute("data-kept", "true")
        stored = page.evaluate(
            """async () => { const all = [];
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    for (const r of await cache.keys()) all.push(new URL(r.url).pathname + new URL(r.url).search);
                } return all; }"""
        )
        shell = {"/static/app.css", "/static/app.js", "/static/follow.js", "/manifest.webmanifest"}
        for address in stored:
            assert "token" not in address, address
            assert (
                address in shell
                or address.startswith(("/static/icons/", f"/files/{job}/", f"/track/{job}"))
                or address == "/__voiceguide-kept__"
            ), address
        assert any(a.endswith(".mp3") for a in stored) and any(a.endswith(".json") for a in stored)

        context.set_offline(True)
        page.reload()
        expect(page.locator("h1")).to_have_text(timeline["title"])
        expect(page.locator("#track")).to_have_attribute("data-ready", "true")
        duration = page.evaluate(
            """async () => { const a = document.querySelector('#player');
                if (a.readyState < 1) await new Promise((ok, no) => {
                    a.addEventListener('loadedmetadata', ok, {once: true});
                    a.addEventListener('error', () => no(new Error('no audio: ' + a.error?.code)), {once: true}); });
                return a.duration; }"""
        )
        assert duration == pytest.approx(timeline["seconds"], abs=0.1)
        seek(page, timeline["chapters"][2]["start"] + 1)  # a Range request, from the cache
        expect(page.locator("#now-exercise")).to_have_text(timeline["chapters"][2]["title"])
        # Nothing else is kept: the build's state is the server's to say.
        assert (
            page.evaluate("fetch('/api/jobs/" + job + "').then(() => 'answered', () => 'cut')")
            == "cut"
        )
        context.set_offline(False)


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now: "rule: selector" each."""
    page.evaluate(axe_base.AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


def small_controls(page: Page) -> list[str]:
    """The visible controls smaller than TARGET px either way."""
    return page.evaluate(
        """target => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => !e.closest('.visually-hidden, .skip'))
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.height < target - 0.5 || r.width < target - 0.5)
            .map(([e, r]) => (e.id || e.tagName.toLowerCase() + ':' + (e.textContent || e.name || '').trim().slice(0, 20))
                 + ` ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        TARGET,
    )


def screens(page: Page, server, short_job: str) -> Iterator[str]:
    """Every screen and state, one after another; yields each one's name."""
    page.goto(server.url + "/")
    yield "routines"
    page.goto(server.url + "/routine/short")
    yield "routine"
    page.locator("#hold-wall-lean").fill("abc")
    expect(page.locator("#error-hold-wall-lean")).to_be_visible()
    yield "routine, a value refused"
    page.locator("#hold-wall-lean").fill("7")
    page.locator("#more-settings summary").click()
    page.locator("#voice").select_option(label="All voices…")
    expect(page.locator("#voice optgroup")).to_have_count(1)
    yield "routine, more settings and all voices"
    page.goto(server.url + "/routine/two-holds")
    page.locator("#build").click()
    wait_built(page)
    yield "routine, built"
    page.goto(server.url + "/programme/relief-four-weeks")
    yield "programme"
    page.goto(server.url + "/article")
    page.locator("#draft-yaml").fill("title: Broken\nexercises:\n  - name: X\n    hold: -3\n")
    page.locator("#validate").click()
    expect(page.locator("#problems > li")).not_to_have_count(0)
    yield "article, a draft with problems"
    page.goto(f"{server.url}/track/{short_job}")
    expect(page.locator("#track")).to_have_attribute("data-ready", "true")
    seek(page, 30)
    yield "track, following along"
    page.goto(server.url + "/routine/no-such-routine")
    yield "a missing page"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_screen_passes_axe_fits_its_width_and_names_no_command(
    browser: Browser, server, short, size: str
) -> None:
    found: dict[str, list[str]] = {}
    with opened(browser, server, size) as (_context, page):
        for screen in screens(page, server, short[0]):
            problems = [f"axe {v}" for v in axe_violations(page)]
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > page.viewport_size["width"]:
                problems.append(f"{wide} px wide: it scrolls sideways")
            if size == "phone":
                problems += [f"under {TARGET} px: {c}" for c in small_controls(page)]
            text = page.evaluate(
                """() => document.body.innerText + '\\n' + [...document.querySelectorAll('option, [title], [alt], [aria-label], [placeholder]')]
                    .map(e => [e.textContent, e.title, e.alt, e.ariaLabel, e.placeholder].join(' ')).join('\\n')"""
            )
            problems += [f"names {word!r}" for word in cli_words(text)]
            if screen == "routine, a value refused":
                style = page.locator("#hold-wall-lean").evaluate(
                    "e => [getComputedStyle(e).borderStyle, getComputedStyle(e).borderTopWidth]"
                )
                if style != ["dashed", "3px"]:
                    problems.append(f"the refused field's border is {style}")
            if problems:
                found[screen] = problems
    assert not found, json.dumps(found, indent=1)


def test_no_error_answer_or_page_names_a_flag_or_command(http, short) -> None:
    """Every kind of mistake the page answers, and every page, in the page's own words."""
    asked = []
    for fields in (
        {"hold-wall-lean": "abc"},
        {"reps-squeeze": "-2"},
        {"sets-chin-tuck": "0"},
        {"rest": "soon"},
        {"prepare": "1"},
        {"rate": "5"},
        {"voice": "no such voice"},
        {"level": "hard"},
        {"language": "dee"},
        {"language": "de"},  # a note beside the field
    ):
        asked.append(http.post("/api/plan", json={"slug": "short", **fields}))
        asked.append(http.post("/api/build", json={"slug": "short", **fields}))
    asked += [
        http.post("/api/plan", json={"slug": "nope"}),
        http.post("/api/plan", content=b"not json"),
        http.post("/api/validate", json={"yaml": "title: X\nexercises: []\n"}),
        http.post("/api/compile", data={"text": ""}),
        http.post("/api/build-week", json={"slug": "relief-four-weeks", "week": 99}),
        http.post(
            "/api/profile", data={"slug": "short"}, files={"file": ("p.yaml", b"level: 3\n")}
        ),
        http.get("/api/jobs/" + "0" * 32),
        http.get("/files/" + "0" * 32 + "/x.mp3"),
        http.get("/track/" + "0" * 32),
        http.get("/nowhere", headers={"accept": "text/html"}),
        http.get("/", params={"token": "wrong"}),
    ]
    job = short[0]
    assert "broken.yaml" in http.get("/").text
    asked += [
        http.get(path)
        for path in (
            "/",
            "/routine/short",
            "/routine/short?hold-wall-lean=9",
            "/routine/two-holds",
            "/programme/relief-four-weeks",
            "/article",
            f"/track/{job}",
        )
    ]
    named = [
        (f"{answer.request.method} {answer.request.url} {answer.status_code}", words)
        for answer in asked
        if (words := cli_words(answer.text))
    ]
    assert sum(answer.status_code == 400 for answer in asked) >= 20
    assert not named
