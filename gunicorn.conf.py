"""gunicorn reads ``./gunicorn.conf.py`` by default: the settings live in
``deploy/gunicorn.conf.py`` (sizing explained there); this file loads them."""

import runpy
from pathlib import Path

globals().update(
    (name, value)
    for name, value in runpy.run_path(
        str(Path(__file__).parent / "deploy" / "gunicorn.conf.py")
    ).items()
    if not name.startswith("__")
)
