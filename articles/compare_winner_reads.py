"""Compare's reads of each region's winning value (issue 9.3): the kept winners
(``kept_tuples``: one query of ``CompareWinner`` with the regions' names and the
publications joined), a filtered view's winners ranked at read time
(``_ranked_winners``), both as dicts (``compare_values``) or as winner tuples
(``_winner_tuples``, ``compare_build.WINNER_COLUMNS``), and the texts of given metrics
(``_evidence_texts``). ``compare_reads`` builds the page's rows from them.

Split out of ``articles/compare_reads.py`` (which still re-exports these names).
"""

from __future__ import annotations

import json
from datetime import date

from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.db.models.lookups import Exact

from .compare_build import WINNER_COLUMNS, Converters, raw_row_values, winner_tuple
from .compare_result import POPULATION_YEAR, RATIO_FACTOR, RATIO_VALUE_LIMIT
from .compare_winners import NARROW_FIELDS, ranked_winners
from .models import (
    Article,
    CompareWinner,
    Indicator,
    Metric,
    PartRole,
    Region,
    adcode_prefix,
    latest_first,
)
from .search import id_filter

#: Keys of the dicts ``compare_values`` returns (beside ``previous_value``, ``period``,
#: ``earlier``): the export vocabulary's sources, read without a model instance per row.
COMPARE_FIELDS = (
    "region_id",
    "region__adcode",
    "region__name",
    "region__level",
    "region__parent__name",
    "region__parent__parent__name",
    "region__name_en",
    "region__parent__name_en",
    "region__parent__parent__name_en",
    "value",
    "value_max",
    "unit",
    "bound",
    "approx",
    "article_id",
    "article__title",
    "article__published",
    "evidence_text",
    "sentence_text",
    "article_values",
    "part_role",
    "id",
    "status",
    "parts_sum",
    "parts_count",
    "parts_approx",
)


def compare_values(
    *,
    indicator: Indicator,
    within: str | None = None,
    topic: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    verified: bool = False,
    evidence: bool = True,
) -> list[dict]:
    """The winning metric of ``indicator`` per region (any level; inside ``within``) by
    ``models.latest_first``, as ``COMPARE_FIELDS`` dicts plus ``previous_value``,
    ``period``, ``publication`` (its article's publication name, None without one) and
    ``earlier`` (the region's previous dated value: a dict ``value``, ``published``,
    ``period``; or None), in no particular order; ``article__title`` is None when not
    read (without ``evidence``).

    The default view (no topic, no dates, not ``verified``): one query reads the rows
    kept at write time (``compare_winners``: ``CompareWinner``, one per region) with the
    regions' names and the articles' publications joined (``kept_winners``). A filtered
    view ranks at read time, two queries: the narrow rows of every observed metric of
    the indicator under the filters (``compare_winners.NARROW_FIELDS``, from the covering
    index ``metric_observed_ranked``; the publication by the article's primary key for
    each region's first row only), ranked by ``latest_first`` within each region in SQL
    and taken by ``compare_winners.ranked_winners`` in one pass (each region's winner,
    ``article_values``, ``parts_*``, and its earlier value: the newest metric in the same
    unit from an article published strictly before the winner's, not a part, under the
    same filters); then the gazetteer's names (``_add_names``). No model instances (issue
    9: 3,000 counties of 1,000,000 metrics). With ``evidence`` (exports) one more query
    reads every winner's article title and the texts cut from its article's body;
    without, they are left empty (``add_evidence`` reads them for the rows a page shows:
    cutting 3,000 bodies cost more than the rest).
    """
    if not (topic or published_after or published_before or verified):
        winners = kept_winners(indicator.pk, within)  # names and publications joined
    else:
        winners = _ranked_winners(
            indicator, within, topic, published_after, published_before, verified
        )
        _add_names(winners)
    if not winners:
        return []
    if evidence:
        texts = _evidence_texts([m["id"] for m in winners])
        for m in winners:
            m["article__title"], m["evidence_text"], m["sentence_text"] = texts[m["id"]]
    return winners


#: The article title and the texts ``MetricQuerySet.with_evidence`` cuts from the body
#: (its SQL, written once: the ORM compiled it anew for every page) of the metrics
#: ``{ids}`` (``_IDS``: one parameter, a list of any length).
_TEXTS = (
    "SELECT m.id, a.title, "
    "{substr}(a.body, m.evidence_start + 1, m.evidence_end - m.evidence_start), "
    "{substr}(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start) "
    "FROM articles_metric m JOIN articles_article a ON a.id = m.article_id "
    "WHERE m.id IN ({ids})"
)
_IDS = {"postgresql": "SELECT unnest(%s::bigint[])", "sqlite": "SELECT value FROM json_each(%s)"}
_SUBSTR = {"postgresql": "SUBSTRING", "sqlite": "SUBSTR"}


def _evidence_texts(ids: list[int]) -> dict[int, tuple]:
    """``{metric id: (article title, evidence_text, sentence_text)}`` of ``ids``, one
    query (the texts are cut from each article's body in SQL, as ``with_evidence`` does;
    ``search.id_filter``'s one parameter for the ids)."""
    vendor = connection.vendor
    if vendor not in _IDS:  # another database: through the ORM
        return {
            pk: (title, evidence_text, sentence_text)
            for pk, title, evidence_text, sentence_text in Metric.objects.filter(
                pk__in=id_filter(ids)
            )
            .order_by()
            .with_evidence()
            .values_list("pk", "article__title", "evidence_text", "sentence_text")
        }
    sql = _TEXTS.format(substr=_SUBSTR[vendor], ids=_IDS[vendor])
    param = list(ids) if vendor == "postgresql" else json.dumps(list(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        return {pk: (title, evidence, sentence) for pk, title, evidence, sentence in cursor}


#: The compare filters ``CompareWinner`` does not answer (the names of
#: ``CompareFilter.compare_args``): with any of them set a view ranks the indicator's
#: metrics when it is read (``_ranked_winners``), and the empty page names them
#: (``views.charts.empty_cause``).
RANKING_FILTERS = ("topic", "published_after", "published_before", "verified")


def ranks_at_read(filters: dict) -> bool:
    """True when ``filters`` (``compare_args`` or the form's cleaned data) sets one of
    ``RANKING_FILTERS``."""
    return any(filters.get(name) for name in RANKING_FILTERS)


def _winner_tuples(
    indicator, within, topic, after, before, verified, english=True, by_value=False, per=None
) -> tuple:
    """``(winner tuples, Converters, order)`` of ``compare_values``'s winners without
    texts: the kept winners' raw read (typed by ``converters``; English names only when
    ``english``) in the default view, in compare's ratio order with a ``per`` (each
    tuple then ends with its residents, ``RESIDENTS``), in its value order with
    ``by_value``, else by adcode where that costs nothing (``kept_order`` says which:
    ``"ratio"``, ``"value"``, ``"adcode"`` or None); else the ranked dicts of a filtered
    view as typed tuples (``order`` None: in no order, no residents). Same queries as
    ``compare_values`` without ``evidence``."""
    filters = {"topic": topic, "published_after": after, "published_before": before}
    if not ranks_at_read({**filters, "verified": verified}):
        convert = converters(connection)
        kept = kept_tuples(
            indicator.pk,
            within,
            english=english,
            by_value=by_value,
            per=per,
            scale=convert.scale,
        )
        return kept, convert, kept_order(connection.vendor, by_value, per)
    winners = _ranked_winners(indicator, within, topic, after, before, verified)
    _add_names(winners)
    return [winner_tuple(m) for m in winners], Converters.typed(), None


def _ranked_winners(indicator, within, topic, after, before, verified) -> list[dict]:
    """``ranked_winners`` of the indicator's observed metrics under the filters (a
    filtered compare view), each with its article's ``publication``; one query."""
    ranked = (
        Metric.objects.filter(indicator=indicator, region__isnull=False)
        .observed(verified)
        .in_topic(topic)
        .published_between(after, before)
    )
    if within:
        ranked = ranked.filter(region__in=Region.objects.descendants_of(within).values("pk"))
    narrow = (
        ranked.annotate(publication=_publication_of_first())
        .order_by("region_id", *latest_first())
        .values_list(*NARROW_FIELDS)
    )
    return ranked_winners(narrow)


#: The kept winners of one indicator with their regions' names (the region, its parent
#: and grandparent) and their articles' publication (by the kept ``publication_id``: the
#: join through 2,700 articles to their pages was half the read's time), as winner tuples
#: (``compare_build.WINNER_COLUMNS``). ``{published}``/``{earlier}``: the date columns,
#: ``{r_en}``/``{p_en}``/``{g_en}`` the English names (``_kept_sql``).
_KEPT = (
    "SELECT w.region_id, w.adcode, w.region_name, {r_en}, w.level, w.parent_name, {p_en}, "
    "w.grandparent_name, {g_en}, w.metric_id, w.article_id, {published}, w.value{n}, "
    "w.value_max{n}, w.unit, w.bound, w.approx, w.part_role, w.period, w.status, "
    "w.previous_value{n}, w.article_values, w.parts_sum{n}, w.parts_count, w.parts_approx, "
    "w.earlier_value{n}, {earlier}, w.earlier_period, pub.name{people} "
    "FROM articles_comparewinner w "
    "LEFT JOIN articles_publication pub ON pub.id = w.publication_id{census} "
    "WHERE w.indicator_id = %s"
)
#: The census row of each kept winner's region (``%s``: ``POPULATION_YEAR``), and its
#: residents read after the winner tuple's columns (``RESIDENTS``).
_CENSUS_JOIN = (
    " LEFT JOIN articles_population census ON census.region_id = w.region_id AND census.year = %s"
)
#: Position of the residents ``kept_tuples`` reads with a ``per``: after the winner
#: tuple's columns (``compare_build.WINNER_COLUMNS``); None without a census row.
RESIDENTS = len(WINNER_COLUMNS)


def _kept_sql(vendor: str, english: bool = True, census: bool = False) -> str:
    """``_KEPT`` for a database vendor. On SQLite the dates are read as text (``CAST``):
    a column declared ``date`` goes through Django's converter (a regular expression per
    value, 6,000 a county compare), ``Converters.sqlite`` parses ISO text in C. Without
    ``english`` the English names are NULL: a Chinese page reads none of them, and
    8,000 strings fewer are 7% of the read on SQLite. On PostgreSQL the five decimal
    columns are read as text (``{n}``): the driver made a Decimal of each of 13,000
    values, the page needs those of the rows it builds and the values it sorts by
    (``Converters.text``). With ``census``, each row's census residents follow its
    columns (``RESIDENTS``: one parameter more, ``POPULATION_YEAR``, before the
    indicator's)."""
    sqlite = vendor == "sqlite"
    return _KEPT.format(
        people=", census.residents" if census else "",
        census=_CENSUS_JOIN if census else "",
        n="::text" if vendor == "postgresql" else "",
        published="CAST(w.published AS TEXT)" if sqlite else "w.published",
        earlier="CAST(w.earlier_published AS TEXT)" if sqlite else "w.earlier_published",
        **{
            key: column if english else "NULL"
            for key, column in (
                ("r_en", "w.region_name_en"),
                ("p_en", "w.parent_name_en"),
                ("g_en", "w.grandparent_name_en"),
            )
        },
    )


def converters(connection) -> Converters:
    """How the raw columns of ``kept_tuples`` become typed values on this connection:
    SQLite returns decimals as int/float and (``_kept_sql``) dates as text; PostgreSQL's
    driver returns dates typed and (``_kept_sql``) decimals as their text, with no more
    decimals than the columns' scale."""
    if connection.vendor == "postgresql":
        columns = ("value", "value_max", "previous_value", "parts_sum", "earlier_value")
        fields = map(CompareWinner._meta.get_field, columns)
        return Converters.text(max(f.decimal_places for f in fields))
    if connection.vendor != "sqlite":
        return Converters.typed()
    field = CompareWinner._meta.get_field("value")
    return Converters.sqlite(field.decimal_places, field.context)


#: A kept winner's row value (``compare_build.row_values``): the parts' sum when it stands
#: for two or more parts, else its own value (``%s``: ``PartRole.PART``).
_ROW_VALUE = "CASE WHEN w.part_role = %s AND w.parts_count >= 2 THEN w.parts_sum ELSE w.value END"


def kept_order(vendor: str, by_value: bool, per: str | None = None) -> str | None:
    """The order ``kept_tuples`` reads in on a database ``vendor``: ``"ratio"`` with a
    ``per``; ``"value"`` with ``by_value``; else ``"adcode"`` on SQLite, where the index
    ``comparewinner_adcode`` gives it for nothing (sorting 2,700 tuples again in Python
    cost 0.45 ms); else None: PostgreSQL sorted the wide rows after the publication's
    join, 2-5 ms for 2,700."""
    if per:
        return "ratio"
    if by_value:
        return "value"
    return "adcode" if vendor == "sqlite" else None


#: The key of the rows ``_ratio_order_sql`` puts first (beyond every ratio's key, which
#: the bound keeps under 4e14), and minus it of those it puts last.
_FIRST_KEY = 2**62


def _ratio_order_sql(vendor: str, per: str, scale: int) -> tuple[str, list]:
    """``(ORDER BY clause, its parameters)`` of ``kept_tuples``'s ratio order, by one
    64-bit integer key and the adcode: first every row whose value the key cannot hold
    (NULL, or ``RATIO_VALUE_LIMIT`` or more once scaled: ``out_of_ratio_range`` reads it off
    the first row), then the rows with a census row by the key of
    ``compare_result.ratio_order`` (the ratio as ``per_resident_ratio`` rounds it, in
    tenths or hundredths, half away from zero) largest first, ties by adcode, then those
    without one by adcode. The key is integer arithmetic on the value times
    ``10 ** scale`` (exact: PostgreSQL's numeric cast to bigint; SQLite's double, which
    stands for a decimal of at most ``scale`` places, rounded), which the bound keeps
    under 2**63. One integer key, not four keys or numerics: PostgreSQL sorted 2,700
    rows by those in 12 ms, by this in 1."""
    factor, value, unit = RATIO_FACTOR[per], _ROW_VALUE, 10**scale
    if vendor == "postgresql":
        scaled, adcode = f"(({value}) * {unit})::bigint", 'w.adcode COLLATE "C"'
        residents = "census.residents::bigint"  # an integer column: 4 bytes
    else:
        scaled, adcode = f"CAST(round(({value}) * {unit}.0) AS INTEGER)", "w.adcode"
        residents = "census.residents"
    divisor, half = f"(2 * {residents} * {unit})", f"{residents} * {unit}"
    bound = RATIO_VALUE_LIMIT // unit  # an integer: the bound's scaled values end in 0s
    key = (
        f"CASE WHEN {value} IS NULL OR abs({value}) >= {bound} THEN {_FIRST_KEY}"
        f" WHEN census.residents IS NULL THEN {-_FIRST_KEY}"
        f" WHEN {scaled} >= 0 THEN (2 * {scaled} * {factor} + {half}) / {divisor}"
        f" ELSE -((2 * (-{scaled}) * {factor} + {half}) / {divisor}) END"
    )
    clause = f" ORDER BY {key} DESC, {adcode}"
    return clause, [PartRole.PART] * clause.count("%s")


def out_of_ratio_range(kept: list[tuple], scale: int | None) -> bool:
    """True when ``kept_tuples`` read with a ``per`` (``kept``, raw) are not in compare's
    ratio order: the first row's value is NULL or beyond the keys' bound once scaled by
    ``10 ** scale`` (``_ratio_order_sql`` puts every such row first; as a float, which
    may take a value just under the bound for one on it: the order is then left to
    ``compare_result.ratio_order``, which is right either way). False for no rows."""
    if not kept:
        return False
    value = raw_row_values(kept[:1])[0]
    return value is None or scale is None or abs(float(value)) * 10**scale >= RATIO_VALUE_LIMIT


def kept_tuples(
    indicator_id: int,
    within: str | None = None,
    *,
    english: bool = True,
    by_value: bool = False,
    per: str | None = None,
    scale: int | None = None,
) -> list[tuple]:
    """The ``CompareWinner`` rows of ``indicator_id`` (inside the region ``within``, an
    adcode: the region and every division below it) as raw winner tuples
    (``compare_build.WINNER_COLUMNS``; ``converters`` types them) with the regions' names
    (the row's own copy of them, ``CompareWinner.adcode`` …) and the articles'
    publication; one query, no model instances. Without ``english``
    the English names are None (``_kept_sql``).

    In the order ``kept_order`` names: with ``by_value``, compare's value order: the row
    value (``_ROW_VALUE``) largest first, equal values by adcode. The database sorts the
    numbers as stored, exactly as ``compare_build.value_order`` sorts their Decimals
    (PostgreSQL's ``numeric``; SQLite's numbers are the doubles nearest the stored
    Decimals, which keep their order for up to 15 significant digits): sorting 2,700
    rows by adcode and again by value cost 2-2.5 ms of a county compare in Python.
    Adcodes are compared bytewise (``COLLATE "C"`` on PostgreSQL), as Python does.

    With ``per`` (``compare_result.Per``, not the total) each tuple ends with its
    region's census residents of ``POPULATION_YEAR`` (``RESIDENTS``; None without a
    census row) and the rows come in compare's ratio order (``_ratio_order_sql``):
    exactly ``compare_result.ratio_order``'s of rows read by adcode, unless the first
    row is ``out_of_ratio_range``, when the order is none that compare uses. ``scale``:
    the most decimals a value has (``Converters.scale``; the columns' when None)."""
    vendor = connection.vendor
    sql, params = _kept_sql(vendor, english, census=bool(per)), [indicator_id]
    if per:
        params.insert(0, POPULATION_YEAR)
    if within:
        prefix = adcode_prefix(within)
        sql += " AND w.adcode BETWEEN %s AND %s"
        params += [prefix.ljust(6, "0"), prefix.ljust(6, "9")]
    order = kept_order(vendor, by_value, per)
    if order == "ratio":
        if scale is None:
            scale = CompareWinner._meta.get_field("value").decimal_places
        clause, more = _ratio_order_sql(vendor, per, scale)
        sql += clause
        params += more
    elif order == "value":
        adcode = 'w.adcode COLLATE "C"' if vendor == "postgresql" else "w.adcode"
        sql += f" ORDER BY {_ROW_VALUE} DESC, {adcode}"
        params.append(PartRole.PART)
    elif order == "adcode":
        sql += " ORDER BY w.adcode"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kept_winners(indicator_id: int, within: str | None = None) -> list[dict]:
    """``kept_tuples`` as ``compare_values`` dicts (typed; ``earlier`` a dict or None;
    ``article__title`` None and no evidence texts)."""
    convert = converters(connection)
    dec, day = convert.decimal, convert.day
    winners = []
    for row in kept_tuples(indicator_id, within):
        m = dict(zip(WINNER_COLUMNS, row, strict=True))
        for key in ("value", "value_max", "previous_value", "parts_sum"):
            m[key] = dec(m[key])
        m["article__published"] = day(m["article__published"])
        m["approx"] = bool(m["approx"])
        value, published = m.pop("earlier_value"), m.pop("earlier_published")
        period = m.pop("earlier_period")
        m["earlier"] = (
            None
            if value is None
            else {"value": dec(value), "published": day(published), "period": period}
        )
        m.update({"article__title": None, "evidence_text": "", "sentence_text": ""})
        winners.append(m)
    return winners


def _publication_of_first():
    """The name of the article's publication on each region's first row by
    ``latest_first`` (its winner), NULL on the others: the article, its page and its
    publication are read for the 2,700 winners only, not for each of the 6,700 ranked
    rows (PostgreSQL: CASE evaluates the subquery only when the row is first)."""
    first = Window(RowNumber(), partition_by=F("region_id"), order_by=latest_first())
    name = (
        Article.objects.filter(pk=OuterRef("article_id"))
        .order_by()
        .values("page__publication__name")
    )
    return Case(When(Exact(first, 1), then=Subquery(name[:1])), default=None)


def _add_names(winners: list[dict]) -> None:
    """Set each winner's region columns (``region__adcode`` … ``region__parent__parent__
    name_en``) from one read of the gazetteer (a few thousand rows whatever the data size;
    joining them to every ranked row cost more)."""
    regions = {
        pk: row
        for pk, *row in Region.objects.order_by().values_list(
            "pk", "adcode", "name", "name_en", "level", "parent_id"
        )
    }
    none = (None, None, None, None, None)
    for m in winners:
        adcode, name, name_en, level, up = regions[m["region_id"]]
        parent = regions.get(up, none)
        grand = regions.get(parent[4], none)
        m["region__adcode"], m["region__name"], m["region__name_en"] = adcode, name, name_en
        m["region__level"] = level
        m["region__parent__name"], m["region__parent__name_en"] = parent[1], parent[2]
        m["region__parent__parent__name"] = grand[1]
        m["region__parent__parent__name_en"] = grand[2]
