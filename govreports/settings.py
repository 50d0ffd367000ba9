"""Settings for govreports, read from the environment.

Variables (see `.env.example`):
- ``DATABASE_URL``: any URL dj-database-url understands; defaults to SQLite at
  ``db.sqlite3`` in the repository root, so a fresh clone runs with no server.
- ``DJANGO_SECRET_KEY``: required when ``DJANGO_DEBUG`` is off.
- ``DJANGO_DEBUG``: ``1``/``true`` for development; off by default.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- ``CELERY_BROKER_URL``: the Celery broker (Redis, e.g. ``redis://127.0.0.1:6379/0``)
  for ``ingest --queue``; unset, every ingest runs in-process.
- ``CELERY_QUEUE``: the queue ingest tasks go to (default ``govreports-ingest``).
- ``DJANGO_SQLITE_TIMEOUT``: seconds a SQLite writer waits for the lock (default 30).
- ``DJANGO_INGEST_BATCH_PAGES`` / ``DJANGO_INGEST_BATCH_SECONDS``: an ingest run stores
  its pages this many to a transaction (default 20), or what it read in this many seconds
  if fewer (default 2.0); 1 stores each page on its own.
- ``DJANGO_BEHIND_PROXY``: ``1`` when a reverse proxy that sets ``X-Forwarded-Proto`` is in
  front; only then is that header trusted (else any client could claim HTTPS).
- ``DJANGO_DB_STATEMENT_TIMEOUT_MS``: PostgreSQL ``statement_timeout`` (default 5000 ms;
  0 = none). ``manage.py`` defaults it to 0, so only web requests get the 5 s bound;
  ``DJANGO_INGEST_STATEMENT_TIMEOUT_MS`` is the one the ingest command sets for its own
  connection whatever the other says (default 0 = none).
- ``DJANGO_DB_RANDOM_PAGE_COST``: PostgreSQL ``random_page_cost`` of every session
  (default 1.1: the data is in memory or on SSD; at the server's default 4 the planner
  read every search-index row instead of the GIN index, 700 ms against 3 ms).
- ``DATABASE_REPLICA_URL``: a PostgreSQL read replica of ``DATABASE_URL``; when set,
  reads outside write transactions go to it (``govreports/db_router.py``).
- ``REDIS_URL``: the shared cache (``redis://127.0.0.1:6379/0``); without it the cache
  is a table of the database, shared as well. ``CACHE_KEY_PREFIX`` separates several
  databases sharing one Redis (default ``govreports``).
- ``PAGE_CACHE_SECONDS``: how long a public page is kept whole for anonymous readers under
  the data version (``articles/page_cache.py``); 0 turns it off. Default 300 with
  ``REDIS_URL``, else 0. ``PAGE_CACHE_WAIT_SECONDS`` (default 5): how long a request waits
  for another request's rendering of the same missing page before rendering it itself.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable: 1/true/yes/on (any case) are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for local use, set DJANGO_DEBUG=1; see .env.example)."
        )
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "govreports.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "govreports.middleware.LanguageParameterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # inside the locale, session and auth middleware: its page is in the reader's language
    "govreports.middleware.NotFoundPageMiddleware",
    # after sessions, locale, CSRF, auth and messages: it needs all of them
    "articles.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "govreports.middleware.BadPageMiddleware",
    # last, so its process_exception sees the view's exception first
    "govreports.middleware.StatementTimeoutMiddleware",
]

ROOT_URLCONF = "govreports.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "govreports.wsgi.application"

# An empty DATABASE_URL (``DATABASE_URL=``) means "not set": the SQLite default.
if not os.environ.get("DATABASE_URL", "").strip():
    os.environ.pop("DATABASE_URL", None)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# A read replica (PostgreSQL streaming replication): reads outside write transactions go
# there, everything else to default (govreports/db_router.py). Unset: one database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # tests run the replica alias on the default test database (same rows, no copy)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["govreports.db_router.ReplicaRouter"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent ingests on SQLite: a write transaction takes the write lock at BEGIN
    # (IMMEDIATE), so a second writer waits up to the timeout instead of failing with
    # "database is locked" mid-transaction; WAL lets pages be read while an ingest writes
    # (https://www.sqlite.org/wal.html); synchronous=NORMAL is safe with WAL.
    # Pages are read through a memory map of the file (up to DJANGO_SQLITE_MMAP_BYTES,
    # https://www.sqlite.org/mmap.html) rather than copied by a read() each: compare's
    # 6,700 ranked rows of one indicator took 57 ms of SQLite's time, 25 ms mapped (issue 9).
    mmap_bytes = int(os.environ.get("DJANGO_SQLITE_MMAP_BYTES", str(2**31 - 2**16)))
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "30")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA mmap_size={mmap_bytes};",
        }
    )

# One statement can never hold a worker for long (issue 12): every PostgreSQL session gets
# this statement_timeout when it connects (govreports.dbsession; not the maintenance
# connection that creates and drops databases). Commands that legitimately run long
# statements (ingest) set their own, see ``articles.ingest_guard``.
STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT_MS", "5000"))
INGEST_STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_INGEST_STATEMENT_TIMEOUT_MS", "0"))
DB_RANDOM_PAGE_COST = float(os.environ.get("DJANGO_DB_RANDOM_PAGE_COST", "1.1"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Celery (``govreports/celery.py``): the broker is optional; without it ``ingest --queue``
# runs in-process. Tasks are acknowledged after they run, one at a time per worker
# process, so a killed worker's page is delivered again (ingest is idempotent).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
# Workers listen here (``celery -A govreports worker -Q <name>`` for another queue).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "govreports-ingest")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the content is Chinese; English is the second interface language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
# The language cookie (the switch, and a ``?lang=`` link: govreports.middleware) is sent
# on navigation from other sites (a shared link), never on their cross-site requests.
LANGUAGE_COOKIE_SAMESITE = "Lax"
# kept a year (Django's default is until the browser closes: a returning reader fell back
# to what the browser asks for: a new-user pass)
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "govreports.static_storage.StaticStorage"
        )
    },
}

# One cache shared by every worker process, so the data version bumped by an ingest,
# an admin edit or a review is seen at once by all (articles/cache.py): Redis when
# REDIS_URL is set, else a table of the database (created by migration 0007).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "govreports.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "govreports"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "govreports_cache",
        }
    }
# Whole public pages for anonymous readers, kept under the data version (articles.page_cache):
# seconds an entry is kept, 0 = off. On by default only with Redis: with the database cache
# each miss would write to the database (on SQLite, behind an ingest's write lock).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("PAGE_CACHE_WAIT_SECONDS", "5"))

# Production hardening; `manage.py check --deploy` is clean when DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): every resource from this site, no inline script or
# style, no data: URLs, no framing. Pages and the admin satisfy it (tests/test_browser.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Ingest limits (articles.ingest_guard, articles.ingest.sources): the largest page file (or
# zip member, uncompressed) read, in bytes — a newspaper page is well under 1 MB as text or
# HTML and a few MB as PDF — and the most text one page may hold once read (a newspaper page
# is a few tens of thousands of characters).
# An ingest run stores its pages this many to a transaction, or what it read in this many
# seconds if fewer (services.runs.run_pages): one commit, one search-index flush and one
# recount of compare winners and coverage per batch instead of per page.
INGEST_BATCH_PAGES = int(os.environ.get("DJANGO_INGEST_BATCH_PAGES", "20"))
INGEST_BATCH_SECONDS = float(os.environ.get("DJANGO_INGEST_BATCH_SECONDS", "2.0"))
INGEST_MAX_FILE_BYTES = int(os.environ.get("DJANGO_INGEST_MAX_FILE_BYTES", str(8 * 1024 * 1024)))
INGEST_MAX_PAGE_CHARS = int(os.environ.get("DJANGO_INGEST_MAX_PAGE_CHARS", str(512 * 1024)))
INGEST_MAX_LINE_CHARS = int(os.environ.get("DJANGO_INGEST_MAX_LINE_CHARS", "20000"))
INGEST_MAX_ARTICLE_CHARS = int(os.environ.get("DJANGO_INGEST_MAX_ARTICLE_CHARS", "50000"))
INGEST_MIN_ARTICLE_HAN = int(os.environ.get("DJANGO_INGEST_MIN_ARTICLE_HAN", "8"))

# Upload in the admin (articles.upload): the largest file staff may upload (a zip of pages or
# a PDF of several pages), where it is kept between the preview and the confirmation (a
# directory of its own, not served), how long a preview may wait for its confirmation, and
# above how many pages a confirmed upload goes to the Celery queue when a broker is set.
UPLOAD_MAX_BYTES = int(os.environ.get("DJANGO_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
UPLOAD_STAGING_DIR = os.environ.get(
    "DJANGO_UPLOAD_STAGING_DIR", os.path.join(tempfile.gettempdir(), "govreports-uploads")
)
UPLOAD_STAGING_MAX_AGE = int(os.environ.get("DJANGO_UPLOAD_STAGING_MAX_AGE", "3600"))
UPLOAD_QUEUE_ABOVE_PAGES = int(os.environ.get("DJANGO_UPLOAD_QUEUE_ABOVE_PAGES", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # runserver's request lines as Django formats them ("[date] "GET / HTTP/1.1" 200")
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's own "django" logger has a console handler of its own (DEBUG only) and
        # also propagates to the root's: every warning ("Not Found: /x/") was printed
        # twice under runserver. One handler, the root's, at the root's level.
        # (Configuring "django" resets its children: runserver's own logger is set again.)
        "django": {"handlers": [], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # trafilatura warns "discarding data: None" for every HTML page whose main text it
        # cannot find (and "recall retry failed", "error in JSON metadata extraction" ...):
        # lines without the file's name, on the ingest's stderr and the workers' logs. The
        # HTML reader refuses such a page itself, naming the file and the reason.
        "trafilatura": {"level": os.environ.get("DJANGO_TRAFILATURA_LOG_LEVEL", "ERROR")},
    },
}
