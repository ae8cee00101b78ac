"""The web page (`voiceguide serve`): its routes against the same library calls as the CLI,
its security rules, and real builds through its API, byte-identical to `voiceguide build`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import warnings
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("uvicorn")
pytest.importorskip("segno")
pytest.importorskip("multipart")
httpx = pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from voiceguide.cli import cli  # noqa: E402
from voiceguide.clock_text import clock  # noqa: E402
from voiceguide.settings.profile import load_profile  # noqa: E402
from voiceguide.web import start_server  # noqa: E402
from voiceguide.web.app import Config, make_app  # noqa: E402
from voiceguide.web.security import MAX_UPLOAD  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "articles" / "01-numbered-steps.md"
SHORT = str(FIXTURES / "short.yaml")
# Settings a person might make on the page, and the same on the command line.
SETTINGS = {"slug": "short", "level": "gentle", "hold-wall-lean": "9", "rest": "4"}
SAME_OPTIONS = ["--level", "gentle", "--set", "wall-lean.hold=9", "--rest", "4"]


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


def beside(line: str) -> str:
    """A CLI problem as the page shows it beside its field: without the flag it names."""
    where, message = line.split(": ", 1)
    assert where.startswith("--"), line
    return message


def cli_errors(*args: str) -> list[str]:
    """The problems the CLI prints, each without its 'voiceguide: error: ' prefix."""
    result = cli_run(*args)
    assert result.exit_code == 2, result.output
    return [line.removeprefix("voiceguide: error: ") for line in result.stderr.splitlines()]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    config = Config(
        output=tmp_path_factory.mktemp("web-out"),
        routines=FIXTURES,
        hosts=("testserver",),
        port=80,
    )
    return TestClient(make_app(config), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    running = start_server(port=0, routines=FIXTURES, output=tmp_path_factory.mktemp("served"))
    yield running
    running.stop()


def wait_for(http, job: str, until=("done", "failed"), seconds: float = 240) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = http.get(f"/api/jobs/{job}").json()
        if state["state"] in until or state["stage"] in until:
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} still {state} after {seconds} s")


@pytest.fixture(scope="module")
def built(server, tmp_path_factory: pytest.TempPathFactory):
    """Two browsers' builds at once through the real server, and the CLI's build of the
    first one's settings."""
    with httpx.Client(base_url=server.url, timeout=60) as http:
        mine = http.post("/api/build", json=SETTINGS).json()["job"]
        theirs = http.post("/api/build", json={"slug": "short", "sets-chin-tuck": "1"}).json()[
            "job"
        ]
        jobs = {"mine": wait_for(http, mine), "theirs": wait_for(http, theirs)}
        jobs["mine"]["id"], jobs["theirs"]["id"] = mine, theirs
    out = tmp_path_factory.mktemp("cli-out")
    result = cli_run("build", SHORT, "-o", str(out), *SAME_OPTIONS)
    assert result.exit_code == 0, result.output
    return jobs, out


# ---- pages --------------------------------------------------------------------------------


def test_the_list_shows_every_bundled_routine_and_the_users_own(client):
    page = client.get("/").text
    slugs = re.findall(r'<li class="routine" data-slug="([a-z0-9-]+)">', page)
    from voiceguide.library import bundled_paths

    assert {"five-moves", "chair-mobility", "short"} <= set(slugs)
    assert len(slugs) == len(bundled_paths()) + 1
    item = page[page.index('data-slug="short"') :].split("</li>")[0]
    assert '<a href="/routine/short">Timing check</a>' in item
    assert re.search(r'class="length" data-seconds="[\d.]+">about \d+ min<', item)
    assert re.search(r'class="count">5 exercises<', item)
    assert 'class="equipment">nothing<' in item
    assert 'id="qr"' not in page  # only with --lan


def test_a_routine_page_has_every_field_with_a_label_and_an_error_place(client):
    page = client.get("/routine/short").text
    assert '<form id="settings"' in page
    for level in ("gentle", "standard", "strong"):
        assert re.search(
            rf'<input type="radio" id="level-{level}" name="level" value="{level}"', page
        )
        assert f'<label for="level-{level}">' in page
    assert re.search(r'<select id="voice" name="voice"', page)
    names = ["rate", "rest", "prepare", "hold-wall-lean", "hold-squeeze", "reps-squeeze"]
    names += ["reps-reach", "hold-arm-press", "hold-chin-tuck", "sets-chin-tuck", "sets-reach"]
    for name in [*names, "voice"]:
        assert f'<label for="{name}">' in page, name
        assert f'<p class="error" id="error-{name}" hidden>' in page, name
    assert '<p class="error" id="error-level" hidden>' in page
    for name in names:
        assert re.search(rf'<input id="{name}" name="{name}"', page), name
    # Only the fields that apply: "Reach" is paced by tempo, so it has no hold.
    assert 'name="hold-reach"' not in page and 'name="reps-wall-lean"' not in page
    assert re.search(r'name="hold-wall-lean"[^>]*value="7"', page)
    plan = client.post("/api/plan", json={"slug": "short"}).json()
    assert re.search(
        rf'<span id="total-length" data-seconds="{plan["seconds"]}" data-exact="\w+">[^<]+<', page
    )
    spoken = page[page.index('<ol id="spoken">') :].split("</ol>")[0]
    assert spoken.count("<li>") == len(plan["spoken"])
    for name in ('id="build"', 'id="build-progress"', 'id="build-status" role="status"'):
        assert name in page
    assert '<a id="save-profile"' in page and 'type="file" id="load-profile"' in page


def test_an_unknown_routine_is_a_404_page_with_one_line(client):
    answer = client.get("/routine/no-such", headers={"accept": "text/html"})
    assert answer.status_code == 404
    assert "no routine named &#39;no-such&#39;" in answer.text and "Traceback" not in answer.text
    answer = client.post("/api/plan", json={"slug": "no-such"})
    assert answer.status_code == 400 and set(answer.json()["errors"]) == {"slug"}


# ---- the plan -----------------------------------------------------------------------------


def test_the_plan_is_the_clis_plan_for_the_same_settings(client):
    plan = client.post("/api/plan", json=SETTINGS).json()
    printed = cli_run("plan", SHORT, *SAME_OPTIONS).output
    seconds = float(re.search(r"\((\d+\.\d\d) s,", printed)[1])
    assert round(plan["seconds"], 2) == seconds
    assert plan["length"] == re.search(r"Timing check  (\S+)", printed)[1]
    assert "Hold for 9 seconds on each side." in plan["spoken"]
    assert "Rest, 4 seconds. Next: Squeeze, sitting." in plan["spoken"]
    assert [e["name"] for e in plan["exercises"]] == [
        "Wall lean",
        "Squeeze",
        "Reach",
        "Arm press",
        "Chin tuck",
    ]
    assert plan["exercises"][0]["start"] > 0 and all(e["seconds"] > 0 for e in plan["exercises"])
    for e in plan["exercises"]:  # as the one clock shows lengths: the page formats none itself
        assert (e["starts_at"], e["length"]) == (clock(e["start"]), clock(e["seconds"]))
    assert plan["errors"] == {}


def test_a_value_as_the_routine_has_it_sets_nothing(client):
    # Unchanged fields are no overrides: the plan is the routine's own.
    prefilled = client.post("/api/plan", json={"slug": "short", "hold-wall-lean": "7"}).json()
    plain = client.post("/api/plan", json={"slug": "short"}).json()
    assert prefilled == plain


def test_a_bad_value_gets_the_clis_message_beside_its_field(client):
    answer = client.post("/api/plan", json={"slug": "short", "hold-wall-lean": "thirty secs"})
    assert answer.status_code == 400
    (expected,) = cli_errors("plan", SHORT, "--set", "wall-lean.hold=thirty secs")
    assert answer.json()["errors"] == {"hold-wall-lean": beside(expected)}
    answer = client.post("/api/plan", json={"slug": "short", "rest": "-3", "prepare": "1"})
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert errors["rest"] == beside(cli_errors("plan", SHORT, "--rest", "-3")[0])
    assert errors["prepare"] == beside(cli_errors("plan", SHORT, "--prepare", "1")[0])
    # A field that does not fit its exercise: the message the CLI gives for it.
    answer = client.post("/api/plan", json={"slug": "short", "hold-reach": "5"})
    assert answer.json()["errors"] == {
        "hold-reach": beside(cli_errors("plan", SHORT, "--set", "reach.hold=5")[0])
    }


# ---- profiles -----------------------------------------------------------------------------


def test_a_saved_profile_is_the_clis_profile_and_loads_back(client, tmp_path):
    query = {**SETTINGS, "explain": "false"}
    query.pop("slug")
    answer = client.get("/routine/short/profile.yaml", params=query)
    assert answer.status_code == 200
    assert 'filename="short-profile.yaml"' in answer.headers["content-disposition"]
    saved = tmp_path / "mine.yaml"
    saved.write_bytes(answer.content)
    profile = load_profile(saved)  # the CLI's own reader
    assert (profile.level, profile.explain, profile.voice_name, profile.rate) == (
        "gentle",
        False,
        "en+m3",
        160,
    )
    with_profile = cli_run("plan", SHORT, "--profile", str(saved)).output
    with_options = cli_run("plan", SHORT, *SAME_OPTIONS, "--no-explain").output
    assert with_profile.splitlines()[0] == with_options.splitlines()[0]
    loaded = client.post(
        "/api/profile", data={"slug": "short"}, files={"file": ("mine.yaml", answer.content)}
    ).json()
    values = loaded["values"]
    assert (values["level"], values["hold-wall-lean"], values["rest"], values["explain"]) == (
        "gentle",
        "9",
        "4",
        "false",
    )
    assert values["hold-squeeze"] == "2.5" and loaded["notes"] == []


def test_a_bad_profile_gets_the_clis_lines(client, tmp_path):
    text = b"level: hard\nrate: 9000\nexercises:\n  wall-lean: {hodl: 3}\n"
    answer = client.post("/api/profile", data={"slug": "short"}, files={"file": ("bad.yaml", text)})
    assert answer.status_code == 400
    (tmp_path / "bad.yaml").write_bytes(text)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        expected = cli_errors("plan", SHORT, "--profile", "bad.yaml")
    finally:
        os.chdir(old)
    assert answer.json()["problems"] == expected and len(expected) == 3
    assert answer.json()["errors"] == {"load-profile": expected[0]}
    # A setting that does not fit the routine: named by the file's own name and place.
    text = b"exercises:\n  wall-lean: {tempo: 3}\n"
    answer = client.post(
        "/api/profile", data={"slug": "short"}, files={"file": ("tempo.yaml", text)}
    )
    (tmp_path / "tempo.yaml").write_bytes(text)
    os.chdir(tmp_path)
    try:
        expected = cli_errors("plan", SHORT, "--profile", "tempo.yaml")
    finally:
        os.chdir(old)
    assert answer.status_code == 400 and answer.json()["errors"] == {"load-profile": expected[0]}


# ---- an article of one's own --------------------------------------------------------------


def test_compile_gives_the_clis_draft_and_validate_the_clis_lines(client, tmp_path):
    page = client.get("/article").text
    for element in ('id="article-text"', 'id="article-file"', 'id="compile"', 'id="draft-yaml"'):
        assert element in page
    assert 'id="validate"' in page and 'id="problems"' in page and 'id="build-draft"' in page
    uploaded = client.post("/api/compile", files={"file": (ARTICLE.name, ARTICLE.read_bytes())})
    assert uploaded.status_code == 200
    assert uploaded.json()["yaml"] == cli_run("compile", str(ARTICLE)).stdout
    pasted = client.post("/api/compile", data={"text": ARTICLE.read_text()}).json()
    assert "title: Desk Break Routine" in pasted["yaml"] and pasted["problems"] == []
    checked = client.post("/api/validate", json={"yaml": pasted["yaml"]}).json()
    assert checked["ok"] and checked["problems"] == []
    broken = pasted["yaml"].replace("position: sitting", "position: seated", 1)
    broken = re.sub(r"hold: \d+", "hold: thirty secs", broken, count=1)
    checked = client.post("/api/validate", json={"yaml": broken}).json()
    (tmp_path / "draft.yaml").write_text(broken)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        expected = cli_errors("validate", "draft.yaml")
    finally:
        os.chdir(old)
    assert checked == {"ok": False, "problems": expected, "warnings": []} and len(expected) == 2


def test_an_article_with_no_exercises_and_a_wrong_type_get_one_line(client):
    answer = client.post("/api/compile", data={"text": "Just a note about nothing."})
    assert answer.status_code == 400
    assert answer.json()["errors"]["article-text"].startswith("found no exercises in")
    answer = client.post("/api/compile", files={"file": ("notes.docx", b"PK\x03\x04")})
    assert answer.json()["errors"] == {
        "article-file": "notes.docx: give a .txt, .md, .html or .pdf file"
    }
    answer = client.post("/api/compile", files={"file": ("scan.pdf", b"%PDF-1.4\n%garbage")})
    assert answer.status_code == 400 and answer.json()["problems"] == [
        "scan.pdf: cannot be read as a PDF (it may be damaged): copy the text into a .txt file"
    ]


def test_uploads_are_limited_to_5_mb(client):
    answer = client.post("/api/compile", files={"file": ("big.txt", b"a" * (MAX_UPLOAD + 1))})
    assert answer.status_code == 400
    (line,) = answer.json()["problems"]
    assert line == "big.txt: over 5 MB; the page takes files up to 5 MB"
    # At the limit the upload is read, and the article reader's own limit speaks.
    answer = client.post("/api/compile", files={"file": ("big.txt", b"a " * (MAX_UPLOAD // 2))})
    assert answer.status_code == 400 and len(answer.json()["problems"]) == 1
    # A body far past the limit is refused by its length, before it is read.
    answer = client.post("/api/plan", content=b"x" * (MAX_UPLOAD + 100_000))
    assert answer.status_code == 400 and "\n" not in answer.text.strip()


# ---- security -----------------------------------------------------------------------------


def test_another_host_or_another_sites_change_is_refused(client, server):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 403
    assert client.get("/", headers={"host": "testserver:81"}).status_code == 403
    answer = client.post("/api/plan", json=SETTINGS, headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
    answer = client.post("/api/plan", json=SETTINGS, headers={"sec-fetch-site": "cross-site"})
    assert answer.status_code == 403
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/").status_code == 200
        assert http.get("/", headers={"host": f"localhost:{server.port}"}).status_code == 200
        rebound = http.get("/", headers={"host": f"attacker.example:{server.port}"})
        assert rebound.status_code == 403 and "Traceback" not in rebound.text


def test_with_a_token_every_request_needs_it_then_a_cookie_carries_it(tmp_path):
    config = Config(output=tmp_path, routines=None, hosts=("testserver",), port=80, token="s3cret")
    http = TestClient(make_app(config))
    for path in ("/", "/routine/five-moves", "/static/app.css", "/api/jobs/x", "/article"):
        assert http.get(path).status_code == 403, path
    assert http.post("/api/plan", json={"slug": "five-moves"}).status_code == 403
    assert http.get("/?token=wrong").status_code == 403
    answer = http.get("/?token=s3cret")
    assert answer.status_code == 200
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # The client keeps the cookie: links without the token now work.
    assert http.get("/routine/five-moves").status_code == 200
    assert http.post("/api/plan", json={"slug": "five-moves"}).status_code == 200


def test_lan_mode_shows_the_qr_code_and_refuses_requests_without_the_token(tmp_path):
    running = start_server(port=0, output=tmp_path, lan=True)
    try:
        assert running.token and running.lan_url and running.lan_url.endswith(running.token)
        assert running.url == f"http://127.0.0.1:{running.port}"
        with httpx.Client(base_url=running.url) as http:
            assert http.get("/").status_code == 403
            page = http.get("/", params={"token": running.token})
            assert page.status_code == 200
            assert '<img id="qr" alt="QR code for this page" src="data:image/svg+xml' in page.text
            assert f'<p id="lan-url">{running.lan_url}</p>' in page.text
            assert http.get("/article").status_code == 200  # by the cookie
            # The LAN address is the server's own too (the phone sends it as its Host).
            lan_host = running.lan_url.split("/")[2]
            assert http.get("/article", headers={"host": lan_host}).status_code == 200
            assert http.get("/article", headers={"host": "evil.example"}).status_code == 403
    finally:
        running.stop()


HOSTILE_JSON = [
    b"[]",
    b"null",
    b'"text"',
    b"[" * 100_000,
    b'{"slug": ["short"]}',
    b'{"slug": "../../etc/passwd"}',
    b'{"slug": "short", "rate": 1e309, "level": {"a": 1}, "voice": "-h"}',
    b'{"slug": "short", "hold-wall-lean": null, "rest": [], "prepare": true}',
    b'{"slug": "short", "hold-wall-lean": "1e400", "sets-chin-tuck": "99999999999"}',
    b'{"slug": "short", "hold-wall-lean": "5\\n6", "reps-squeeze": "\\u0000"}',
    b'{"slug": "short", "hold-arm-press": "20", "reps-arm-press": "3", "hold-nobody": "4"}',
    b'{"yaml": 5}',
    b'{"yaml": "a: &x 1\\nb: *x\\n"}',
    b'{"yaml": "title: [unclosed"}',
    b'{"yaml": "\\u0000\\u0001"}',
]


def test_hostile_requests_never_get_a_500(client):
    for body in HOSTILE_JSON:
        for path in ("/api/plan", "/api/validate", "/api/build"):
            answer = client.post(path, content=body, headers={"content-type": "application/json"})
            assert answer.status_code < 500, (path, body[:60], answer.text[:300])
            assert "Traceback" not in answer.text
    requests = [
        (
            "POST",
            "/api/compile",
            {
                "content": b"--x\r\nnonsense",
                "headers": {"content-type": "multipart/form-data; boundary=x"},
            },
        ),
        (
            "POST",
            "/api/compile",
            {"content": b"text=hi", "headers": {"content-type": "multipart/form-data"}},
        ),
        (
            "POST",
            "/api/compile",
            {"files": {"file": ("../../etc/passwd.txt", b"Hold 20 seconds.")}},
        ),
        ("POST", "/api/compile", {"files": {"file": ("a.txt", b"\x00\xff\xfe" * 100)}}),
        (
            "POST",
            "/api/profile",
            {"data": {"slug": "short"}, "files": {"file": ("p.yaml", b"\xff\x00")}},
        ),
        ("POST", "/api/profile", {"data": {"slug": "nope"}}),
        (
            "POST",
            "/api/profile",
            {"data": {"slug": "short"}, "files": {"file": ("p.yaml", b"a: &x [*x]")}},
        ),
        ("GET", "/files/../../etc/passwd", {}),
        ("GET", "/files/" + "0" * 32 + "/short.mp3", {}),
        ("GET", "/api/jobs/" + "x" * 5000, {}),
        ("GET", "/api/zip?jobs=" + ",".join(["a"] * 1000), {}),
        ("GET", "/routine/short/profile.yaml?rate=abc&hold-wall-lean=-1", {}),
        ("GET", "/routine/%00", {}),
        ("DELETE", "/api/plan", {}),
        ("PUT", "/", {}),
    ]
    for method, path, kwargs in requests:
        answer = client.request(method, path, **kwargs)
        assert answer.status_code < 500, (method, path, answer.text[:300])
        assert "Traceback" not in answer.text


# ---- builds -------------------------------------------------------------------------------


def _after_tags(mp3: bytes) -> bytes:
    """An MP3's audio: what follows its ID3v2 tag (whose size is four 7-bit bytes)."""
    assert mp3[:3] == b"ID3"
    return mp3[10 + _syncsafe(mp3[6:10]) :]


def _tags(mp3: bytes) -> dict[str, str]:
    """An MP3's ID3 frames, each as mutagen shows it, by kind ("COMM", "CHAP"...)."""
    import io

    from mutagen.id3 import ID3

    frames: dict[str, list[str]] = {}
    for frame in ID3(io.BytesIO(mp3)).values():
        frames.setdefault(frame.FrameID, []).append(frame.pprint())
    return {kind: "\n".join(sorted(texts)) for kind, texts in frames.items()}


def _syncsafe(four: bytes) -> int:
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]


def test_a_build_through_the_page_is_byte_identical_to_voiceguide_build(built, server):
    jobs, cli_out = built
    mine = jobs["mine"]
    assert mine["state"] == "done", mine
    with httpx.Client(base_url=server.url) as http:
        track = http.get(mine["mp3"])
        assert track.headers["content-type"] == "audio/mpeg"
        # The same audio, byte for byte; the tags differ only in where each override was
        # made, which the page says as "the page" (no flag of the command line).
        from_cli = (cli_out / "short.mp3").read_bytes()
        assert _after_tags(track.content) == _after_tags(from_cli)
        page_tags, cli_tags = _tags(track.content), _tags(from_cli)
        assert "(the page)" in page_tags["COMM"] and "--" not in page_tags["COMM"]
        cli_tags["COMM"] = cli_tags["COMM"].replace("(--set wall-lean.hold=9)", "(the page)")
        assert page_tags == {**cli_tags, "COMM": cli_tags["COMM"].replace("(--rest)", "(the page)")}
        captions = http.get(mine["vtt"])
        assert captions.headers["content-type"].startswith("text/vtt")
        assert captions.text == (cli_out / "short.vtt").read_text()
        # The player seeks: a range of the track comes back as asked.
        part = http.get(mine["mp3"], headers={"range": "bytes=100-199"})
        assert part.status_code == 206 and part.content == track.content[100:200]
    assert [c["title"] for c in mine["chapters"]][:2] == ["Introduction", "Wall lean"]
    assert mine["chapters"][1]["start"] > 0
    assert mine["length"] == clock(mine["seconds"]) == mine["tracks"][0]["length"]
    assert [c["at"] for c in mine["chapters"]] == [clock(c["start"]) for c in mine["chapters"]]


def test_each_browser_gets_its_own_results_and_zips(built, server):
    jobs, _cli_out = built
    mine, theirs = jobs["mine"], jobs["theirs"]
    assert theirs["state"] == "done" and mine["id"] != theirs["id"]
    assert mine["mp3"] != theirs["mp3"] and mine["mp3"].endswith("/short.mp3")
    folders = sorted(p.name for p in server.output.iterdir())
    assert folders == sorted([mine["id"], theirs["id"]])
    with httpx.Client(base_url=server.url) as http:
        one = zipfile.ZipFile(BytesIO(http.get(mine["zip"]).content))
        assert sorted(one.namelist()) == sorted(
            ["short.mp3", "short.vtt", "short.json", "short.html", "playlist.m3u8"]
        )
        both = http.get("/api/zip", params={"jobs": f"{mine['id']},{theirs['id']}"})
        names = zipfile.ZipFile(BytesIO(both.content)).namelist()
        assert {"short.mp3", "short-2.mp3", "short-2.vtt", "playlist.m3u8"} <= set(names)
        playlist = zipfile.ZipFile(BytesIO(both.content)).read("playlist.m3u8").decode()
        assert playlist.splitlines()[2::2] == ["short.mp3", "short-2.mp3"]
        assert http.get(mine["mp3"].replace("short.mp3", "short.json")).status_code == 200
        assert http.get(mine["mp3"].replace("short.mp3", "other.mp3")).status_code == 404


def test_a_build_with_bad_settings_never_starts(server):
    with httpx.Client(base_url=server.url) as http:
        answer = http.post("/api/build", json={"slug": "short", "sets-wall-lean": "0"})
        assert answer.status_code == 400 and set(answer.json()["errors"]) == {"sets-wall-lean"}
        failed = http.post("/api/build", json={"yaml": "title: x\n"})
        assert failed.status_code == 400
        assert failed.json()["problems"][0].startswith("draft.yaml:")


def test_stopping_the_server_mid_build_leaves_no_partial_files(tmp_path):
    running = start_server(port=0, routines=FIXTURES, output=tmp_path / "out")
    with httpx.Client(base_url=running.url) as http:
        # A rate never used before: every phrase must be spoken, so the build takes a while.
        job = http.post("/api/build", json={"slug": "short", "rate": "151"}).json()["job"]
        state = wait_for(http, job, until=("speaking", "measuring", "encoding", "done"))
        assert state["state"] == "running", state
        running.stop()
    final = running.queue.get(job)
    assert final is not None and final.state == "failed"
    assert final.message.startswith("stopped")
    assert not any(p.is_file() for p in (tmp_path / "out").rglob("*"))
    assert final.process is not None and not final.process.is_alive()


# ---- the command ----------------------------------------------------------------------------


def test_serve_without_the_extra_exits_2_with_the_install_line(monkeypatch):
    import voiceguide.web

    monkeypatch.setattr(
        voiceguide.web,
        "missing_extra",
        lambda: "the web page needs ...: pip install 'voiceguide[web]'",
    )
    result = cli_run("serve")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "voiceguide: error: the web page needs ...: pip install 'voiceguide[web]'\n"
    )


def test_voiceguide_serve_answers_and_stops_on_ctrl_c(tmp_path):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voiceguide.cli",
            "serve",
            "--port",
            "0",
            "--routines",
            str(FIXTURES),
            "--output",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A test run started in the background (a shell's `&`) has SIGINT ignored, and a
        # child inherits that: Ctrl-C must reach the server as it does in a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = re.search(r"serving (http://127\.0\.0\.1:\d+)/", first)
        assert url, first + (process.stderr.read() if process.poll() is not None else "")
        page = httpx.get(url[1] + "/")
        assert page.status_code == 200 and 'data-slug="short"' in page.text
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_job_json_says_where_a_build_is(client):
    answer = client.get("/api/jobs/" + "0" * 32)
    assert answer.status_code == 404
    assert json.loads(answer.text)["message"].startswith("no such build")


def test_a_port_in_use_or_an_output_that_cannot_be_written_is_one_line(server, tmp_path):
    from voiceguide.errors import UserError

    with pytest.raises(UserError, match=rf"^port {server.port} is in use"):
        start_server(port=server.port, output=tmp_path)
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(UserError, match=r"^cannot write to .*; pick another folder with --output"):
        start_server(output=blocked / "out")


def test_one_routine_is_found_as_the_list_shows_it(tmp_path):
    """The plan reads only the routine asked for; it must be the one the list holds."""
    from voiceguide import catalogue
    from voiceguide import find_listed as find

    def listed(folder: Path) -> dict:
        return {each.slug: each.routine for each in catalogue(None, folder).routines}

    for slug, routine in listed(FIXTURES).items():
        assert find(FIXTURES, slug) == routine, slug
    (tmp_path / "five-moves.yaml").write_text((FIXTURES / "short.yaml").read_text())
    (tmp_path / "broken.yaml").write_text("title: [\n")
    assert find(tmp_path, "five-moves") == listed(tmp_path)["five-moves"]  # bundled wins
    assert find(tmp_path, "broken") is None and "broken" not in listed(tmp_path)
    assert find(tmp_path, "nothing-here") is None


# ---- the language -------------------------------------------------------------------------


def test_the_language_field_plans_as_language_does_with_its_warning_beside_it(client):
    page = client.get("/routine/short").text
    assert (
        '<label for="language">' in page and '<p class="error" id="error-language" hidden>' in page
    )
    options = re.findall(r'<option value="([a-z]+)" data-voice="([^"]+)"( selected)?>', page)
    from voiceguide.language import languages

    assert [code for code, _voice, _on in options] == list(languages())
    assert [code for code, _voice, on in options if on] == ["en"]  # the routine's own
    assert dict((code, voice) for code, voice, _on in options)["de"] == "de+m1"
    plan = client.post("/api/plan", json={"slug": "short", "language": "de"}).json()
    printed = cli_run("plan", SHORT, "--language", "de")
    assert plan["spoken"] != client.post("/api/plan", json={"slug": "short"}).json()["spoken"]
    assert "Halte 7 Sekunden auf jeder Seite." in plan["spoken"]
    for line in plan["spoken"]:
        assert line in printed.stdout, line
    (warning,) = printed.stderr.splitlines()
    assert plan["notes"] == {"language": warning.removeprefix("voiceguide: warning: --language: ")}
    assert client.post("/api/plan", json={"slug": "short", "language": "en"}).json()["notes"] == {}


def test_a_bad_language_gets_the_libraries_language_line_beside_the_field(client, tmp_path):
    answer = client.post("/api/plan", json={"slug": "short", "language": "dee"})
    assert answer.status_code == 400
    # The line `--language` and a profile's language: give (the library's own check).
    (expected,) = cli_errors("plan", SHORT, "--language", "dee")
    assert expected == "--language dee: language 'dee' has no phrase book; did you mean 'de'?"
    assert answer.json()["errors"] == {"language": beside(expected)}


def test_a_saved_profile_carries_the_language_and_loads_it_back(client, tmp_path):
    answer = client.get("/routine/short/profile.yaml", params={"language": "fr"})
    assert answer.status_code == 200
    saved = tmp_path / "french.yaml"
    saved.write_bytes(answer.content)
    profile = load_profile(saved)  # the CLI's own reader
    assert (profile.language, profile.voice_name) == ("fr", "fr+m1")  # the voice follows
    with_profile = cli_run("plan", SHORT, "--profile", str(saved)).stdout
    with_option = cli_run("plan", SHORT, "--language", "fr", "--voice", "fr+m1").stdout
    assert with_profile == with_option and "Commencez par la gauche." in with_profile
    loaded = client.post(
        "/api/profile", data={"slug": "short"}, files={"file": ("french.yaml", answer.content)}
    ).json()
    assert (loaded["values"]["language"], loaded["values"]["voice"]) == ("fr", "fr+m1")
    # The routine's own language is no setting: the profile leaves it out.
    plain = client.get("/routine/short/profile.yaml", params={"language": "en"}).text
    assert "language" not in plain


# ---- programmes ---------------------------------------------------------------------------

QUICK = FIXTURES / "programme"


@pytest.fixture(scope="module")
def programmes(tmp_path_factory: pytest.TempPathFactory):
    """The page over tests/fixtures/programme/: two routines and the quick programme."""
    config = Config(
        output=tmp_path_factory.mktemp("web-weeks"), routines=QUICK, hosts=("testserver",), port=80
    )
    app = make_app(config)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.queue.stop()


def test_the_list_shows_the_bundled_programmes_and_the_folders_own(programmes):
    from voiceguide.library import bundled_programme_paths

    page = programmes.get("/").text
    slugs = re.findall(r'<li class="programme" data-slug="([a-z0-9-]+)">', page)
    assert slugs == [*bundled_programme_paths(), "quick"]
    assert page.index('id="programmes-heading"') > page.rindex('<li class="routine"')
    routines = re.findall(r'<li class="routine" data-slug="([a-z0-9-]+)">', page)
    assert {"sitting", "standing"} <= set(routines) and "quick" not in routines
    assert "left out" not in page  # a programme file is no routine with problems
    item = page[page.index('data-slug="quick"') :].split("</li>")[0]
    assert '<a href="/programme/quick">Quick programme</a>' in item
    assert 'class="weeks">4 weeks<' in item and "Quick sitting, Quick standing" in item


def test_a_programme_page_shows_the_weeks_plan_prints(programmes):
    from voiceguide.clock_text import clock

    page = programmes.get("/programme/quick").text
    printed = cli_run("plan", str(QUICK / "quick.yaml")).stdout.splitlines()
    weeks = re.findall(
        r'<li class="week" data-week="(\d+)">.*?Level <span class="level">(\w+)</span>'
        r'(?:; <span class="values">([^<]*)</span>)?.*?</ul>',
        page,
        re.S,
    )
    assert len(weeks) == 4
    shown = []
    for number, level, values in weeks:
        shown.append(f"week {number}: level {level}" + (f", {values}" if values else ""))
        block = page[page.index(f'data-week="{number}"') :].split("</ul>")[0]
        for name, title, length in re.findall(
            r'data-name="([^"]+)"><span class="title">([^<]+)</span>: <span class="length" data-seconds="([^"]+)">[^<]+<',
            block,
        ):
            # To the tenth of a second `plan` prints, whether exact or estimated ("~").
            shown.append(f"  {name:24}  {clock(float(length)):>7}  {title}")
    assert shown == [line.replace("~", " ") for line in printed[1:]]
    assert "week 3: level standard, hold 5 s, reps 3" in shown
    assert programmes.get("/programme/nope", headers={"accept": "text/html"}).status_code == 404


def test_a_week_the_programme_has_not_gets_plans_line(programmes):
    answer = programmes.post("/api/build-week", json={"slug": "quick", "week": 9})
    assert answer.status_code == 400
    (expected,) = cli_errors("plan", str(QUICK / "quick.yaml"), "--week", "9")
    assert answer.json()["errors"] == {"week": beside(expected)}
    for bad in ("two", "", None, True, [2]):
        answer = programmes.post("/api/build-week", json={"slug": "quick", "week": bad})
        assert answer.status_code == 400 and set(answer.json()["errors"]) == {"week"}, bad
    answer = programmes.post("/api/build-week", json={"slug": "../quick", "week": 1})
    assert answer.status_code == 400 and set(answer.json()["errors"]) == {"slug"}


def test_a_week_built_through_the_page_holds_that_weeks_value(programmes, tmp_path):
    from audio_probe import decode, tone_onsets

    job = programmes.post("/api/build-week", json={"slug": "quick", "week": 2}).json()["job"]
    state = wait_for(programmes, job)
    assert state["state"] == "done", state
    assert state["title"] == "Week 2: Quick sitting"
    assert state["mp3"].endswith("/02-week-2.mp3") and state["vtt"].endswith("/02-week-2.vtt")
    assert [c["title"] for c in state["chapters"]] == [
        "Introduction",
        "Back press",
        "Squeeze",
        "Close",
    ]
    track = tmp_path / "week.mp3"
    track.write_bytes(programmes.get(state["mp3"]).content)
    audio = decode(track)
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    week = programmes.get("/api/programme/quick").json()["weeks"][1]
    assert week["value"]["hold"] == 4
    assert abs((ends[0] - starts[0]) - week["value"]["hold"]) <= 0.010
    assert abs(len(audio) / 44100 - state["seconds"]) < 0.1
    archive = zipfile.ZipFile(BytesIO(programmes.get(state["zip"]).content))
    assert sorted(archive.namelist()) == sorted(
        ["02-week-2.mp3", "02-week-2.vtt", "02-week-2.json", "02-week-2.html", "playlist.m3u8"]
    )
    assert archive.read("02-week-2.mp3") == track.read_bytes()
