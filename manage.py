#!/usr/bin/env python
"""Django's command-line utility for govreports."""

import os
import sys

KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
    # Commands are run by an operator (migrate, loaddata, ingest on a big database may run
    # long statements): no PostgreSQL statement_timeout unless set. Web requests (gunicorn,
    # govreports.wsgi) keep the 5 s default of govreports/settings.py.
    os.environ.setdefault("DJANGO_DB_STATEMENT_TIMEOUT_MS", "0")
    # Commands that only read code and write files never sign anything: they need no secret
    # key, so `manage.py makemigrations --check` works on a fresh clone with DEBUG off.
    if sys.argv[1:2] and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("DJANGO_SECRET_KEY", "keyless-" + os.urandom(16).hex())
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:  # a missing secret key or a bad DATABASE_URL is one line, not a traceback
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)
    except ImproperlyConfigured as exc:
        sys.exit(f"manage.py: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
