"""Settings come from the environment and production settings pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.pop("DATABASE_URL", None)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    # one line naming the setting, never a traceback (nor AppRegistryNotReady later on)
    assert result.stderr.strip().splitlines()[-1].startswith("manage.py: DJANGO_SECRET_KEY")
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 30 + "Zq8#vL2!pX9@wR4$tY6%uI1^oP3&aS5",
        DJANGO_ALLOWED_HOSTS="govreports.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_url_selects_the_database():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'])",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://someone@db.example.org:5432/reports",
    )
    assert result.stdout.split()[-3:] == [
        "django.db.backends.postgresql",
        "reports",
        "db.example.org",
    ]
    default = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DJANGO_DEBUG="1",
    )
    assert default.stdout.strip().endswith("db.sqlite3")


def test_an_empty_database_url_means_the_sqlite_default():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DJANGO_DEBUG="1",
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("db.sqlite3")


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 30 + "Zq8#vL2!pX9@wR4$tY6%uI1^oP3&aS5",
    "DJANGO_ALLOWED_HOSTS": "govreports.example.org",
}
SHOW_PROXY_HEADER = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"


def test_x_forwarded_proto_is_trusted_only_behind_a_declared_proxy():
    """Issue 12: any client could claim HTTPS with X-Forwarded-Proto."""
    direct = manage("shell", "-c", SHOW_PROXY_HEADER, **PRODUCTION)
    assert direct.stdout.strip().splitlines()[-1] == "None", direct.stderr
    proxied = manage("shell", "-c", SHOW_PROXY_HEADER, DJANGO_BEHIND_PROXY="1", **PRODUCTION)
    assert proxied.stdout.strip().splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_web_requests_get_a_statement_timeout_and_commands_none():
    show = "from django.conf import settings; print(settings.STATEMENT_TIMEOUT_MS)"
    # manage.py commands (migrate, loaddata, ingest) run without one unless told
    command = manage("shell", "-c", show, DJANGO_DEBUG="1")
    assert command.stdout.strip().splitlines()[-1] == "0", command.stderr
    told = manage("shell", "-c", show, DJANGO_DEBUG="1", DJANGO_DB_STATEMENT_TIMEOUT_MS="700")
    assert told.stdout.strip().splitlines()[-1] == "700"
    served = subprocess.run(  # what gunicorn loads
        [sys.executable, "-c", "import govreports.wsgi; " + show],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_DB_STATEMENT_TIMEOUT_MS"}
        | {"DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert served.stdout.strip() == "5000", served.stderr


def test_every_response_carries_the_content_security_policy(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert 'href="data:' not in response.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"].endswith("favicon.svg")
    assert client.get(favicon["Location"]).status_code == 200


def test_x_forwarded_proto_does_not_make_a_request_secure_in_the_tests(rf, settings):
    from django.http import HttpRequest

    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = rf.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert isinstance(request, HttpRequest) and not request.is_secure()


def test_sqlite_reads_its_file_through_a_memory_map(tmp_path):
    """WAL for concurrent readers and a memory map of the file (issue 9: fewer copies of
    pages per query); the size comes from DJANGO_SQLITE_MMAP_BYTES."""
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA mmap_size').fetchone()[0])"
    )
    url = f"sqlite:///{tmp_path / 'mapped.sqlite3'}"
    result = manage("shell", "-c", code, DJANGO_DEBUG="1", DATABASE_URL=url)
    assert result.stdout.splitlines()[-1].split() == ["wal", str(2**31 - 2**16)], result.stderr
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": url, "DJANGO_SQLITE_MMAP_BYTES": "1048576"}
    assert manage("shell", "-c", code, **env).stdout.splitlines()[-1].split() == ["wal", "1048576"]
