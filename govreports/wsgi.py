"""WSGI entry point (gunicorn govreports.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from govreports.startup import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
application = get_wsgi_application()
# the objects of start-up live as long as the worker: out of the garbage collector's
# way (govreports.startup, issue 9.3)
freeze_loaded_objects()
