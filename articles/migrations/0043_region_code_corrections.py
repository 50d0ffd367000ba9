"""Two county-level cities get today's GB/T 2260 codes (``gazetteer_build.FORMER_ADCODES``):
公主岭市 220381 -> 220184 (in 长春市 since 2020) and 新星市 650929 -> 659011 (one of the
cities directly under Xinjiang). Their old codes were another prefecture's, so every read
of a subtree by code prefix put them in the wrong one.

The rows keep their ids, so their metrics, articles and census rows stay theirs; the
triggers on ``articles_region`` carry the new codes into the compare winners' and the
search cells' copies. Run before ``load_reference_data`` reads the corrected fixture (it
upserts by code and would otherwise add each city a second time). Where the new code is
taken already the row is left as it is.
"""

from django.db import migrations

#: A copy of ``gazetteer_build.FORMER_ADCODES`` as this migration was written: old: new.
CORRECTIONS = {"220381": "220184", "650929": "659011"}


def _move(apps, schema_editor, pairs):
    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    for old, new in pairs:
        if not Region.objects.using(db).filter(adcode=new).exists():
            Region.objects.using(db).filter(adcode=old).update(adcode=new)


def forwards(apps, schema_editor):
    _move(apps, schema_editor, CORRECTIONS.items())


def backwards(apps, schema_editor):
    _move(apps, schema_editor, ((new, old) for old, new in CORRECTIONS.items()))


class Migration(migrations.Migration):
    dependencies = [("articles", "0042_winner_regions")]
    operations = [migrations.RunPython(forwards, backwards)]
