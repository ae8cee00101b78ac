"""A programme's summary as a sheet for the fridge: one printed page per week, each with the
podcast feed's QR code when the feed's address is known; its counts in the singular for
one; and a programme's track kept only for a build with the same speech engine."""

from __future__ import annotations

import io

import pytest
from browser import chromium_missing, launch_options

import voiceguide
from voiceguide.export.summary import summary_html, summary_markdown
from voiceguide.planning.planner import plan
from voiceguide.programme.build import _summary, track_key
from voiceguide.programme.tracks import programme_tracks
from voiceguide.speech.fake import ENVIRONMENT
from voiceguide.speech.pool import SpeechSettings

FEED = "https://example.org/physio/anna/feed.xml"


def _summary_of(programme: voiceguide.Programme):
    tracks = programme_tracks(programme, explain=True)
    plans = [plan(t.routine, t.options) for t in tracks]
    return _summary(programme, tracks, plans, [600.0] * len(tracks))


def _weeks_of(weeks: int, tmp_path, language: str = "") -> voiceguide.Programme:
    text = voiceguide.programme_from_routine(
        voiceguide.load("five-moves"), weeks=weeks, routine_name="five-moves"
    )
    return voiceguide.read_programme(text, str(tmp_path / "p.yaml"))


def test_one_week_and_one_track_are_counted_in_the_singular(tmp_path):
    one = _summary_of(_weeks_of(1, tmp_path))
    assert "1 week · 1 track\n" in summary_markdown(one)
    assert "<span>1 week</span><span>1 track</span>" in summary_html(one)
    two = _summary_of(_weeks_of(2, tmp_path))
    assert "2 weeks · 2 tracks\n" in summary_markdown(two)


def test_the_feeds_address_is_on_every_weeks_page_only_when_known():
    summary = _summary_of(voiceguide.load_programme("relief-four-weeks"))
    assert "feed" not in summary_markdown(summary).lower()
    assert 'class="feed"' not in summary_html(summary)
    with_feed = summary_html(summary.__class__(**{**summary.__dict__, "feed": FEED}))
    assert with_feed.count('<figure class="feed">') == 4
    assert with_feed.count(FEED) == 8  # the image's text and the address under it


@pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
def test_the_sheet_prints_one_page_a_week_with_a_qr_code_that_reads_as_the_feed(tmp_path):
    pytest.importorskip("zxingcpp")
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader
    from test_web_phone import qr_text

    summary = _summary_of(voiceguide.load_programme("relief-four-weeks"))
    html = summary_html(summary.__class__(**{**summary.__dict__, "feed": FEED}))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page()
        page.set_content(html)
        pdf = page.pdf(format="A4")
        read = qr_text(page, ".week:nth-of-type(3) .feed img")
        browser.close()
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 4
    for number, each in enumerate(pages, 1):
        assert f"Week {number}" in each.extract_text()
    assert read == FEED


def test_a_track_made_by_the_fake_engine_is_never_kept_for_the_real_one(monkeypatch):
    programme = voiceguide.load_programme("relief-four-weeks")
    track = programme_tracks(programme, explain=True)[0]
    planned = plan(track.routine, track.options)
    output = voiceguide.OutputSettings(folder=".")

    def key(speech: SpeechSettings) -> str:
        return track_key(track, planned, 4, speech, output)

    assert key(SpeechSettings(fake=True)) != key(SpeechSettings(fake=False))
    monkeypatch.setenv(ENVIRONMENT, "fake")
    assert key(SpeechSettings()) == key(SpeechSettings(fake=True))
    monkeypatch.setenv(ENVIRONMENT, "real")
    assert key(SpeechSettings()) == key(SpeechSettings(fake=False))
