"""The management commands as a user runs them: ingest, export_articles, evaluate."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, SourcePage

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_page.txt"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_ingest_then_reingest_says_nothing_changed():
    first = run("ingest", str(SEED), "--publication", "样例报", "--date", "2024-01-16")
    assert "created: 8 articles" in first
    second = run("ingest", str(SEED), "--publication", "样例报", "--date", "2024-01-16")
    assert "unchanged: 8 articles (0 new, 0 updated, 8 unchanged)" in second
    assert SourcePage.objects.count() == 1


def test_dry_run_json_prints_the_export_schema_and_writes_nothing():
    out = run("ingest", str(SEED), "--dry-run", "--format", "json", "--date", "2024-01-16")
    items = json.loads(out)
    assert len(items) == 8
    assert Article.objects.count() == 0
    wangcang = next(i for i in items if i["region"] and i["region"]["adcode"] == "510821")
    assert wangcang["region"] == {"adcode": "510821", "name": "旺苍县", "level": "county"}
    assert wangcang["published"] == "2024-01-16"
    volunteers = next(m for m in wangcang["metrics"] if m["indicator"] == "registered-volunteers")
    assert volunteers["value"] == "51104"
    assert volunteers["unit"] == "人" and volunteers["approx"] is False
    assert volunteers["evidence"] in wangcang["body"]


def test_dry_run_and_export_give_the_same_keys():
    dry = json.loads(run("ingest", str(SEED), "--dry-run", "--format", "json"))
    run("ingest", str(SEED))
    exported = json.loads(run("export_articles", "--format", "json"))
    assert len(exported) == len(dry) == 8
    assert set(exported[0]) == set(dry[0])
    assert set(exported[0]["metrics"][0]) == set(dry[0]["metrics"][0])
    assert [e["body"] for e in exported] == [d["body"] for d in dry]
    assert [[m["value"] for m in e["metrics"]] for e in exported] == [
        [m["value"] for m in d["metrics"]] for d in dry
    ]


def test_export_csv_has_one_row_per_metric():
    run("ingest", str(SEED))
    out = run("export_articles", "--format", "csv")
    import csv
    import io

    assert out.startswith("\ufeffarticle_id,")  # the header right after the BOM
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    from articles.models import Metric

    with_metrics = Metric.objects.values("article").distinct().count()
    assert len(rows) == Metric.objects.count() + (Article.objects.count() - with_metrics)
    assert {r["region_adcode"] for r in rows} >= {"510821", "632801"}


def test_a_gb18030_page_is_decoded(tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes("四川旺苍县今年发放城乡居民养老金1.2亿元。".encode("gb18030"))
    run("ingest", str(page))
    article = Article.objects.get()
    assert article.region.adcode == "510821"
    assert "养老金" in article.body


def test_a_binary_file_is_refused_with_an_encoding_error(tmp_path):
    page = tmp_path / "bad.txt"
    page.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(
        CommandError,
        match=r"neither UTF-8 nor GB18030 text: UTF-8 breaks at byte offset 128 \(0x80\), "
        r"GB18030 at byte offset 128 \(0x80\)$",
    ):
        run("ingest", str(page))
    assert SourcePage.objects.count() == 0


def test_a_missing_file_and_a_bad_date_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("ingest", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("ingest", str(SEED), "--date", "16/01/2024")
    with pytest.raises(CommandError, match="calendar date"):
        run("ingest", str(SEED), "--date", "2024-02-30")
    # a year the site's year filter refuses would be a facet linking to a 400
    with pytest.raises(CommandError, match="from 1949 to 2100, got '1800-01-01'"):
        run("ingest", str(SEED), "--date", "1800-01-01")
    assert SourcePage.objects.count() == 0


@pytest.mark.django_db
def test_the_year_facet_lists_only_years_its_filter_accepts(client):
    from datetime import date

    from tests.factories import ArticleFactory

    ArticleFactory(published=date(1800, 1, 1))  # stored before ingest checked dates
    ArticleFactory(published=date(2024, 1, 16))
    facets = client.get("/articles/").context["facets"]
    years = next(f for f in facets if f.name == "year")
    assert [item.label for item in years.items] == ["2024"]


def test_evaluate_prints_recall_precision_and_accuracies(tmp_path):
    gold = tmp_path / "gold.json"
    shutil.copy(DATA / "seed_gold.json", gold)
    out = run("evaluate", str(gold), str(SEED), "--format", "json")
    result = json.loads(out)
    assert result["items"]["right"] == 8
    assert result["metrics"]["gold"] == 46
    assert result["metrics"]["found"] >= 40
    assert result["must_not_extract_violations"] == []
    text = run("evaluate", str(gold), str(SEED))
    assert "recall" in text and "precision" in text
    assert Article.objects.count() == 0


def test_evaluate_refuses_a_file_that_is_not_a_gold_file(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(CommandError, match="not a gold file"):
        run("evaluate", str(bad), str(SEED))
    with pytest.raises(CommandError, match="seed_page.txt: not a JSON gold file"):
        run("evaluate", str(SEED), str(bad))  # the two paths swapped


def test_ingest_with_json_output_prints_the_stored_articles_with_their_ids():
    items = json.loads(run("ingest", str(SEED), "--format", "json", "--publication", "样例报"))
    assert len(items) == 8
    stored = {a.pk: a for a in Article.objects.all()}
    assert {i["id"] for i in items} == set(stored)
    assert all(i["url"] == stored[i["id"]].get_absolute_url() for i in items)
    assert {i["source"] for i in items} == {"样例报"}


def test_evaluate_reports_metric_regions_and_parts(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "广元市实名注册志愿者人数持续增长，其中苍溪县8.6万人，昭化区4.1万人。"
        "旺苍县组建党员志愿服务队15支、巾帼志愿服务队80余支。",
        encoding="utf-8",
    )
    metrics = [
        {"value": 86000, "unit": "人", "evidence": "8.6万人", "region": "510824"},
        {"value": 41000, "unit": "人", "evidence": "4.1万人", "region": "510800"},  # wrong
        {"value": 15, "unit": "支", "evidence": "15支", "region": "510821", "part_role": "part"},
    ]
    item = {
        "kind": "news",
        "region": {"adcode": "510800"},
        "topic": "volunteering",
        "body_starts_with": "广元市",
        "body_ends_with": "80余支。",
        "metrics": metrics,
    }
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"items": [item]}, ensure_ascii=False), encoding="utf-8")
    result = json.loads(run("evaluate", str(gold), str(page), "--format", "json"))
    assert result["metric_regions"]["right"] == 2 and result["metric_regions"]["total"] == 3
    assert result["metric_regions"]["misses"] == ["广元市: 4.1万人 -> 510811"]
    assert result["part_roles"] == {"right": 1, "total": 1, "misses": []}
    assert result["parts"] == {"groups": 1, "quantities": 2}
    text = run("evaluate", str(gold), str(page))
    assert "metric regions   2/3" in text and "2 figures in 1 groups, roles 1/1" in text


def test_a_dry_run_of_an_html_page_gives_the_date_and_address_it_would_store():
    """The page's own date and canonical address are what a dry run shows (a new user
    saw null for both, while the stored articles had them)."""
    page = str(Path(__file__).parent / "data" / "pages" / "html" / "wangcang.html")
    dry = json.loads(run("ingest", page, "--dry-run", "--format", "json"))
    run("ingest", page)
    stored = json.loads(run("export_articles", "--format", "json"))
    assert [d["published"] for d in dry] == [s["published"] for s in stored]
    assert dry[0]["published"] is not None
    assert [d["source_url"] for d in dry] == [s["source_url"] for s in stored]
    assert dry[0]["source_url"].endswith("/html/2024-01/16/wangcang.html")


@pytest.mark.django_db
def test_the_upload_form_refuses_an_issue_date_outside_the_sites_years():
    from articles.upload import UploadForm

    form = UploadForm(
        data={"text": "本报讯 仪陇县新增就业岗位1200个。", "issue_date": "1800-01-01"}
    )
    assert not form.is_valid()
    assert form.errors["issue_date"] == ["出版日期须在1949年至2100年之间。"]
    good = UploadForm(
        data={"text": "本报讯 仪陇县新增就业岗位1200个。", "issue_date": "2024-01-16"}
    )
    assert good.is_valid(), good.errors
