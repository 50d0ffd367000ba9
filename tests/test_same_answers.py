"""SQLite and PostgreSQL give the same answers (issue 12, point 5): the same 500 generated
query strings of ``/articles/?format=json`` list the same articles in the same order.

The 500 answers (titles in order, or the status of a refusal) are kept in
``tests/data/same_answers.json``. The suite runs on both databases in CI, and each run
compares its answers with that file, so a difference between the databases fails on one
of them. Regenerate it after a deliberate change to filters or ordering with::

    GOVREPORTS_WRITE_SAME_ANSWERS=1 DJANGO_DEBUG=0 python -m pytest tests/test_same_answers.py

(on SQLite), then run the test on PostgreSQL before committing it.
"""

import json
import os
import random
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import ArticleFactory, SourcePageFactory, json_of, region, topic

GOLDEN = Path(__file__).parent / "data" / "same_answers.json"
QUERIES = 500

WORDS = ["École", "ÉCOLE", "école", "Ärger", "ärger", "ÄRGER", "志愿", "服务", "養老", "a", "Z"]
DATES = [date(2024, 5, 1), date(2024, 5, 1), date(2023, 2, 1), None, date(2022, 1, 1), None]
REGIONS = ["510821", "510800", "510100", "110101", None]
TOPICS = ["volunteering", "education", "social-security", None]
PARAMETERS = {
    "q": ["école", "ÉCOLE", "École", "ärger", "ÄRGER", "志愿", "服务 志愿", "养老", "a", "z", ""],
    "o": ["", "published", "-published", "title", "-title", "region", "-region", "bogus"],
    "region": ["", "510000", "510800", "510821", "110101", "旺仓县"],
    "topic": ["", "volunteering", "education", "volunteer"],
    "kind": ["", "news", "feature", "poem"],
    "year": ["", "2024", "2023", "1800"],
    "published_after": ["", "2023-01-01", "2024-05-01", "2024-13-01"],
    "published_before": ["", "2024-05-01", "2022-12-31"],
}


def make_articles() -> None:
    """30 articles with ties on date, undated ones, mixed-case non-ASCII words, several
    regions, topics and kinds: what ordering and matching could disagree on."""
    rng = random.Random(2260)
    page = SourcePageFactory(publication__name="样例报")
    for i in range(30):
        words = rng.sample(WORDS, 3)
        adcode, slug = rng.choice(REGIONS), rng.choice(TOPICS)
        ArticleFactory(
            page=page,
            title=f"{i:02d} {words[0]}",
            body=f"{words[1]}，{words[2]}。服务群众。",
            published=rng.choice(DATES),
            region=region(adcode) if adcode else None,
            topic=topic(slug) if slug else None,
            kind=rng.choice(["news", "feature"]),
        )


def queries() -> list[str]:
    """``QUERIES`` distinct query strings of 1 to 4 filters (valid and invalid values)."""
    rng = random.Random(12)
    result: dict[str, None] = {}
    while len(result) < QUERIES:
        chosen = rng.sample(sorted(PARAMETERS), rng.randint(1, 4))
        params = {name: rng.choice(PARAMETERS[name]) for name in chosen}
        result[urlencode({**params, "format": "json"})] = None
    return list(result)


@pytest.mark.django_db
def test_the_same_500_queries_give_the_same_rows_in_the_same_order(client):
    make_articles()
    answers = {}
    for query in queries():
        response = client.get(f"{reverse('articles:list')}?{query}")
        if response.status_code == 200:
            answers[query] = [row["title"] for row in json_of(response)]
        else:
            answers[query] = response.status_code
    if os.environ.get("GOVREPORTS_WRITE_SAME_ANSWERS") == "1" and connection.vendor == "sqlite":
        GOLDEN.write_text(json.dumps(answers, ensure_ascii=False, indent=0) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert len(expected) == len(answers) == QUERIES
    different = [q for q in answers if answers[q] != expected.get(q)]
    assert different == [], f"{len(different)} answers differ on {connection.vendor}"
    # the answers are not trivial: refusals, empty and full results all occur
    assert {type(a) for a in expected.values()} == {list, int}
    assert max(len(a) for a in expected.values() if isinstance(a, list)) == 30
