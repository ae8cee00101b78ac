"""The page's podcast feed (`serve --lan`): a programme built for its feed, subscribed to
at its token URL through a real server on loopback (without the token: 403), only the
files the feed names served and never through a link, and the programme's page showing
the feed's QR code and link in Chromium."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from browser import DESKTOP, chromium_missing, launch_options
from helpers import FIXTURES

from voiceguide.web import missing_extra

if missing_extra():
    pytest.skip(missing_extra(), allow_module_level=True)

from starlette.testclient import TestClient

from voiceguide.web.app import Config, make_app
from voiceguide.web.server import qr_svg, start_server

BUILD_SECONDS = 300  # the quick programme's four weeks, queued behind others at worst


@pytest.fixture(scope="module")
def routines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("routines")
    for path in (FIXTURES / "programme").iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def lan(routines: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    running = start_server(routines=routines, output=tmp_path_factory.mktemp("out"), lan=True)
    yield running
    running.stop()


def _loopback(server, url: str) -> str:
    """A URL of the page's (at its LAN address, say) as asked at loopback: the tests send
    nothing to any other address."""
    parts = urlsplit(url)
    return f"{server.url}{parts.path}" + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def built(lan) -> str:
    """The quick programme built for its feed through the page, as its button asks;
    the feed's URL (at loopback, with the token)."""
    token = {"token": lan.token}
    with httpx.Client(base_url=lan.url, params=token, timeout=60) as http:
        assert http.get("/feeds/quick/feed.xml").status_code == 404  # nothing built yet
        first = http.post("/api/feed", json={"slug": "quick"})
        assert first.status_code == 200, first.text
        # Asked again while it builds: the same build, not a second one into its folder.
        again = http.post("/api/feed", json={"slug": "quick"})
        assert again.json()["job"] == first.json()["job"]
        deadline = time.monotonic() + BUILD_SECONDS
        while True:
            job = http.get(f"/api/jobs/{first.json()['job']}").json()
            if job["state"] in ("done", "failed"):
                break
            assert time.monotonic() < deadline, job
            time.sleep(0.5)
        assert job["state"] == "done", job["message"]
        state = http.get("/api/feed/quick").json()
        assert (state["ready"], state["total"]) == (4, 4)
        return _loopback(lan, state["url"])


def test_the_feed_is_subscribed_to_with_the_token_and_refused_without(lan, built):
    with httpx.Client(timeout=60) as phone:  # keeps no cookie between requests: an app
        answer = phone.get(built)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/rss+xml")
        parsed = feedparser.parse(answer.content)
        assert not parsed.bozo and len(parsed.entries) == 4
        assert parsed.feed.title == "Quick programme"
        fetched = [parsed.feed.image.href]
        for entry in parsed.entries:
            (enclosure,) = entry.enclosures
            # Every link is the address the feed was asked at, with the token.
            assert enclosure.href.startswith(f"{lan.url}/feeds/quick/")
            assert enclosure.href.endswith(f"?token={lan.token}")
            audio = phone.get(enclosure.href, headers={"cookie": ""})
            assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
            assert len(audio.content) == int(enclosure.length)
            fetched.append(enclosure.href)
        chapters = answer.text.split('<podcast:chapters url="')[1].split('"')[0]
        chapters = chapters.replace("&amp;", "&")
        found = phone.get(chapters)
        assert found.status_code == 200
        assert found.headers["content-type"] == "application/json+chapters"
        assert found.json()["version"] == "1.2.0"
        fetched.append(chapters)
        # Seeking in a podcast app: a range of the audio.
        part = phone.get(fetched[1], headers={"range": "bytes=100-199"})
        assert part.status_code == 206 and len(part.content) == 100
    with httpx.Client(timeout=60) as stranger:
        for url in [built, *fetched]:
            without = url.split("?")[0]
            assert stranger.get(without).status_code == 403, without
            assert stranger.get(without + "?token=wrong").status_code == 403, without


def test_only_the_files_the_feed_names_are_served(lan, built):
    with httpx.Client(base_url=lan.url, params={"token": lan.token}, timeout=60) as http:
        assert http.get("/feeds/quick/01-week-1.mp3").status_code == 200
        for name in (
            ".voiceguide-programme.json",  # in the folder, not in the feed
            "summary.md",
            "playlist.m3u8",
            "01-week-1.json",
            "..%2F..%2Fetc%2Fpasswd",
            "05-week-5.mp3",
        ):
            assert http.get(f"/feeds/quick/{name}").status_code == 404, name
        assert http.get("/feeds/nobody/feed.xml").status_code == 404


def test_a_link_planted_in_the_feeds_folder_is_never_followed(lan, built, routines, tmp_path):
    """A copy of the built feed, served by an app of its own: a file of the feed, or the
    programme's folder, replaced by a symbolic link is a 404."""
    output = tmp_path / "out"
    shutil.copytree(lan.output / "feeds", output / "feeds", symlinks=True)
    config = Config(output=output, routines=routines, hosts=("testserver",), port=80)
    http = TestClient(make_app(config))
    assert http.get("/feeds/quick/01-week-1.vtt").status_code == 200
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the feed")
    vtt = output / "feeds" / "quick" / "01-week-1.vtt"
    vtt.unlink()
    vtt.symlink_to(secret)
    assert http.get("/feeds/quick/01-week-1.vtt").status_code == 404
    assert http.get("/feeds/quick/02-week-2.vtt").status_code == 200
    folder = output / "feeds" / "quick"
    folder.rename(tmp_path / "moved")
    folder.symlink_to(tmp_path / "moved")
    assert http.get("/feeds/quick/02-week-2.vtt").status_code == 404
    assert http.get("/feeds/quick/cover.png").status_code == 404
    feeds = output / "feeds"
    folder.unlink()
    (tmp_path / "moved").rename(folder)
    assert http.get("/feeds/quick/02-week-2.vtt").status_code == 200
    feeds.rename(tmp_path / "feeds-moved")
    feeds.symlink_to(tmp_path / "feeds-moved")
    assert http.get("/feeds/quick/02-week-2.vtt").status_code == 404


@pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
def test_the_programme_page_shows_the_feeds_qr_code_and_link(lan, built):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        try:
            context = browser.new_context(viewport=DESKTOP)
            context.set_default_timeout(30_000)
            errors: list[str] = []
            context.on("weberror", lambda error: errors.append(str(error.error)))
            page = context.new_page()
            opened = page.goto(f"{lan.url}/programme/quick?token={lan.token}")
            assert opened is not None and opened.status == 200
            link = page.locator("#feed-link")
            expect(link).to_be_visible()
            href = link.get_attribute("href")
            assert href is not None
            # The address a phone on the network uses: the LAN address, with the token.
            assert href == lan.lan_url.split("?")[0] + f"feeds/quick/feed.xml?token={lan.token}"
            expect(link).to_have_text(href)
            qr = page.locator("#feed-qr")
            expect(qr).to_be_visible()
            assert qr.get_attribute("src") == qr_svg(href)  # the QR code of that address
            expect(page.locator("#feed-status")).to_have_text("4 of 4 episodes made.")
            # Made again: nothing changed, so every track is kept and the count stays.
            page.locator("#feed-build").click()
            expect(page.locator("#feed-build")).to_be_enabled(timeout=120_000)
            expect(page.locator("#feed-status")).to_have_text("4 of 4 episodes made.")
            # The link the page gives, asked at loopback, is the feed.
            answer = page.request.get(_loopback(lan, href))
            assert answer.status == 200 and b"<rss" in answer.body()
            assert errors == []
        finally:
            browser.close()
