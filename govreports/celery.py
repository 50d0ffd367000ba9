"""The Celery application: ``celery -A govreports worker`` runs ingest tasks.

Configured from Django settings with the ``CELERY_`` prefix (``CELERY_BROKER_URL`` from
the environment, see ``settings.py``); tasks are found in each app's ``tasks.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")

app = Celery("govreports")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
