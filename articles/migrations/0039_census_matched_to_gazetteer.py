"""The 2020 census rows whose code the gazetteer does not use, matched to its divisions
(``articles.census.match_census``: 湟中区 -> 湟中县, 港闸区 -> 崇川区, 公主岭市 220184 ->
220381 ...) for databases loaded before the match existed: those divisions had no
population, and a prefecture or province total left them out (西宁 2,072,922 instead of
the census's 2,467,965). A figure edited in the admin is kept (``load_population``)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from articles.reference import load_population

    load_population(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0033_search_year_publication")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
