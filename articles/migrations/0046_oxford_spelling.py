"""One English indicator name in the spelling the rest of the site uses (Oxford: -ize,
with British colour, centre and catalogue): 'Volunteer organisations' beside 'Grassroots
Party organizations' (a new-user pass saw the mix). Renamed as ``fixtures/indicators.json``
now writes it, unless an editor changed the row by hand (``edited_by_hand``)."""

from django.db import migrations

RENAMED = {"volunteer-organizations": ("Volunteer organisations", "Volunteer organizations")}


def _swap(apps, schema_editor, forward: bool) -> None:
    Indicator = apps.get_model("articles", "Indicator")
    db = schema_editor.connection.alias
    for slug, (old, new) in RENAMED.items():
        was, becomes = (old, new) if forward else (new, old)
        Indicator.objects.using(db).filter(slug=slug, name_en=was, edited_by_hand=False).update(
            name_en=becomes
        )


def rename(apps, schema_editor):
    _swap(apps, schema_editor, forward=True)


def restore(apps, schema_editor):
    _swap(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("articles", "0045_indicator_pinyin_key")]

    operations = [migrations.RunPython(rename, restore)]
