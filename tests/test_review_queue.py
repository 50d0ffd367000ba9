"""The review queue (issue 11, points 1-3 and 8): one metric at a time in its sentence,
approve / reject / correct with a history, bulk decisions after a confirmation, and the
public pages and exports following every decision at once (the cached indicator list of
compare is read after each one, so a missing cache bump fails)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from articles.models import Metric, MetricReview, MetricStatus
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    PublicationFactory,
    SourcePageFactory,
    StaffUserFactory,
    forget_language,
    indicator,
    json_of,
    region,
    topic,
)

QUEUE = "admin:articles_metric_review"
BODY = "旺苍县志愿服务持续推进。截至目前，全县实名注册志愿者51104人，志愿服务队伍257支。下一步将继续努力。"


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def article():
    """An article whose second sentence gives two metrics (volunteers, then teams)."""
    art = ArticleFactory(
        region=region("510821"),
        topic=topic("volunteering"),
        published=date(2024, 1, 16),
        title="旺苍志愿服务",
        body=BODY,
    )
    people = BODY.index("51104人")
    teams = BODY.index("257支")
    volunteers = MetricFactory(
        article=art,
        position=0,
        indicator=indicator("registered-volunteers"),
        label="实名注册志愿者",
        value=Decimal("51104"),
        unit="人",
        evidence_start=people,
        evidence_end=people + len("51104人"),
    )
    team_metric = MetricFactory(
        article=art,
        position=1,
        indicator=indicator("volunteer-teams"),
        label="志愿服务队伍",
        value=Decimal("257"),
        unit="支",
        evidence_start=teams,
        evidence_end=teams + len("257支"),
    )
    return art, volunteers, team_metric


def queue(client, **params):
    """Each request stands alone (a ``lang`` is not kept)."""
    response = client.get(reverse(QUEUE), params)
    forget_language(client)
    return response


def compare_indicators(client) -> dict[str, int]:
    """The compare page's (cached) indicator list: slug -> number of metrics."""
    data = json_of(client.get(reverse("articles:compare"), {"format": "json"}))
    return {row["slug"]: row["metrics"] for row in data["indicators"]}


def exported(client, art) -> list[dict]:
    [doc] = json_of(client.get(art.get_absolute_url(), {"format": "json"}))
    return doc["metrics"]


@pytest.mark.django_db
def test_the_admin_index_links_to_the_queue_with_the_count_waiting(staff, article):
    html = staff.get(reverse("admin:index")).content.decode()
    assert reverse(QUEUE) in html
    assert "审核队列：2 条指标值待审核" in html


@pytest.mark.django_db
def test_the_queue_shows_one_metric_in_its_sentence_with_the_number_highlighted(staff, article):
    art, volunteers, teams = article
    response = queue(staff)
    html = response.content.decode()
    assert response.context["metric"] == volunteers
    assert (
        '截至目前，全县实名注册志愿者<mark id="review-current">51104人</mark>，志愿服务队伍257支。'
        in html
    )
    assert "旺苍志愿服务" in html and "旺苍县" in html and "2024" in html
    assert list(response.context["same_sentence"]) == [teams]  # the other metric of the sentence
    assert "<kbd>A</kbd>" in html and "<kbd>R</kbd>" in html and "<kbd>C</kbd>" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "static/js/review.js" in html


@pytest.mark.django_db
def test_approving_records_who_and_moves_to_the_next_and_public_pages_follow(staff, article):
    art, volunteers, teams = article
    assert compare_indicators(staff)["registered-volunteers"] == 1  # cached now
    response = staff.post(reverse(QUEUE), {"metric": volunteers.pk, "action": "approve"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?metric={teams.pk}")
    volunteers.refresh_from_db()
    assert volunteers.status == MetricStatus.APPROVED
    [review] = MetricReview.objects.filter(metric=volunteers)
    assert review.reviewer == staff.user and review.action == "approve"
    assert review.changes == {"status": ["extracted", "approved"]}
    rows = {m["metric_id"]: m for m in exported(staff, art)}
    assert rows[volunteers.pk]["status"] == "approved"
    # the page itself says the metric was reviewed
    assert "已确认" in staff.get(art.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_rejecting_takes_the_metric_off_every_public_page_at_once(staff, article):
    art, volunteers, teams = article
    assert compare_indicators(staff) == {"registered-volunteers": 1, "volunteer-teams": 1}
    staff.post(reverse(QUEUE), {"metric": teams.pk, "action": "reject", "note": "重复"})
    assert Metric.objects.get(pk=teams.pk).status == MetricStatus.REJECTED
    assert compare_indicators(staff) == {"registered-volunteers": 1}
    assert [m["metric_id"] for m in exported(staff, art)] == [volunteers.pk]
    assert MetricReview.objects.get(metric=teams).note == "重复"
    assert f'id="m-{teams.pk}"' not in staff.get(art.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_correction_keeps_the_extracted_value_in_the_history(staff, article):
    art, volunteers, teams = article
    assert compare_indicators(staff)["registered-volunteers"] == 1
    response = staff.post(
        reverse(QUEUE),
        {
            "metric": volunteers.pk,
            "action": "correct",
            "fix-indicator": indicator("registered-volunteers").pk,
            "fix-value": "51140",
            "fix-unit": "人",
            "fix-bound": "lower",
            "fix-region": "510800",
            "fix-note": "原文误排",
        },
    )
    assert response.status_code == 302
    volunteers.refresh_from_db()
    assert volunteers.status == MetricStatus.CORRECTED
    assert (volunteers.value, volunteers.bound, volunteers.approx) == (51140, "lower", True)
    assert volunteers.region.adcode == "510800"
    [review] = volunteers.reviews.all()
    assert review.changes == {
        "value": ["51104", "51140"],
        "bound": ["", "lower"],
        "region": ["510821", "510800"],
        "status": ["extracted", "corrected"],
    }
    assert review.note == "原文误排"
    [row] = [m for m in exported(staff, art) if m["metric_id"] == volunteers.pk]
    assert (row["value"], row["status"], row["metric_region_adcode"]) == (
        "51140",
        "corrected",
        "510800",
    )
    # shown on the metric's queue page and its admin change page
    assert "51104 → 51140" in queue(staff, metric=volunteers.pk).content.decode()
    change = staff.get(reverse("admin:articles_metric_change", args=[volunteers.pk]))
    assert "数值: 51104 → 51140" in change.content.decode()  # the field by its label


@pytest.mark.django_db
def test_a_bad_correction_is_a_message_not_a_500_and_changes_nothing(staff, article):
    _, volunteers, _ = article
    response = staff.post(
        reverse(QUEUE),
        {
            "metric": volunteers.pk,
            "action": "correct",
            "fix-value": "x",
            "fix-unit": "人",
            "fix-region": "999999",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有这个区划代码：999999" in html
    volunteers.refresh_from_db()
    assert volunteers.status == MetricStatus.EXTRACTED and volunteers.value == 51104
    assert not MetricReview.objects.exists()


@pytest.mark.django_db
def test_a_count_cannot_be_corrected_below_zero_but_a_rate_can(staff, article):
    """A negative value is refused for stocks, flows and levels (a count, an amount, a
    standard) and allowed for a rate of change (GDP growth of -1.5%)."""
    _, volunteers, _ = article
    fix = {"metric": volunteers.pk, "action": "correct", "fix-unit": "人", "fix-value": "-1"}
    html = staff.post(reverse(QUEUE), fix, follow=True).content.decode()
    assert "这个指标的数值不能为负数。" in html
    volunteers.refresh_from_db()
    assert volunteers.value == 51104 and not MetricReview.objects.exists()
    rate = {**fix, "fix-indicator": indicator("gdp-growth").pk, "fix-unit": "%"}
    assert staff.post(reverse(QUEUE), {**rate, "fix-value": "-1.5"}).status_code == 302
    volunteers.refresh_from_db()
    assert (volunteers.value, volunteers.indicator.slug) == (Decimal("-1.5"), "gdp-growth")
    # and the metric, now a rate, may not be corrected into a negative count
    count = {**fix, "fix-indicator": indicator("registered-volunteers").pk}
    assert (
        "这个指标的数值不能为负数。"
        in staff.post(reverse(QUEUE), count, follow=True).content.decode()
    )


@pytest.mark.django_db
def test_bulk_approval_says_how_many_before_it_acts_and_public_pages_follow(staff, article):
    art, volunteers, teams = article
    other = MetricFactory(article=ArticleFactory(region=region("110101")), position=0)
    assert compare_indicators(staff)["volunteer-teams"] == 1
    url = reverse(QUEUE) + "?region=510800"
    confirm = staff.post(url, {"action": "bulk_reject"})
    assert confirm.status_code == 200
    assert "将驳回 2 条指标值。确定吗？" in confirm.content.decode()
    assert Metric.objects.filter(status=MetricStatus.EXTRACTED).count() == 3  # nothing yet
    staff.post(url, {"action": "bulk_reject", "confirmed": "yes"})
    statuses = dict(Metric.objects.values_list("pk", "status"))
    assert statuses == {
        volunteers.pk: "rejected",
        teams.pk: "rejected",
        other.pk: "extracted",  # Beijing, outside the filter
    }
    assert MetricReview.objects.filter(action="reject").count() == 2
    assert compare_indicators(staff) == {}
    assert exported(staff, art) == []


@pytest.mark.django_db
def test_the_changelist_actions_are_recorded_and_bump_the_data_version(staff, article):
    art, volunteers, teams = article
    assert compare_indicators(staff)["volunteer-teams"] == 1
    staff.post(
        reverse("admin:articles_metric_changelist"),
        {"action": "reject", "_selected_action": [teams.pk]},
    )
    assert compare_indicators(staff) == {"registered-volunteers": 1}
    assert MetricReview.objects.get(metric=teams).changes == {"status": ["extracted", "rejected"]}


@pytest.mark.django_db
def test_the_queue_filters_by_indicator_topic_region_publication_and_article(staff, article):
    art, volunteers, teams = article
    page = SourcePageFactory(publication=PublicationFactory(name="北京日报"))
    beijing = MetricFactory(article=ArticleFactory(region=region("110101"), page=page))

    def ids(**params):
        return [m.pk for m in queue(staff, view="list", **params).context["rows"]]

    assert ids() == [volunteers.pk, teams.pk, beijing.pk]
    assert ids(indicator="volunteer-teams") == [teams.pk]
    assert ids(topic="volunteering") == [volunteers.pk, teams.pk]
    assert ids(region="510000") == [volunteers.pk, teams.pk]
    assert ids(publication="北京日报") == [beijing.pk]
    assert ids(article=art.pk) == [volunteers.pk, teams.pk]
    staff.post(reverse(QUEUE), {"metric": volunteers.pk, "action": "approve"})
    assert ids() == [teams.pk, beijing.pk]  # waiting only, by default
    assert ids(status="approved") == [volunteers.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"region": "51"},
        {"article": "99999999999999999999999"},
        {"metric": "9" * 30},
        {"indicator": "nope"},
    ],
)
def test_bad_queue_parameters_never_give_a_500(staff, article, params):
    """A metric that does not exist shows the queue; a filter it refuses is a 400
    (``test_a_bad_filter_lists_nothing_and_acts_on_nothing``)."""
    assert queue(staff, **params).status_code == (200 if "metric" in params else 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given, message",
    [
        ("99999999999999999999999", "没有编号为99999999999999999999999的文章。"),
        ("0", "没有编号为0的文章。"),
        ("-3", "没有编号为-3的文章。"),
        ("abc", "文章编号须是正整数。"),
    ],
)
def test_a_bad_article_number_is_named_in_its_error(staff, article, given, message):
    """?article=99999999999999999999999 read "Ensure this value is less than or equal to
    4611686018427387904.": neither the number given nor what was wrong with it."""
    html = queue(staff, article=given).content.decode()
    assert message in html and "4611686018427387904" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("p", ["x", "0", "2"])
def test_a_queue_list_page_that_does_not_exist_is_a_400_naming_p(staff, article, p):
    """As on every paged page (it silently showed page 1 or the last), in the admin's
    layout: the site's own 400 page took the reviewer out of the admin (a new-user pass)."""
    assert queue(staff, p="1", view="list").status_code == 200
    response = queue(staff, p=p, view="list", status="all")
    assert response.status_code == 400
    assert [t.name for t in response.templates][:3] == [
        "admin/articles/metric/review_bad_param.html",
        "admin/articles/metric/review_base.html",
        "admin/base_site.html",
    ]
    html = response.content.decode()
    assert '<p class="errornote" id="bad-param">地址中的参数“p”有误：' in html
    assert '<div id="site-name"><a href="/admin/">govreports 数据管理</a></div>' in html
    assert 'class="skip-link"' not in html  # nothing of the public site's layout
    assert 'class="messagelist"' not in html  # the error is no admin success message
    # the list's first page of the same filter
    assert f'<a href="{reverse(QUEUE)}?status=all&amp;view=list" id="without-param">' in html


@pytest.mark.django_db
def test_review_this_article_walks_its_metrics_in_reading_order_with_the_body_once(staff, article):
    art, volunteers, teams = article
    html = staff.get(reverse("admin:articles_article_change", args=[art.pk])).content.decode()
    walk = f"{reverse(QUEUE)}?status=all&amp;article={art.pk}"
    assert walk in html
    first = queue(staff, status="all", article=art.pk)
    text = first.content.decode()
    assert first.context["metric"] == volunteers
    assert text.count("旺苍县志愿服务持续推进。") == 1 and "下一步将继续努力。" in text
    assert first.context["next_url"].endswith(f"metric={teams.pk}")
    response = staff.post(
        reverse(QUEUE) + f"?status=all&article={art.pk}",
        {"metric": volunteers.pk, "action": "approve"},
    )
    assert response["Location"] == f"{reverse(QUEUE)}?status=all&article={art.pk}&metric={teams.pk}"
    second = staff.get(response["Location"])
    assert '志愿服务队伍<mark id="review-current">257支</mark>' in second.content.decode()


@pytest.mark.django_db
def test_the_queue_needs_the_permission_to_change_metrics(client, article):
    from django.contrib.auth.models import User

    assert queue(client).status_code == 302  # anonymous: to the login page
    clerk = User.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    refused = queue(client)
    assert refused.status_code == 403
    # the site's page saying why and where to go, not a bare "403 Forbidden"
    assert "审核队列需要“reviewer”（审核员）组" in refused.content.decode()  # what is missing
    assert f'<a href="{reverse("admin:index")}">回到数据管理</a>' in refused.content.decode()
    assert "审核队列" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_staff_who_review_get_review_this_article_on_the_public_page(client, staff, article):
    art = article[0]
    walk = f"{reverse(QUEUE)}?status=all&amp;article={art.pk}"
    assert walk in staff.get(art.get_absolute_url()).content.decode()
    staff.logout()
    assert walk not in client.get(art.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_unknown_metric_or_action_is_a_message_not_a_500(staff, article):
    gone = staff.post(reverse(QUEUE), {"metric": "987654", "action": "approve"}, follow=True)
    assert gone.status_code == 200 and "没有这条指标值。" in gone.content.decode()
    _, volunteers, _ = article
    odd = staff.post(reverse(QUEUE), {"metric": volunteers.pk, "action": "delete"}, follow=True)
    assert odd.status_code == 200 and "未知操作。" in odd.content.decode()
    assert Metric.objects.get(pk=volunteers.pk).status == MetricStatus.EXTRACTED


@pytest.mark.django_db
def test_the_english_queue_names_regions_in_english(staff, article):
    """A new-user pass: the English review queue showed "旺苍县 510821"."""
    from articles.models import Region

    Region.objects.filter(adcode="510821").update(name_en="Wangcang County")
    english = queue(staff, lang="en").content.decode()
    assert "Wangcang County 510821" in english and "旺苍县 510821" not in english
    chinese = queue(staff).content.decode()
    assert "旺苍县 510821" in chinese


@pytest.mark.django_db
def test_the_history_shows_one_local_time_with_its_zone_and_translated_statuses(staff, article):
    """The metric's change page showed '17:31' (UTC, no zone) and the queue '01:31' for
    the same decision, and Chinese pages showed 'status: extracted → approved' (a
    new-user pass). Both show the site's time zone (Asia/Shanghai) with its offset."""
    from datetime import UTC, datetime

    from articles.models import MetricReview

    art, volunteers, teams = article
    staff.post(reverse(QUEUE), {"metric": volunteers.pk, "action": "approve"})
    MetricReview.objects.filter(metric=volunteers).update(
        at=datetime(2026, 12, 2, 17, 31, tzinfo=UTC)
    )
    change = reverse("admin:articles_metric_change", args=[volunteers.pk])
    walk = {"status": "all", "metric": volunteers.pk}
    for lang, line in (
        ("zh-hans", "2026-12-03 01:31 UTC+8 staff"),
        ("en", "2026-12-03 01:31 UTC+8 staff"),
    ):
        on_change = staff.get(change, {"lang": lang}).content.decode()
        on_queue = queue(staff, lang=lang, **walk).content.decode()
        for html in (on_change, on_queue):
            assert line in html and "17:31" not in html
    zh = staff.get(change, {"lang": "zh-hans"}).content.decode()
    assert "审核状态: 待审核 → 已确认" in zh and "extracted → approved" not in zh
    en = staff.get(change, {"lang": "en"}).content.decode()
    assert "review status: Pending review → Approved" in en


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "unclassified", "said"),
    [
        ("zh-hans", "未归类", "原文作“远低于省市”"),
        ("en", "Unclassified", "the text says “远低于省市”"),
    ],
)
def test_an_unclassified_metric_is_listed_as_such_with_its_phrase_as_a_quote(
    staff, article, lang, unclassified, said
):
    """The list showed an unclassified benchmark (剑阁县, 4.5%) under 指标 as "远低于省市", the
    words before the number, as if that were its indicator (a new-user pass)."""
    _art, volunteers, teams = article
    body = "剑阁县城镇登记失业率为2.1%，远低于省市4.5%的控制目标。"
    benchmark = MetricFactory(
        article=ArticleFactory(region=region("510823"), body=body),
        indicator=None,
        label="远低于省市",
        value=Decimal("4.5"),
        unit="%",
    )
    teams.label = "暖心服务小分队"
    teams.save()
    html = queue(staff, view="list", status="all", lang=lang).content.decode()
    cell = (
        f'<td><span class="review-indicator quiet">{unclassified}</span>'
        f' <small class="review-phrase">{said}</small></td>'
    )
    assert cell in html
    assert f"<td>{volunteers.label}</td>" not in html and "<td>远低于省市</td>" not in html
    # a phrase that is the indicator's own Chinese name is not repeated; another one is
    names = {
        "zh-hans": ("实名注册志愿者", "志愿服务队伍"),
        "en": ("Registered volunteers", "Volunteer teams"),
    }
    people, teams_name = names[lang]
    assert f'<td><span class="review-indicator">{people}</span></td>' in html
    quote = "原文作“暖心服务小分队”" if lang == "zh-hans" else "the text says “暖心服务小分队”"
    assert (
        f'<td><span class="review-indicator">{teams_name}</span>'
        f' <small class="review-phrase">{quote}</small></td>'
    ) in html
    one = queue(staff, status="all", metric=benchmark.pk, lang=lang).content.decode()
    assert f'<dd><span class="review-indicator quiet">{unclassified}</span>' in one


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("region=abc", "region"),
        ("indicator=nope", "indicator"),
        ("region=abc&topic=x", "topic、region"),
    ],
)
def test_a_bad_filter_lists_nothing_and_acts_on_nothing(staff, article, query, named):
    """A new-user pass: ?region=abc was dropped with its error shown, and the queue listed,
    and its bulk buttons offered to approve or reject, every waiting metric. The queue
    answers 400 naming the filters, with no list and no bulk action, GET or POST."""
    url = reverse(QUEUE) + f"?view=list&{query}"
    page = staff.get(url)
    html = page.content.decode()
    assert page.status_code == 400
    assert f"地址中的参数“{named}”有误：" in html
    assert "bulk_reject" not in html and "bulk_approve" not in html
    assert "筛选结果" not in html  # no count of a filter not applied
    for confirmed in ({}, {"confirmed": "yes"}):
        refused = staff.post(url, {"action": "bulk_reject", **confirmed})
        assert refused.status_code == 400
    assert Metric.objects.filter(status=MetricStatus.EXTRACTED).count() == 2
    assert not MetricReview.objects.exists()
