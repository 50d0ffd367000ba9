"""What the migrations that re-derive ``Region.name_en`` share (0020, 0036, 0044, 0047).
The migration loader skips this module (its name starts with ``_``)."""


def rederive(apps, schema_editor, selected) -> None:
    """Write ``names.english_region_name`` anew into ``name_en`` of each region that
    ``selected(region)`` picks (a historical ``Region`` with ``name``, ``short_name``,
    ``level`` and ``name_en``), where it differs: one bulk update on the schema editor's
    database. The region triggers (migration 0042, once it has run) carry each new name
    to the compare winners and the search columns."""
    from articles.names import english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    changed = []
    for region in Region.objects.using(db).only("pk", "name", "short_name", "level", "name_en"):
        if not selected(region):
            continue
        name_en = english_region_name(region.name, region.short_name, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.using(db).bulk_update(changed, ["name_en"], batch_size=500)
