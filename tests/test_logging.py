"""Logging as configured by ``settings.LOGGING``: one line per warning (Django's "django"
logger had a console handler of its own besides the root's, so under runserver every
"Not Found: /x/" was printed twice), runserver's request lines in Django's format."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import logging, django
django.setup()
logging.getLogger("django.request").warning("Not Found: %s", "/regions/999999/")
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 10', extra={"status_code": 200})
"""


@pytest.mark.parametrize("debug", ["1", "0"])
def test_a_warning_is_logged_once_and_request_lines_keep_their_format(debug):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govreports.settings",
        "DJANGO_DEBUG": debug,
        "DJANGO_SECRET_KEY": "logging-test-only-" + "k" * 40,
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines.count("Not Found: /regions/999999/") == 1
    request = [line for line in lines if line.endswith('"GET / HTTP/1.1" 200 10')]
    assert len(request) == 1 and request[0].startswith("[")
