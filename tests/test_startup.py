"""A worker's start-up (``govreports/wsgi.py``, ``govreports.startup``): the objects it
loaded are frozen out of the garbage collector's way before the first request."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc
from govreports.wsgi import application
import sys
# compare's view module: imported through the URLconf at start-up, not by a request
print(gc.get_freeze_count(), "articles.views.charts" in sys.modules)
"""


def test_a_worker_freezes_the_objects_it_loaded_with_every_view_imported():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govreports.settings"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    frozen, imported = done.stdout.split()
    # Django, the apps, the URLconf and every view: tens of thousands of objects
    assert int(frozen) > 20_000
    assert imported == "True"
