"""gunicorn settings for govreports (``gunicorn -c deploy/gunicorn.conf.py govreports.wsgi``;
the ``gunicorn.conf.py`` at the repository root loads this file, so a bare
``gunicorn govreports.wsgi`` run from there gets it too). Every value can be overridden
from the environment (``GUNICORN_*``) or the command line.

Sizing, for one web machine behind nginx (``deploy/nginx.conf``):

- ``workers`` = 4 (``GUNICORN_WORKERS``): about two per core on the 2-core machine the
  load figures were measured on (README, "Production"); the pages are CPU-bound Python
  around short queries, so more processes than that only queue for the CPU.
- ``worker_class`` = ``gthread`` with ``threads`` = 2 (``GUNICORN_THREADS``): a streamed
  export (the CSV of every metric runs for tens of seconds) holds one thread, not a
  whole worker, and the worker's main loop keeps sending the arbiter its heartbeat, so
  a long export is never killed as a "WORKER TIMEOUT" (the sync worker only reports
  between requests). Threads also overlap one request's wait on PostgreSQL with
  another's Python. Two, not four: the threads of a worker share one GIL, and with
  four a request waited behind three others' Python; ``benchmarks/load_wrk.py`` at
  100,000 articles (2026-12-03, 2 cores, PostgreSQL) gave the article page a p99 of
  351-476 ms in three of four runs with four threads, 75-118 ms in three runs with
  two, at the same 1,100-1,300 requests a second. Not gevent/eventlet: psycopg and the parser are not written for
  monkey-patching, and the requests are CPU-bound, not waiting on the network.
- ``timeout`` = 30 s (``GUNICORN_TIMEOUT``): with gthread this catches a worker whose
  process hangs (no heartbeat); each statement is bounded by PostgreSQL's
  ``statement_timeout`` (``DJANGO_DB_STATEMENT_TIMEOUT_MS``, 5 s; an export's chunks are
  separate statements, each short), and nginx's ``proxy_read_timeout`` bounds the wait
  between two pieces of a response.
- slow clients are nginx's problem: it buffers responses, so a worker thread is
  released as soon as the response is written to nginx, whatever the client's speed.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# seconds without a heartbeat before the arbiter kills and replaces a worker
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# nginx keeps connections to the upstream open (``keepalive`` in deploy/nginx.conf)
keepalive = 5
# recycle workers now and then, so slow leaks never accumulate; at 1,000-1,600
# requests a second a worker of 2,000 restarted every 6-8 s (65 restarts in a
# ``load_wrk`` run), each re-importing the app on a busy CPU: with 20,000 the list and
# the article page served 1,590-1,690 requests a second instead of 1,040-1,230, p99
# 43-68 ms instead of 67-92 (2026-12-03, 2 cores, 100,000 articles on PostgreSQL)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# refuse absurd request lines and headers before Django sees them (4 KB search URLs pass)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# nginx sets X-Forwarded-For/-Proto; trust them only from the local proxy
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
