"""Absent values are written the same way in every export (a new-user pass found
``"bound": ""`` and ``"parts": 0`` in compare's JSON, null in the region's): null in
JSON, an empty cell in CSV; on the sample page (旺苍县 510821, dated 2024-01-16)."""

import csv
import io
import json
from datetime import date

import pytest

WANGCANG = "510821"


@pytest.fixture
def sample(db, seed_text):
    from articles.services import ingest_page

    ingest_page(text=seed_text, publication="广元日报", issue_date=date(2024, 1, 16))


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def compare(client, fmt, indicator="registered-volunteers"):
    return body(client.get(f"/compare/?indicator={indicator}&level=county&format={fmt}"))


@pytest.mark.django_db
def test_compare_json_writes_no_bound_and_no_parts_as_null(client, sample):
    row = json.loads(compare(client, "json"))["rows"][0]
    assert row["region_adcode"] == WANGCANG and row["value"] == "51104"
    assert row["bound"] is None and row["parts"] is None
    # a figure given only as parts keeps its count and bound (≥2,103支, 5 parts)
    teams = json.loads(compare(client, "json", "volunteer-teams"))["rows"]
    wangcang = next(r for r in teams if r["region_adcode"] == WANGCANG)
    assert (wangcang["parts"], wangcang["bound"], wangcang["value"]) == (5, "lower", "2103")


@pytest.mark.django_db
def test_compare_csv_writes_no_bound_and_no_parts_as_empty_cells(client, sample):
    row = next(csv.DictReader(io.StringIO(compare(client, "csv"))))
    assert (row["bound"], row["parts"], row["value"]) == ("", "", "51104")


@pytest.mark.django_db
def test_region_and_article_json_write_no_part_role_as_null_and_csv_as_empty(client, sample):
    rows = json.loads(body(client.get(f"/regions/{WANGCANG}/?format=json")))["rows"]
    volunteers = next(r for r in rows if r["indicator"] == "registered-volunteers")
    assert (volunteers["bound"], volunteers["part_role"], volunteers["part_group"]) == (
        None,
        None,
        None,
    )
    assert {r["part_role"] for r in rows} == {None, "part"}
    documents = json.loads(body(client.get(f"/regions/{WANGCANG}/?format=json&part=articles")))
    roles = {m["part_role"] for d in documents for m in d["metrics"]}
    assert None in roles and "" not in roles
    flat = csv.DictReader(io.StringIO(body(client.get(f"/regions/{WANGCANG}/?format=csv"))))
    assert {r["part_role"] for r in flat} == {"", "part"}
