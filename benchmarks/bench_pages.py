"""Time the dashboard's pages on a database filled to scale (DESIGN.md: 100,000 articles,
1,000,000 metrics; default here 20,000 articles x 10 metrics, ``--articles`` to change).

Run by hand, never in CI::

    DJANGO_DEBUG=1 python benchmarks/bench_pages.py                    # SQLite file benchmarks/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govreports_bench \\
        DJANGO_DEBUG=1 python benchmarks/bench_pages.py --articles 100000

The database named by DATABASE_URL (or the SQLite file) is migrated and filled once; later
runs reuse it when it already holds the requested number of articles. Prints, per page,
the median and worst of ``--repeat`` requests through Django's test client (no network),
in milliseconds, and the number of SQL queries.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}")

BODY = (
    "截至目前，全县实名注册志愿者总数{v}人，占常住人口的{p}%。今年以来组织开展志愿服务活动{a}余场次，"
    "城乡居民基础养老金调整至每人每月{m}元。群众可拨打12345政务服务便民热线反映问题。"
)
INDICATORS = [
    ("registered-volunteers", "人"),
    ("registered-volunteers-share", "%"),
    ("volunteer-activities", "场次"),
    ("resident-basic-pension-monthly", "元/人/月"),
]


def fill(n_articles: int, metrics_per_article: int) -> None:
    """Create ``n_articles`` synthetic articles over random counties, in bulk."""
    from django.db import transaction

    from articles.models import Article, Indicator, Metric, Publication, Region, SourcePage, Topic

    rng = random.Random(2260)
    counties = list(Region.objects.filter(level="county").values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    indicators = {i.slug: i.pk for i in Indicator.objects.all()}
    start = date(2020, 1, 1)
    with transaction.atomic():
        page = SourcePage.objects.create(
            sha256="bench" + "0" * 59,
            raw_text="bench",
            publication=Publication.objects.get_or_create(name="基准报")[0],
        )
        batch = 2000
        for offset in range(0, n_articles, batch):
            articles = []
            for i in range(offset, min(offset + batch, n_articles)):
                values = {
                    "v": rng.randint(1000, 90000),
                    "p": rng.randint(1, 30),
                    "a": rng.randint(10, 2000),
                    "m": rng.randint(150, 400),
                }
                articles.append(
                    Article(
                        page=page,
                        position=i,
                        kind="news",
                        title=f"基准文章{i} 志愿服务",
                        body=BODY.format(**values),
                        region_id=rng.choice(counties),
                        topic_id=rng.choice(topics),
                        published=start + timedelta(days=rng.randint(0, 1800)),
                    )
                )
            Article.objects.bulk_create(articles)
            metrics = []
            for article in articles:
                for k in range(metrics_per_article):
                    slug, unit = INDICATORS[k % len(INDICATORS)]
                    metrics.append(
                        Metric(
                            article=article,
                            position=k,
                            region_id=article.region_id,
                            indicator_id=indicators[slug],
                            label=slug,
                            unit=unit,
                            value=Decimal(rng.randint(1, 90000)),
                            evidence_start=0,
                            evidence_end=10,
                            sentence_start=0,
                            sentence_end=30,
                        )
                    )
            Metric.objects.bulk_create(metrics, batch_size=5000)
            print(f"  filled {min(offset + batch, n_articles)}/{n_articles} articles", end="\r")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--metrics-per-article", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    print(
        f"database: {settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}"
    )
    call_command("migrate", verbosity=0)
    if Article.objects.count() != args.articles:
        print("filling (once)...")
        Article.objects.all().delete()
        from articles.models import SourcePage

        SourcePage.objects.all().delete()
        t0 = time.perf_counter()
        fill(args.articles, args.metrics_per_article)
        print(f"filled in {time.perf_counter() - t0:.0f} s")
    from articles.models import Metric

    print(f"{Article.objects.count()} articles, {Metric.objects.count()} metrics")
    some = Article.objects.order_by("pk")[Article.objects.count() // 2]
    county = some.region
    pages = {
        "overview /": "/",
        "list /articles/": "/articles/",
        "list, province filter": "/articles/?region=510000",
        "list, county + topic": f"/articles/?region={county.adcode}&topic={some.topic.slug}",
        "list, text search": "/articles/?q=志愿服务",
        "list, page 200": "/articles/?page=200",
        "list CSV export, province": "/articles/?region=510000&format=csv",
        "article detail": some.get_absolute_url(),
        "region page (province)": "/regions/510000/",
        "region page (county)": county.get_absolute_url(),
        "compare, county level": "/compare/?indicator=registered-volunteers&level=county",
        "compare, per 1,000": "/compare/?indicator=registered-volunteers&level=county&per=per_1000",
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", HTTP_HOST="127.0.0.1")
    print(f"{'page':32} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    with override_settings(DEBUG=True):  # count queries
        for name, url in pages.items():
            times, queries = [], 0
            for _ in range(args.repeat):
                reset_queries()
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                queries = len(connection.queries)
                assert response.status_code == 200, (url, response.status_code)
            print(f"{name:32} {statistics.median(times):10.1f} {max(times):8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
