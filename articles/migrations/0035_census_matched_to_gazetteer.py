"""Reference data for databases migrated before two changes (``sync_reference_data``,
rows edited in the admin left alone):

- the 2020 census rows whose code the gazetteer does not use, matched to its divisions
  (``articles.census.match_census``: 湟中区 -> 湟中县, 港闸区 -> 崇川区, 公主岭市 220184 ->
  220381 ...): those divisions had no population and a prefecture's or province's total
  left them out (西宁 2,072,922 instead of the census's 2,467,965);
- care for the elderly (养老服务, 敬老院, 高龄补贴 ...) as keywords of the social-security
  topic (an article about 养老服务 had no topic);
- the indicator hard-to-employ-placed (就业困难人员实现就业), which real county reports
  give beside new jobs.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from articles.reference import sync_reference_data

    sync_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0034_employment_indicator_phrases")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
