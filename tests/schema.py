"""What the migrations' ``forward``/``backward`` functions use of a schema editor, for
tests that run them inside the test's transaction (SQLite's editor refuses to open
there): ``connection`` and ``execute``."""

from django.db import connection


class SchemaEditor:
    """A schema editor that executes each statement on the default connection."""

    connection = connection

    @staticmethod
    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
