"""A synthetic corpus for measuring at scale (``manage.py generate_corpus``).

Articles are made by recombining the sentences of the sample page
(``fixtures/pages/000_ddfab8472888ccbf.txt``, hard-wrapped lines joined) with metric sentences in the
page's patterns (``全县实名注册志愿者达5.11万人。``, ``截至2023年底，…``, ``…超670人，…``),
for counties drawn from the whole gazetteer, over five years of dates, with about ten
metrics per article over every indicator of the catalogue (59), values varied by unit.
Metrics carry exact evidence and sentence offsets into the body, as the parser's would.

Everything lives under one publication name, ``synthetic`` (``SYNTHETIC``), never mixed
with real pages, and ``delete_corpus`` removes all of it. Rows are written with bulk
statements (COPY on PostgreSQL), the search index in step, and ANALYZE runs at the end.
Deterministic for a given ``seed``.
"""

from __future__ import annotations

import hashlib
import random
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from . import article_counts, compare_winners, search
from .aggregates import rebuild_coverage
from .cache import bump_data_version
from .models import Article, Indicator, Metric, Publication, Region, RegionLevel, SourcePage

SYNTHETIC = "synthetic"
SAMPLE_PAGE = Path(settings.BASE_DIR) / "fixtures" / "pages" / "000_ddfab8472888ccbf.txt"
ARTICLES_PER_PAGE = 10
METRICS_PER_ARTICLE = 10
FIRST_DAY = date(2020, 1, 1)
DAYS = 5 * 365
BATCH = 5000

TITLE_TAILS = [
    "扎实推进民生工作",
    "社会保障兜牢民生底线",
    "志愿服务走深走实",
    "精神文明建设工作综述",
    "乡村振兴见实效",
    "织密社会保险网",
    "低保提标惠民生",
    "养老服务提质增效",
]
VERBS = ["达", "达到", "共", "累计", "为"]


@dataclass(frozen=True)
class Built:
    """One generated article: its fields and metric rows (offsets into ``body``)."""

    title: str
    body: str
    region_id: int
    topic_id: int | None
    published: date
    metrics: list[tuple]


def filler_sentences(text: str) -> list[str]:
    """The sample page's sentences without digits (10–80 characters), lines joined."""
    joined = re.sub(r"(?<=[^\n])\n(?=[^\n])", "", text)
    sentences = re.findall(r"[^。！？\n]+[。！？]", joined)
    return [s.strip() for s in sentences if 10 <= len(s.strip()) <= 80 and not re.search(r"\d", s)]


def _value(rng: random.Random, unit: str) -> tuple[Decimal, str]:
    """A value for the unit and its text as a report writes it (digits or 万)."""
    if unit == "%":
        value = Decimal(rng.randint(10, 999)) / 10
        return value, f"{value}"
    if unit.startswith("元") and unit != "元":
        value = Decimal(rng.randint(100, 3000))
        return value, f"{value}"
    high = {"元": 10**9, "人": 300000, "人次": 500000}.get(unit, 5000)
    whole = rng.randint(10, high)
    if whole >= 10000 and rng.random() < 0.5:
        whole = whole // 100 * 100
        return Decimal(whole), wan_text(Decimal(whole))
    return Decimal(whole), str(whole)


def wan_text(value: Decimal) -> str:
    """``value`` in 万 as a report writes it: 1234500 -> '123.45万', 300000 -> '30万'
    (stripping the zeros of '30' wrote '3万', ten times too little, under a value of
    300,000: a new-user pass read it as an extraction error)."""
    return format((value / 10000).normalize(), "f") + "万"


def _metric_sentence(rng, place: str, indicator: Indicator, year: int):
    """``(sentence, evidence_start, evidence_end, value, bound)`` (offsets in sentence)."""
    phrase = rng.choice(indicator.phrases or [indicator.name_zh])
    value, text = _value(rng, indicator.unit)
    pattern = rng.randrange(4)
    bound = ""
    if pattern == 0:
        head = f"{place}{phrase}{rng.choice(VERBS)}"
    elif pattern == 1:
        head = f"截至{year}年底，全县{phrase}{rng.choice(VERBS)}"
    elif pattern == 2:
        head, bound = f"{phrase}超", "lower"
    else:
        head, bound = f"{place}{phrase}约", "about"
    evidence = f"{text}{indicator.unit}"
    tail = "，同比增长" + str(rng.randint(1, 30)) + "%。" if pattern == 2 else "。"
    sentence = head + evidence + tail
    start = len(head) - (1 if bound else 0)  # 超/约 is part of the evidence
    return sentence, start, len(head) + len(evidence), value, bound


def build_article(rng: random.Random, counties, indicators, fillers) -> Built:
    """One article: title, body of filler and metric sentences, metric rows."""
    region_id, name, short = rng.choice(counties)
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    chosen = rng.sample(indicators, METRICS_PER_ARTICLE)
    body, metrics = "", []
    for position, indicator in enumerate(chosen):
        for _ in range(rng.randint(0, 2)):
            body += rng.choice(fillers)
        sentence, start, end, value, bound = _metric_sentence(
            rng, short or name, indicator, published.year - 1
        )
        offset = len(body)
        body += sentence
        metrics.append(
            (
                position,
                region_id,
                indicator.pk,
                indicator.phrases[0] if indicator.phrases else "",
                value,
                indicator.unit,
                bool(bound),
                bound,
                offset + start,
                offset + end,
                offset,
                offset + len(sentence),
            )
        )
        if rng.random() < 0.3:
            body += "\n"
    title = f"{name}{rng.choice(TITLE_TAILS)}"
    topic_id = chosen[0].topic_id
    return Built(title, body, region_id, topic_id, published, metrics)


METRIC_COLUMNS = [
    "article_id",
    "position",
    "region_id",
    "indicator_id",
    "label",
    "value",
    "unit",
    "approx",
    "bound",
    "period",
    "evidence_start",
    "evidence_end",
    "sentence_start",
    "sentence_end",
    "target",
    "status",
    "extractor_version",
    "part_role",
    "published",
]


def _copy_or_insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _store(batch: list[Built], page_number: int, publication: Publication) -> int:
    """Write one batch: pages, articles (ids returned), metrics, search entries."""
    pages = []
    for i in range(0, len(batch), ARTICLES_PER_PAGE):
        n = page_number + i // ARTICLES_PER_PAGE
        digest = hashlib.sha256(f"{SYNTHETIC}:{n}".encode()).hexdigest()
        pages.append(
            SourcePage(
                publication=publication,
                issue_date=batch[i].published,
                page_label=f"第{n % 8 + 1}版",
                sha256=digest,
                raw_text="",
                filename=f"synthetic-{n}.txt",
            )
        )
    pages = SourcePage.objects.bulk_create(pages)
    ids = _article_rows(batch, [page.pk for page in pages])
    rows = [
        (
            pk,
            p,
            r,
            ind,
            label,
            value,
            unit,
            approx,
            bound,
            "",
            es,
            ee,
            ss,
            se,
            False,
            "extracted",
            SYNTHETIC,
            "",
            b.published,
        )
        for pk, b in zip(ids, batch, strict=True)
        for (p, r, ind, label, value, unit, approx, bound, es, ee, ss, se) in b.metrics
    ]
    _copy_or_insert(Metric._meta.db_table, METRIC_COLUMNS, rows)
    page_ids = [page.pk for page in pages]
    search.index_new_rows(
        (pk, "", b.title, "", b.body, b.region_id, b.topic_id, "news", b.published, page_id)
        for pk, b, page_id in zip(
            ids, batch, (page_ids[i // ARTICLES_PER_PAGE] for i in range(len(batch))), strict=True
        )
    )
    # raw inserts: recompute the touched article counts inside this batch's transaction
    article_counts.articles_added(
        [(b.region_id, b.topic_id) for b in batch], [page.pk for page in pages]
    )
    return len(pages)


ARTICLE_COLUMNS = [
    "id",
    "page_id",
    "position",
    "kind",
    "title",
    "title_prefix",
    "subtitle",
    "byline",
    "body",
    "published",
    "url",
    "region_id",
    "topic_id",
    "edited_by_hand",
    "body_sha256",
]


def _article_rows(batch: list[Built], page_ids: list[int]) -> list[int]:
    """Write the batch's articles; returns their ids in batch order. On PostgreSQL the
    ids are drawn from the table's sequence in one statement and the rows sent with COPY
    (no model instance per article); elsewhere ``bulk_create``."""
    if connection.vendor != "postgresql":
        created = Article.objects.bulk_create(
            Article(
                page_id=page_ids[i // ARTICLES_PER_PAGE],
                position=i % ARTICLES_PER_PAGE,
                title=b.title,
                body=b.body,
                region_id=b.region_id,
                topic_id=b.topic_id,
                published=b.published,
            )
            for i, b in enumerate(batch)
        )
        return [a.pk for a in created]
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(batch)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    rows = [
        (pk, page_ids[i // ARTICLES_PER_PAGE], i % ARTICLES_PER_PAGE, "news", b.title, "", "")
        + ("", b.body, b.published, "", b.region_id, b.topic_id, False, "")
        for i, (pk, b) in enumerate(zip(ids, batch, strict=True))
    ]
    _copy_or_insert(table, ARTICLE_COLUMNS, rows)
    return ids


@contextmanager
def _bulk_session():
    """On PostgreSQL, for the generator's own session: commits do not wait for the WAL
    flush (``synchronous_commit = off``: a crash loses at most the last batches of a
    corpus that can be generated again, never corrupts), and no ``statement_timeout``
    (the web's 5 s bound would cut ANALYZE); both restored after."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        (synchronous,) = cursor.fetchone()
        cursor.execute("SHOW statement_timeout")
        (timeout,) = cursor.fetchone()
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('synchronous_commit', %s, false)", [synchronous])
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [timeout])


def generate_corpus(*, articles: int, seed: int = 1, progress=None) -> int:
    """Add ``articles`` synthetic articles (about ten metrics each); returns how many.

    Raises ``ValueError`` when the gazetteer or the indicator catalogue is not loaded
    (run ``migrate``) or the catalogue has fewer indicators than ``METRICS_PER_ARTICLE``.
    """
    rng = random.Random(seed)
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY).values_list("pk", "name", "short_name")
    )
    indicators = [i for i in Indicator.objects.all() if i.unit]
    if not counties or len(indicators) < METRICS_PER_ARTICLE:
        raise ValueError("load the reference data first (manage.py migrate)")
    fillers = filler_sentences(SAMPLE_PAGE.read_text(encoding="utf-8"))
    publication, _ = Publication.objects.get_or_create(name=SYNTHETIC)
    first_page = SourcePage.objects.filter(publication=publication).count()
    done = 0
    with _bulk_session():
        while done < articles:
            size = min(BATCH, articles - done)
            batch = [build_article(rng, counties, indicators, fillers) for _ in range(size)]
            with transaction.atomic():
                first_page += _store(batch, first_page, publication)
            done += size
            if progress:
                progress(done)
        rebuild_coverage()
        compare_winners.rebuild()  # the batches wrote raw rows: rank every pair once
        analyze()
    bump_data_version()
    return done


def delete_corpus() -> int:
    """Remove every synthetic page, article, metric and search entry; returns articles."""
    count = Article.objects.filter(page__publication__name=SYNTHETIC).count()
    with transaction.atomic(), connection.cursor() as cursor:
        pages = (
            "SELECT id FROM articles_sourcepage WHERE publication_id IN "
            "(SELECT id FROM articles_publication WHERE name = %s)"
        )
        chosen = f"SELECT id FROM articles_article WHERE page_id IN ({pages})"
        metrics = f"SELECT id FROM articles_metric WHERE article_id IN ({chosen})"
        # reviews of synthetic metrics go with them (CASCADE, which raw SQL must do itself)
        cursor.execute(
            f"DELETE FROM articles_metricreview WHERE metric_id IN ({metrics})", [SYNTHETIC]
        )
        cursor.execute(f"DELETE FROM articles_metric WHERE article_id IN ({chosen})", [SYNTHETIC])
        cursor.execute(
            f"DELETE FROM articles_article_regions_mentioned WHERE article_id IN ({chosen})",
            [SYNTHETIC],
        )
        key = "article_id" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(f"DELETE FROM articles_search WHERE {key} IN ({chosen})", [SYNTHETIC])
        cursor.execute(f"DELETE FROM articles_article WHERE page_id IN ({pages})", [SYNTHETIC])
        cursor.execute(f"DELETE FROM articles_sourcepage WHERE id IN ({pages})", [SYNTHETIC])
        cursor.execute(
            f"DELETE FROM {article_counts.PUBLICATIONS} WHERE publication_id IN "
            "(SELECT id FROM articles_publication WHERE name = %s)",
            [SYNTHETIC],
        )
        cursor.execute("DELETE FROM articles_publication WHERE name = %s", [SYNTHETIC])
        article_counts.rebuild()  # raw deletes: recount inside the same transaction
        compare_winners.rebuild()
    rebuild_coverage()
    analyze()
    bump_data_version()
    return count


def analyze() -> None:
    """Refresh the planner's statistics (PostgreSQL chose 6x slower plans without); on
    PostgreSQL also VACUUM, so the visibility map lets counts use index-only scans."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.get_autocommit():
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
