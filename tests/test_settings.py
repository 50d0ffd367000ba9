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
