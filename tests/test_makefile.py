"""The Makefile's targets as README describes them (``make -n`` prints, runs nothing)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make")


def dry_run(*args: str) -> str:
    result = subprocess.run(
        # --no-print-directory: under ``make test`` (CI) this make is nested and would
        # print make[1]'s Entering/Leaving lines
        ["make", "-n", "--no-print-directory", "-W", ".venv/.installed", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def runserver_line(printed: str) -> str:
    (line,) = [line for line in printed.splitlines() if "runserver" in line]
    return line


def test_make_run_serves_on_8000_by_default():
    assert runserver_line(dry_run("run")).endswith("runserver 127.0.0.1:8000")


def test_make_run_takes_another_port():
    """A second checkout or a busy 8000 (a new-user pass): ``make run PORT=8765``."""
    assert runserver_line(dry_run("run", "PORT=8765")).endswith("runserver 127.0.0.1:8765")


def test_a_hung_test_is_stopped_with_its_stack(pytestconfig):
    """pytest-timeout is loaded and bounds every test (pyproject.toml), so a hang fails one
    test with every thread's stack instead of holding CI until its own limit."""
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert 0 < float(pytestconfig.getini("timeout")) <= 900
