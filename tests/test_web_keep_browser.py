"""Keeping and handing over, in Debian's headless Chromium: an article compiled on the page,
its draft corrected, saved as a routine file, made into a programme with a weekly step, week
2 built; the files saved are the ones `voiceguide validate` accepts and `voiceguide program`
builds into the same audio. The new screens pass axe-core on a phone and a desktop.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium_missing, launch_options
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.web import missing_extra

_missing = chromium_missing() or missing_extra()
if _missing:
    pytest.skip(_missing, allow_module_level=True)
httpx = pytest.importorskip("httpx")
pytest.importorskip("axe_playwright_python.base", reason="the test extra has axe")

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402
from test_web_phone import SIZES, TARGET, axe_violations, cli_words, small_controls  # noqa: E402

from voiceguide.cli import cli  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "articles" / "01-numbered-steps.md"
WAIT_MS = 30_000
BUILD_MS = 240_000
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from voiceguide.web import start_server

    folder = tmp_path_factory.mktemp("routines")
    shutil.copy(FIXTURES / "short.yaml", folder / "short.yaml")
    running = start_server(port=0, routines=folder, output=tmp_path_factory.mktemp("out"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_options())
        yield launched
        launched.close()


def _page(browser: Browser, size: str) -> Page:
    context = browser.new_context(**SIZES[size], accept_downloads=True)
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def _saved(page: Page, selector: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.locator(selector).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def _after_tags(mp3: bytes) -> bytes:
    assert mp3[:3] == b"ID3"
    size = (mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]
    return mp3[10 + size :]


def test_an_article_becomes_a_programme_whose_files_the_cli_builds_the_same(
    browser: Browser, server, tmp_path: Path
) -> None:
    page = _page(browser, "desktop")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + "/article")
    page.locator("#article-text").fill(ARTICLE.read_text())
    page.locator("#compile").click()
    expect(page.locator("#draft-yaml")).not_to_have_value("")
    # Corrected as a physiotherapist would: the guessed position, and a shorter hold.
    draft = page.locator("#draft-yaml").input_value()
    corrected = draft.replace(
        "position: sitting  # guessed: the article does not say", "position: standing"
    )
    corrected = corrected.replace("hold: 30\n    sides: both", "hold: 25\n    sides: both")
    assert corrected.count("standing") == 1 and "hold: 25" in corrected
    page.locator("#draft-yaml").fill(corrected)
    routine = _saved(page, "#save-draft", tmp_path)
    assert routine.read_text() == corrected
    assert routine.name == "desk-break-routine-for-a-stiff-upper-back.yaml"
    # A programme of it: three weeks, the holds 5 s longer each week, up to 40 s.
    page.locator("#weeks").fill("3")
    page.locator("#grow").select_option("hold")
    page.locator("#add").fill("5")
    page.locator("#up-to").fill("40")
    page.locator("#make-programme-button").click()
    page.wait_for_url("**/programme/desk-break-routine-for-a-stiff-upper-back-3-weeks")
    expect(page.locator("li.week")).to_have_count(3)
    programme = _saved(page, "#save-programme", tmp_path)
    page.locator("#week").select_option("2")
    page.locator("#build").click()
    page.locator("#player, #build-status.failed").first.wait_for(state="attached", timeout=BUILD_MS)
    mp3 = page.locator("#download-mp3").get_attribute("href")
    built = httpx.get(server.url + mp3, timeout=60).content
    assert not errors, errors
    page.context.close()

    runner = CliRunner()
    for path in (routine, programme):
        checked = runner.invoke(cli, ["validate", str(path)])
        assert checked.exit_code == 0, checked.output
    out = tmp_path / "cli"
    made = runner.invoke(cli, ["program", str(programme), "-o", str(out)])
    assert made.exit_code == 0, made.output
    week_2 = sorted(out.glob("02-*.mp3"))
    assert len(week_2) == 1, sorted(p.name for p in out.iterdir())
    assert _after_tags(built) == _after_tags(week_2[0].read_bytes())


def _screens(page: Page, server) -> Iterator[str]:
    page.goto(server.url + "/routine/short")
    page.locator("#hold-wall-lean").fill("abc")
    expect(page.locator("#error-hold-wall-lean")).to_be_visible()
    page.locator("#save-routine").click()
    expect(page.locator("#error-save-routine")).to_be_visible()
    yield "routine, a save refused"
    page.locator("#hold-wall-lean").fill("7")
    page.locator("#add").fill("-1")
    page.locator("#make-programme-button").click()
    expect(page.locator("#error-add")).to_be_visible()
    yield "routine, a step refused"
    page.locator("#add").fill("5")
    page.locator("#make-programme-button").click()
    page.wait_for_url("**/programme/short-4-weeks*")
    yield "a programme made from a routine"
    page.locator("#hold-wall-lean").fill("-3")
    page.locator("#patient-button").click()
    expect(page.locator("#patient-status")).to_contain_text("Not made")
    yield "programme, a patient's value refused"
    page.goto(server.url + "/article")
    page.locator("#load-routine").set_input_files(
        files=[{"name": "mine.yaml", "mimeType": "application/yaml", "buffer": b"title: x\n"}]
    )
    expect(page.locator("#error-load-routine")).to_be_visible()
    yield "article, a routine file refused"
    page.locator("#load-routine").set_input_files(str(FIXTURES / "short.yaml"))
    expect(page.locator("#draft-yaml")).to_have_value((FIXTURES / "short.yaml").read_text())
    yield "article, a routine file loaded"
    page.goto(server.url + "/")
    page.locator("#load-programme").set_input_files(
        files=[
            {"name": "p.yaml", "mimeType": "application/yaml", "buffer": b"title: x\nsessions: 3\n"}
        ]
    )
    expect(page.locator("#error-load-programme")).to_be_visible()
    yield "routines, a programme file refused"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_new_screens_pass_axe_fit_and_name_no_command(browser: Browser, server, size) -> None:
    page = _page(browser, size)
    found: dict[str, list[str]] = {}
    for screen in _screens(page, server):
        problems = [f"axe {v}" for v in axe_violations(page)]
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > page.viewport_size["width"]:
            problems.append(f"{wide} px wide: it scrolls sideways")
        if size == "phone":
            problems += [f"under {TARGET} px: {c}" for c in small_controls(page)]
        problems += [
            f"names {word!r}" for word in cli_words(page.evaluate("document.body.innerText"))
        ]
        if problems:
            found[screen] = problems
    page.context.close()
    assert not found, json.dumps(found, indent=1)
