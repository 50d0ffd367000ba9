"""govreports project package; importing it loads the Celery app so that
``@shared_task`` functions bind to it (Celery's documented Django layout)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
