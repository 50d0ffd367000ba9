"""Shared fixtures: the real seed page and its hand-checked reading, copied from
shared/seeds and shared/acceptance into tests/data."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (DATA / "seed_page.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_seed(seed_text):
    from articles.ingest.pipeline import parse_page

    return parse_page(seed_text)
