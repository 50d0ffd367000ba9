"""gunicorn settings for govreports: ``gunicorn govreports.wsgi`` reads this file.

Bounded work (issue 12): a worker stuck on one request is killed and replaced after
``timeout`` seconds, so a hostile request can hold a worker for at most that long; the
database's ``statement_timeout`` (``DJANGO_DB_STATEMENT_TIMEOUT_MS``, 5 s) ends the query
first. Every value can be overridden from the environment (``GUNICORN_*``) or the command
line.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# sync workers: one request each; the pages are short database reads
worker_class = "sync"
# seconds a worker may spend on one request before the arbiter kills it
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# recycle workers now and then, so slow leaks never accumulate
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# refuse absurd request lines and headers before Django sees them (4 KB search URLs pass)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
