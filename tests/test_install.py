"""A wheel built from the tree, installed (not editable) into a fresh virtual environment,
does everything the README promises: list, plan, compile and build."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
# The installed wheel builds through its own speech worker (python -m
# voiceguide.speech.worker from the installed package): the real voice, not the fake.
pytestmark = pytest.mark.real_speech


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding the wheel. Its dependencies come from the
    test environment through a .pth file, so nothing is downloaded but the build backend."""
    where = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", where / "dist", ROOT)
    (wheel,) = (where / "dist").glob("voiceguide-*.whl")
    venv = where / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    # A path line only: the test environment's own .pth files (its editable voiceguide
    # among them) are not read, so `import voiceguide` can only find the wheel's copy.
    (Path(site.stdout.strip()) / "test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    return venv / "bin"


def test_the_wheel_holds_every_package_the_cue_sounds_and_the_cover(installed):
    (wheel,) = installed.parent.parent.glob("dist/*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    folders = {name.rsplit("/", 1)[0] for name in names if name.endswith(".py")}
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "voiceguide").rglob("__init__.py")}
    assert packages <= folders, packages - folders
    assert (
        sum(name.startswith("voiceguide/audio_assets/") and name.endswith(".wav") for name in names)
        == 4
    )
    for folder in ("routines", "programmes"):  # every bundled routine and programme
        shipped = {
            n for n in names if n.startswith(f"voiceguide/{folder}/") and n.endswith(".yaml")
        }
        here = {
            f"voiceguide/{folder}/{p.name}" for p in (ROOT / "voiceguide" / folder).glob("*.yaml")
        }
        assert len(here) >= 2 and shipped == here, here ^ shipped
    cover = zipfile.ZipFile(wheel).read("voiceguide/audio_assets/cover.png")
    assert cover == (ROOT / "audio_assets" / "cover.png").read_bytes()
    # The web page's templates and static files ship as package data.
    page_files = {
        f"voiceguide/web/{p.relative_to(ROOT / 'voiceguide' / 'web').as_posix()}"
        for folder in ("templates", "static")
        for p in (ROOT / "voiceguide" / "web" / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert page_files and page_files <= set(names), page_files - set(names)


def test_the_installed_wheel_serves_its_page(installed, tmp_path):
    pytest.importorskip("starlette", reason="the web extra is not installed")
    pytest.importorskip("httpx")
    probe = (
        "import warnings; warnings.simplefilter('ignore')\n"
        "from pathlib import Path\n"
        "from starlette.testclient import TestClient\n"
        "from voiceguide.web.app import Config, make_app\n"
        "app = make_app(Config(output=Path('out'), routines=None, hosts=('testserver',), port=80))\n"
        "http = TestClient(app)\n"
        "print(http.get('/').status_code, http.get('/article').status_code,"
        " http.get('/static/app.js').status_code)\n"
    )
    done = run(installed / "python", "-c", probe, cwd=tmp_path)
    assert done.stdout.split() == ["200", "200", "200"], done.stdout + done.stderr


def test_list_plan_compile_and_build_from_the_installed_wheel(installed, tmp_path, cache_dir):
    # Run from an empty folder: `python -c` looks in the current folder first.
    env = {**os.environ, "VOICEGUIDE_CACHE": str(cache_dir)}
    here = {"env": env, "cwd": tmp_path}
    where = run(installed / "python", "-c", "import voiceguide; print(voiceguide.__file__)", **here)
    assert where.stdout.startswith(str(installed.parent)), where.stdout
    voiceguide = installed / "voiceguide"
    listed = run(voiceguide, "list", **here).stdout.splitlines()
    routines = sorted(p.stem for p in (ROOT / "voiceguide" / "routines").glob("*.yaml"))
    programmes = sorted(p.stem for p in (ROOT / "voiceguide" / "programmes").glob("*.yaml"))
    names = [line.split()[0] for line in listed]
    assert names == [*routines, "programmes", *programmes], listed
    assert "relief-four-weeks" in programmes and "relief-sitting-de" in routines
    week = run(voiceguide, "plan", "relief-four-weeks", "--week", "3", **here).stdout
    assert "Week 3. Holds are 25 seconds this week." in week
    planned = run(voiceguide, "plan", "five-moves", "--hold", "33", **here).stdout
    assert "Hold for 33 seconds" in planned
    article = ROOT / "tests" / "articles" / "01-numbered-steps.md"
    draft = tmp_path / "draft.yaml"
    run(voiceguide, "compile", article, "-o", draft, **here)
    run(voiceguide, "validate", draft, **here)
    built = run(voiceguide, "build", FIXTURES / "short.yaml", "-o", tmp_path / "out", **here)
    assert (tmp_path / "out" / "short.mp3").stat().st_size > 10_000, built.stdout
    assert {p.suffix for p in (tmp_path / "out").iterdir()} == {
        ".mp3",
        ".vtt",
        ".json",
        ".html",
        ".m3u8",
    }
    from mutagen.id3 import ID3  # the installed copy found its cover and embedded it

    (picture,) = ID3(tmp_path / "out" / "short.mp3").getall("APIC")
    assert picture.data == (ROOT / "audio_assets" / "cover.png").read_bytes()


def test_an_editable_install_prints_no_setuptools_warning(tmp_path):
    """What a newcomer's first scripts/run shows of the build backend: no warning about
    packages left out of the configuration, or folders named like the package."""
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    done = run(
        sys.executable,
        *("-m", "pip", "--python", venv / "bin" / "python", "install", "-v", "--no-deps"),
        *("-e", ROOT),
    )
    said = done.stdout + done.stderr
    assert "Successfully installed voiceguide" in said
    for warning in ("Warning:", "absent from the `packages`", "Please be careful with folders"):
        assert warning not in said, said[said.find(warning) - 500 :][:1500]
