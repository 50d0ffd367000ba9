"""Regions as ``reference.sync_reference_data`` now writes them, for databases migrated
before: 苗栗县 (710705), misspelled 苗粟县 in the gazetteer's source
(``gazetteer_build.CORRECTIONS``), and the English names ``articles.names`` now gives
names that are no place plus a type (省直辖县级行政区划: County-level Divisions under
Direct Administration), banners' wings and positions (Horqin Right Wing Front Banner),
ethnic groups after a place (Shunhe Hui District, Hainan Tibetan Autonomous Prefecture)
and the English names of the 55 minority nationalities (Manchu, Korean, Daur, Va)."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.reference import sync_reference_data

    sync_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0038_search_cells")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
