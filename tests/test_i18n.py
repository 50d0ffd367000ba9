"""Languages: Chinese (zh-hans) by default, English from the cookie or Accept-Language.

The interface strings are Chinese msgids; ``locale/en/LC_MESSAGES/django.po`` holds their
English, compiled to the committed ``django.mo`` (CI has no GNU gettext). Source text
stays in its language (article text, evidence, publications); region names and units the
interface shows are English in English (tests/test_english_names.py).
"""

import ast
import gettext as gnu_gettext
import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation.template import templatize

from articles.models import Indicator, Region, RegionLevel
from tests.factories import ArticleFactory, MetricFactory, StaffUserFactory, indicator, region

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo"

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: A value as the pages show it, 万/亿 rule and unit included: ≥5.11万人, 4万人, 330,108.
SHOWN_NUMBER = re.compile(r"[≥≤≈]?\d[\d.,]*(?:–\d[\d.,]*)?[万亿]?人?")

BODY = "旺苍县新增志愿者1200余名。\n全县注册志愿者超5万人，占常住人口的15%。"
TITLE = "志愿旺苍"
PUBLICATION = "广元日报"
EVIDENCE = "注册志愿者超5万人"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
#: Chinese words the English text quotes on purpose: the markers of approximate values
#: and the units a per-resident ratio accepts.
QUOTED_TERMS = [
    "余/多/超",
    "近/不足",
    "约/左右",
    "余, 多, 超",
    "近, 不足",
    "约, 左右",
    "人, 人次",
    "元",
]


# --------------------------------------------------------------------------- data


@pytest.fixture
def reported(db):
    """An article in 旺苍县 with a metric, an older one for the time series, and one in
    苍溪县 so the compare page has two bars; each metric's evidence is EVIDENCE."""

    def report(title, adcode, published, value, **kwargs):
        article = ArticleFactory(
            title=title, body=BODY, region=region(adcode), published=published, **kwargs
        )
        start = BODY.index(EVIDENCE)
        MetricFactory(
            article=article,
            indicator=indicator("registered-volunteers"),
            label="注册志愿者",
            value=Decimal(value),
            approx=True,
            bound="lower",
            evidence_start=start,
            evidence_end=start + len(EVIDENCE),
        )
        return article

    article = report(
        TITLE,
        "510821",
        date(2024, 3, 5),
        "50000",
        byline="记者 李四",
        topic=indicator("registered-volunteers").topic,
        page__publication__name=PUBLICATION,
    )
    report("旺苍去年", "510821", date(2023, 3, 5), "40000", page=article.page)
    report("苍溪志愿", "510824", date(2024, 2, 1), "114500", page=article.page)
    return article


def pages(article) -> dict[str, str]:
    return {
        "overview": "/",
        "list": "/articles/",
        "filtered list": "/articles/?region=510821&kind=news",
        "article": article.get_absolute_url(),
        "region": "/regions/510821/",
        "compare": "/compare/?indicator=registered-volunteers",
    }


# --------------------------------------------------------------------------- helpers


class VisibleText(HTMLParser):
    """Text a reader meets: text nodes (not script/style) and the attributes that are
    read out or shown (aria-label, title, placeholder, alt)."""

    SHOWN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.parts += [v for k, v in attrs if k in self.SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def data_strings() -> list[str]:
    """Chinese that is content, not interface: what the fixture wrote, the region names
    (the compare page lists every province and prefecture), and the Chinese language's
    own name on the switch. Longest first so a name is removed before its parts."""
    names = Region.objects.filter(
        level__in=[RegionLevel.PROVINCE, RegionLevel.PREFECTURE]
    ).values_list("name", flat=True)
    written = [TITLE, "旺苍去年", "苍溪志愿", PUBLICATION, "记者 李四", "注册志愿者", EVIDENCE]
    written += BODY.split("\n") + ["旺苍县", "苍溪县", "简体中文"] + QUOTED_TERMS
    # the region page's evidence snippet: the sentence around the marked evidence
    written += ["全县", "，占常住人口的15%。"]
    return sorted({*names, *written}, key=len, reverse=True)


def chinese_left(html: str) -> list[str]:
    """Visible text that still has Chinese once data and shown numbers are taken out
    (the article body, highlighted piece by piece, is taken out whole)."""
    html = re.sub(r'<div class="body"[^>]*>.*?</div>', "", html, flags=re.S)
    data = data_strings()
    units = set(Indicator.objects.values_list("unit", flat=True))
    left = []
    for part in visible_text(html):
        for unit in units:  # the indicator table's unit column, "name (unit)" headings
            part = part.replace(f"({unit})", "") if part != unit else ""
        for text in data:
            part = part.replace(text, "")
        part = SHOWN_NUMBER.sub("", part)
        if CJK.search(part):
            left.append(part)
    return left


def chart_payloads(html: str) -> list[dict]:
    return [
        json.loads(body)
        for body in re.findall(
            r'<script id="[^"]+-data" type="application/json">(.*?)</script>', html
        )
    ]


# --------------------------------------------------------------------------- pages


def test_every_english_page_has_no_chinese_interface_text(client, reported):
    for name, url in pages(reported).items():
        response = client.get(url, **EN)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="en">' in html, name
        left = chinese_left(html)
        assert left == [], (name, left)


def test_the_chinese_pages_pass_the_same_check_only_because_it_finds_their_interface(
    client, reported
):
    """The check above is not vacuous: on the default (Chinese) pages it finds the labels."""
    for name, url in pages(reported).items():
        left = chinese_left(client.get(url).content.decode())
        assert left, name
    assert "概览" in chinese_left(client.get("/").content.decode())


def test_chinese_is_the_default_language(client, reported):
    html = client.get("/articles/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1>文章</h1>" in html
    assert "共 3 篇文章" in html
    assert "Articles" not in html


def test_english_comes_from_the_language_cookie_too(client, reported):
    client.cookies["django_language"] = "en"
    html = client.get("/articles/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Articles</h1>" in html


def test_english_overview_labels_its_sections_and_charts(client, reported):
    html = client.get("/", **EN).content.decode()
    assert "<h1>Overview</h1>" in html
    assert "3 articles collected." in html
    assert "Articles by province" in html and "Latest articles" in html
    assert '<th scope="col">Indicator</th><th scope="col">Unit</th>' in html
    province, topic = chart_payloads(html)
    assert province["series"] == "Articles by province"
    assert province["points"][0]["display"] == "3 articles"
    assert topic["labels"] == ["No topic", "Volunteering"]


def test_english_list_labels_the_filters_facets_and_chips(client, reported):
    html = client.get("/articles/?region=510821&kind=news", **EN).content.decode()
    assert "2 articles" in html
    for label in ["Search", "Region", "Topic", "Type", "From", "To", "Year", "Publication"]:
        assert f'">{label}</label>' in html, label
    assert ">All topics</option>" in html
    assert '<h3 id="facet-kind">Type</h3>' in html
    assert "Type: News" in html  # the active-filter chip
    assert ">All of China</a>" in html  # the region trail
    assert "Region page of Wangcang County" in html
    assert "Apply filters" in html and "Clear all" in html


def test_english_article_page_names_its_metadata_and_metric_columns(client, reported):
    html = client.get(reported.get_absolute_url(), **EN).content.decode()
    assert "<dt>Published</dt>" in html and "<dt>Type</dt><dd>News</dd>" in html
    assert "<dt>Topic</dt>" in html and "Volunteering</a>" in html
    assert "Extracted metrics" in html
    assert '<th scope="col">Indicator</th>' in html and '<th scope="col">Evidence</th>' in html
    # a verbose name (lowercase in English, for the admin to embed) heads a column capitalised
    assert '<th scope="col">Review status</th>' in html
    assert "Registered volunteers" in html  # the indicator's English name
    assert "实名注册志愿者" not in html


def test_english_region_page_names_level_sections_and_time_series(client, reported):
    html = client.get("/regions/510821/", **EN).content.decode()
    assert "510821 · County" in html
    assert "Values by indicator" in html
    assert 'Registered volunteers <span class="muted">(persons)</span>' in html
    assert "Articles (2)" in html and ">Metrics</h2>" in html
    (series,) = chart_payloads(html)
    assert series["series"] == "Registered volunteers"


def test_english_compare_page_labels_the_form_table_and_chart(client, reported):
    html = client.get("/compare/?indicator=registered-volunteers&tab=table", **EN).content.decode()
    assert "<h1>Compare regions</h1>" in html
    assert '<label for="id_level">Region level</label>' in html
    assert '<option value="county">County</option>' in html
    assert "Registered volunteers: latest values in 2 regions" in html
    assert '<th scope="col">Source article</th>' in html
    assert "Registered volunteers (persons) · 2 regions" in html  # the indicator picker
    (chart,) = chart_payloads(html)
    assert chart["series"] == "Registered volunteers"


def test_english_compare_error_is_english(client, reported):
    response = client.get(
        "/compare/",
        {"indicator": "registered-volunteers", "per": "per_1000", "level": "province"},
        **EN,
    )
    assert response.status_code == 400
    assert "set “Region level” to County" in response.content.decode()


def test_english_admin_shows_translated_model_names_choices_and_actions(client, reported):
    client.force_login(StaffUserFactory())
    html = client.get(reverse("admin:articles_metric_changelist"), **EN).content.decode()
    assert "Select metric to change" in html
    assert "Pending review" in html
    assert "Approve selected metrics" in html
    index = client.get(reverse("admin:index"), **EN).content.decode()
    assert "Local governance reports" in index and "Source pages" in index


# --------------------------------------------------------------------------- switching


def test_the_language_switch_is_on_every_page_and_returns_to_the_full_url(client, reported):
    for name, url in pages(reported).items():
        html = client.get(url).content.decode()
        assert f'action="{reverse("set_language")}" method="post"' in html, name
        assert 'name="csrfmiddlewaretoken"' in html, name
        expected = url.replace("&", "&amp;")
        assert f'<input name="next" type="hidden" value="{expected}">' in html, name
        assert '<button type="submit" name="language" value="en" lang="en"' in html, name
        assert 'value="zh-hans" lang="zh-hans" aria-pressed="true">简体中文</button>' in html


def test_the_language_switch_returns_without_the_empty_fields_of_a_form_sent_without_js(
    client, reported
):
    """A compare form submitted without JavaScript sends every field, the empty ones too:
    the switch's return address kept ``regions=&date_after=`` (a new-user pass); it
    leaves them out, and keeps every value given, repeated ones included."""
    url = "/compare/?indicator=registered-volunteers&regions=&level=county&date_after=&lang=en"
    html = client.get(url).content.decode()
    expected = "/compare/?indicator=registered-volunteers&amp;level=county"
    assert f'<input name="next" type="hidden" value="{expected}">' in html
    html = client.get("/?topic=&topic=social-security&q=").content.decode()
    assert '<input name="next" type="hidden" value="/?topic=social-security">' in html


def test_posting_to_setlang_returns_to_the_same_url_with_its_query_string(client, reported):
    url = "/compare/?indicator=registered-volunteers&level=county"
    response = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get(url).content.decode()
    back = client.post("/i18n/setlang/", {"language": "zh-hans", "next": url})
    assert back["Location"] == url
    assert '<html lang="zh-hans">' in client.get(url).content.decode()


def test_setlang_refuses_to_send_the_reader_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.test/"})
    assert response["Location"] == "/"


# --------------------------------------------------------------------------- catalogue


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: ``{"flags", "msgctxt", "msgid", "msgid_plural", "msgstr":
    [str]}`` (one msgstr, or one per plural form). The header (msgid "") is included."""
    entries, entry, key = [], None, None

    def unquote(text: str) -> str:
        return ast.literal_eval(text)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry or {"flags": set(), "msgstr": []}
        if line.startswith("#,"):
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key == "msgstr":
                entry["msgstr"][-1] += unquote(line)
            else:
                entry[key] += unquote(line)
        else:
            key, _, value = line.partition(" ")
            if key.startswith("msgstr"):
                entry["msgstr"].append(unquote(value))
                key = "msgstr"
            else:
                entry[key] = unquote(value)
    return entries


def catalogue() -> list[dict]:
    return [e for e in parse_po(PO) if e["msgid"]]


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", text))


def test_every_msgid_is_translated_and_none_is_fuzzy():
    entries = parse_po(PO)
    assert entries[0]["msgid"] == "" and "fuzzy" not in entries[0]["flags"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in entries[0]["msgstr"][0]
    messages = catalogue()
    assert len(messages) > 200
    for e in messages:
        assert "fuzzy" not in e["flags"], e["msgid"]
        assert e["msgstr"] and all(s.strip() for s in e["msgstr"]), e["msgid"]
        assert len(e["msgstr"]) == (2 if "msgid_plural" in e else 1), e["msgid"]
        for text in e["msgstr"]:
            assert placeholders(text) == placeholders(e["msgid"]), e["msgid"]


def test_english_msgstrs_have_no_chinese_interface_words():
    """Only quoted Chinese terms (余/多/超, 人, 元, an example region name) may remain."""
    allowed = re.compile(r"余|多|超|近|不足|约|左右|人次|人|元|旺苍县|、|；")
    for e in catalogue():
        if e.get("msgctxt") in {"list separator", "separator of metrics in one tooltip"}:
            continue
        for text in e["msgstr"]:
            assert not CJK.search(allowed.sub("", text)), e["msgid"]


def test_the_committed_mo_holds_exactly_the_po_translations():
    """The .mo is read by Python's own gettext (no msgfmt needed) and must give every
    .po msgstr, and nothing else: a .po edited without compilemessages fails here."""
    with MO.open("rb") as handle:
        compiled = gnu_gettext.GNUTranslations(handle)
    expected = {}
    for e in catalogue():
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            for n, text in enumerate(e["msgstr"]):
                expected[(key, n)] = text
        else:
            expected[key] = e["msgstr"][0]
    actual = {k: v for k, v in compiled._catalog.items() if k != ""}
    assert actual == expected


# --------------------------------------------------------------------------- coverage

TRANSLATION_FUNCTIONS = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "gettext_lazy": ("msgid",),
    "gettext_noop": ("msgid",),
    "ngettext": ("msgid", "msgid_plural"),
    "ngettext_lazy": ("msgid", "msgid_plural"),
    "pgettext": ("msgctxt", "msgid"),
    "pgettext_lazy": ("msgctxt", "msgid"),
    "npgettext": ("msgctxt", "msgid", "msgid_plural"),
}


def marked_in_python(path: Path) -> set[tuple]:
    """(msgctxt, msgid) of every translation call with literal arguments in a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        roles = TRANSLATION_FUNCTIONS.get(name)
        if not roles or not all(isinstance(a, ast.Constant) for a in node.args[: len(roles)]):
            continue
        values = dict(zip(roles, (a.value for a in node.args), strict=False))
        found.add((values.get("msgctxt"), values["msgid"]))
    return found


TEMPLATE_CALL = re.compile(r"\b(n?p?gettext)\((u'(?:[^'\\]|\\.)*'(?:, u'(?:[^'\\]|\\.)*')*)")


def marked_in_template(path: Path) -> set[tuple]:
    """(msgctxt, msgid) of every {% translate %}/{% blocktranslate %} in a template, read
    with Django's own templatize (what makemessages feeds to xgettext)."""
    found = set()
    for func, args in TEMPLATE_CALL.findall(
        templatize(path.read_text(encoding="utf-8"), str(path))
    ):
        values = ast.literal_eval(f"({args},)")
        if func.startswith("np") or func == "pgettext":
            found.add((values[0], values[1]))
        else:
            found.add((None, values[0]))
    return found


def test_every_marked_string_in_the_code_is_in_the_catalogue():
    """Catches a string marked after the last makemessages (it would show in Chinese)."""
    sources = [*ROOT.glob("articles/**/*.py"), ROOT / "govreports" / "settings.py"]
    marked = set().union(*(marked_in_python(p) for p in sources if "migrations" not in p.parts))
    marked |= set().union(*(marked_in_template(p) for p in ROOT.glob("templates/**/*.html")))
    in_po = {(e.get("msgctxt"), e["msgid"]) for e in catalogue()}
    assert len(marked) > 200
    assert marked - in_po == set()
