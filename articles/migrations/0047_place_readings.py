"""Region.name_en: re-derive the English names of places holding a character that
``articles.names`` now reads as place names read it (``PLACE_READINGS``: 策勒县 -> Cele
County, not Celei; 丰都县 -> Fengdu County, not Fengdou; 浚县 -> Xun County, not Jun) or
named in ``PLACE_OVERRIDES``/``EXONYMS`` since migration 0044 (荥经, 中牟, 六合, 洪洞,
库车 -> Kuqa), so databases migrated before match ``reference.sync_reference_data``. The
region triggers (migration 0042) copy each new name onto the compare winners and the
search columns."""

from django.db import migrations

from ._english_names import rederive

#: The names added to ``PLACE_OVERRIDES`` and ``EXONYMS`` with this migration.
NEW_NAMES = ("荥经", "中牟", "六合", "洪洞", "库车")


def rename(apps, schema_editor):
    from articles.names import PLACE_READINGS

    marks = set(PLACE_READINGS) - {"长"}  # 长's reading came with migration 0036
    rederive(
        apps,
        schema_editor,
        lambda r: bool(marks & set(r.name)) or any(n in r.name for n in NEW_NAMES),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0046_oxford_spelling")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
