"""Load the reference data (regions, topics, indicators) from ``fixtures/`` into the database.

Used by the data migration (so ``migrate`` on an empty database leaves it ready to
ingest) and by ``manage.py load_reference_data`` after a fixture changes. Rows are matched
by natural key (adcode, slug) and upserted; rows the fixtures no longer list are kept, since
articles and metrics may point at them.

Fixture files are Django fixtures with natural keys: ``fixtures/regions.json`` (built by
``manage.py build_regions``), ``fixtures/topics.json`` and ``fixtures/indicators.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .names import english_region_name, pinyin_key

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def read_fixture(name: str, fixtures_dir: Path = FIXTURES_DIR) -> list[dict]:
    """The ``fields`` dicts of a fixture file, in file order. Raises FileNotFoundError."""
    with open(fixtures_dir / name, encoding="utf-8") as f:
        return [entry["fields"] for entry in json.load(f)]


def _upsert(
    model, key: str, rows: list[dict], using: str, kept: list[str] | None = None
) -> dict[str, object]:
    """Create or update ``rows`` of ``model`` by natural ``key``; returns {key: instance}.

    Fields the (possibly historical, in a migration) model does not have are ignored. A
    row whose instance has ``edited_by_hand`` set (an admin edit) is left as it is and its
    key appended to ``kept``: the fixture never silently overwrites an admin's edit.
    """
    names = {f.attname for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.concrete_fields
    }
    rows = [{f: v for f, v in row.items() if f in names} for row in rows]
    existing = {getattr(obj, key): obj for obj in model.objects.using(using).all()}
    to_create, to_update, fields = [], [], set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is not None and getattr(obj, "edited_by_hand", False):
            if kept is not None and any(getattr(obj, f) != v for f, v in row.items()):
                kept.append(row[key])
            continue
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            existing[row[key]] = obj
            continue
        changed = [f for f, v in row.items() if getattr(obj, f) != v]
        if changed:
            for f in changed:
                setattr(obj, f, row[f])
            fields.update(changed)
            to_update.append(obj)
    model.objects.using(using).bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.using(using).bulk_update(to_update, sorted(fields), batch_size=500)
    return existing


def _store_parents(model, regions: list, using: str, batch_size: int = 500) -> None:
    """Write the ``parent_id`` of each of ``regions`` (instances of the possibly historical
    Region ``model``): what ``bulk_update(regions, ["parent"])`` writes, as one plain
    ``UPDATE ... SET parent_id = CASE id WHEN ... END`` per ``batch_size`` rows. Building
    the same statement as ORM expressions cost ~0.5 s of CPU for the ~3,400 regions of a
    freshly flushed database (every transactional and browser test loads them again)."""
    from django.db import connections

    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    parent = quote(model._meta.get_field("parent").column)
    with connection.cursor() as cursor:
        for start in range(0, len(regions), batch_size):
            batch = regions[start : start + batch_size]
            cases = " ".join(["WHEN %s THEN %s"] * len(batch))
            marks = ", ".join(["%s"] * len(batch))
            params = [value for r in batch for value in (r.pk, r.parent_id)]
            cursor.execute(
                f"UPDATE {table} SET {parent} = CASE {pk} {cases} END WHERE {pk} IN ({marks})",
                [*params, *(r.pk for r in batch)],
            )


def sync_reference_data(
    apps=None, using: str = "default", fixtures_dir: Path = FIXTURES_DIR
) -> dict:
    """Upsert regions, topics and indicators; returns counts ``{"regions": n, ...}`` and
    ``"kept"``: the slugs of topics and indicators edited in the admin (``edited_by_hand``)
    whose fixture rows differ and were therefore not applied.

    ``apps`` is the migration app registry (historical models) or None for the live ones.
    Region parents are set in a second pass, so file order does not matter.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Region = apps.get_model("articles", "Region")
    Topic = apps.get_model("articles", "Topic")
    Indicator = apps.get_model("articles", "Indicator")

    region_rows = [
        {**r, "name_en": english_region_name(r["name"], r["short_name"], r["level"])}
        for r in read_fixture("regions.json", fixtures_dir)
    ]
    parents = {r["adcode"]: (r["parent"] or [None])[0] for r in region_rows}
    regions = _upsert(
        Region,
        "adcode",
        [{k: v for k, v in r.items() if k != "parent"} for r in region_rows],
        using,
    )
    relinked = []
    for adcode, parent_code in parents.items():
        region = regions[adcode]
        parent_id = regions[parent_code].pk if parent_code else None
        if region.parent_id != parent_id:
            region.parent_id = parent_id
            relinked.append(region)
    _store_parents(Region, relinked, using)

    kept: list[str] = []
    topic_rows = read_fixture("topics.json", fixtures_dir)
    topics = _upsert(Topic, "slug", topic_rows, using, kept)

    indicator_rows = []
    for row in read_fixture("indicators.json", fixtures_dir):
        row = dict(row)
        topic_key = row.pop("topic", None)
        row["topic_id"] = topics[topic_key[0]].pk if topic_key else None
        row["pinyin_key"] = pinyin_key(row["name_zh"])  # what ``Indicator.save`` keeps
        indicator_rows.append(row)
    _upsert(Indicator, "slug", indicator_rows, using, kept)

    populations = load_population(apps, using, fixtures_dir)
    return {
        "regions": len(region_rows),
        "topics": len(topic_rows),
        "indicators": len(indicator_rows),
        "populations": populations,
        "kept": kept,
    }


def load_population(apps, using: str = "default", fixtures_dir: Path = FIXTURES_DIR) -> int:
    """Write the 2020 census residents of each division the census table matches
    (``census.match_census``): a division without a row gets one; a row that still holds
    what an earlier load wrote (the census row of its own code, from this source) takes the
    matched figure (崇川区 gains 港闸区's residents); a row edited since is kept. Returns
    the number of matched divisions. ``apps`` as for ``load_reference_data``."""
    from .census import POPULATION_SOURCE, match_census, read_census

    Region = apps.get_model("articles", "Region")
    Population = apps.get_model("articles", "Population")
    rows = read_census(fixtures_dir)
    matched = match_census(rows, read_fixture("regions.json", fixtures_dir))
    own_code = {r.code: r.residents for r in rows}
    known = dict(Region.objects.using(using).values_list("adcode", "pk"))
    existing = {p.region_id: p for p in Population.objects.using(using).filter(year=2020)}
    adcodes = {pk: code for code, pk in known.items()}
    new, changed = [], []
    for code, residents in matched.residents.items():
        if code not in known:
            continue
        row = existing.get(known[code])
        if row is None:
            new.append(
                Population(
                    region_id=known[code],
                    year=2020,
                    residents=residents,
                    source=POPULATION_SOURCE,
                )
            )
        elif (
            row.residents != residents
            and row.source == POPULATION_SOURCE
            and row.residents == own_code.get(adcodes[row.region_id])
        ):
            row.residents = residents
            changed.append(row)
    Population.objects.using(using).bulk_create(new, batch_size=500)
    Population.objects.using(using).bulk_update(changed, ["residents"], batch_size=500)
    return len(matched.residents)
