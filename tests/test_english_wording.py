"""English wording a new-user pass found wrong or half Chinese: the per-1,000 note, the
per-1,000/per-resident refusals' unit, the review queue's count, the search hint's
examples, the admin's indicator pickers."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import StaffUserFactory, indicator, volunteer_metric

pytestmark = pytest.mark.django_db

COMPARE = reverse("articles:compare")
LIST = reverse("articles:list")
ROOT = Path(__file__).resolve().parent.parent


def test_the_per_1000_note_does_not_say_per_resident(client):
    volunteer_metric("510821", 51104, date(2024, 1, 16))
    html = client.get(
        COMPARE,
        {"indicator": "registered-volunteers", "level": "county", "per": "per_1000", "lang": "en"},
    ).content.decode()
    assert "Computed with the 2020 resident population" in html
    assert "Per resident, using" not in html


@pytest.mark.parametrize(
    "per, slug, unit, english",
    [
        ("per_1000", "resident-basic-pension-monthly", "元/人/月", "yuan per person per month"),
        ("per_resident", "registered-volunteers", "人", "persons"),
    ],
)
def test_a_per_resident_refusal_names_the_unit_in_english(client, per, slug, unit, english):
    volunteer_metric("510821", 200, date(2024, 1, 16), unit=unit, indicator_slug=slug)
    params = {"indicator": slug, "level": "county", "per": per}
    en = client.get(COMPARE, {**params, "lang": "en"}).content.decode()
    assert f"this indicator’s unit is “{english}”" in en
    assert f"“{unit}”" not in en and "(元)" not in en and "(人, 人次)" not in en
    zh = client.get(COMPARE, {**params, "lang": "zh-hans"}).content.decode()
    assert f"此指标的单位是“{unit}”" in zh


def test_the_review_queue_says_how_many_match_the_filters(client):
    volunteer_metric("510821", 51104, date(2024, 1, 16))
    volunteer_metric("510822", 30000, date(2024, 1, 17))
    client.force_login(StaffUserFactory())
    url = reverse("admin:articles_metric_review")
    en = client.get(url, {"lang": "en"}).content.decode()
    assert "2 match the filters" in en and "selected" not in en.split("review-count")[1][:200]
    zh = client.get(url, {"lang": "zh-hans"}).content.decode()
    assert "筛选结果 2 条" in zh


@pytest.mark.parametrize(
    "lang, hint",
    [
        ("en", "search with Chinese words, for example "),
        ("zh-hans", "请用中文词语搜索，例如"),
    ],
)
def test_the_search_hint_shows_its_chinese_examples_as_links(client, lang, hint):
    volunteer_metric("510821", 51104, date(2024, 1, 16))
    html = client.get(LIST, {"q": "volunteer", "topic": "", "lang": lang}).content.decode()
    start = html.index('id="search-language-hint"')
    notice = html[start : html.index("</p>", start)]
    assert hint in notice
    assert '<a href="?q=%E5%BF%97%E6%84%BF%E8%80%85&amp;topic=" lang="zh">志愿者</a>' in notice
    assert '<a href="?q=%E5%85%BB%E8%80%81%E9%87%91&amp;topic=" lang="zh">养老金</a>' in notice
    assert "the words for" not in notice


def test_the_admin_indicator_picker_names_units_in_english():
    teams = indicator("volunteer-teams")
    pension = indicator("resident-basic-pension-monthly")
    with translation.override("en"):
        assert str(teams) == "Volunteer teams (count)"
        assert str(pension) == "Residents' basic pension (monthly) (yuan per person per month)"
    with translation.override("zh-hans"):
        assert str(teams) == "志愿服务队伍 (支)"


def test_the_admin_metric_page_picker_is_english(client):
    metric = volunteer_metric("510821", 257, date(2024, 1, 16), unit="支",
                              indicator_slug="volunteer-teams")  # fmt: skip
    client.force_login(StaffUserFactory())
    url = reverse("admin:articles_metric_change", args=[metric.pk])
    html = client.get(url, {"lang": "en"}).content.decode()
    assert ">Volunteer teams (count)</option>" in html
    assert "(件)</option>" not in html and "(支)</option>" not in html


#: Stems whose -ize/-ise forms both occur in English: the site writes -ize (Oxford
#: spelling, with British colour, centre, catalogue and grey).
IZE_STEMS = (
    "organ", "recogn", "normal", "civil", "revital", "special", "real", "util", "author",
    "standard", "modern", "mobil", "subsid", "digit", "fertil", "harmon", "summar",
    "categor", "capital", "optim", "minim", "maxim", "priorit", "stabil", "central",
    "local", "visual", "urban", "privat", "industrial", "popular",
)  # fmt: skip
ISE_FORMS = re.compile(
    rf"\b(?:{'|'.join(IZE_STEMS)})is(?:e|es|ed|ing|ation|ations|able|er|ers)\b", re.IGNORECASE
)


def test_the_english_the_site_shows_spells_ize_throughout():
    """A new-user pass read 'Volunteer organisations' beside 'Grassroots Party
    organizations', and 'normalised' beside 'normalize': one spelling, Oxford's."""
    from articles.models import Indicator, Topic

    po = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    shown = [line for line in po.splitlines() if line.startswith(("msgstr", '"'))]
    shown += list(Indicator.objects.values_list("name_en", flat=True))
    shown += list(Topic.objects.values_list("name_en", flat=True))
    for folder in ("fixtures", "static/js", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".json", ".js", ".html"}:
                shown.append(path.read_text(encoding="utf-8"))
    found = sorted({m.group(0) for text in shown for m in ISE_FORMS.finditer(text)})
    assert found == []
    assert Indicator.objects.get(slug="volunteer-organizations").name_en == (
        "Volunteer organizations"
    )
