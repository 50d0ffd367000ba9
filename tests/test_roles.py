"""The ``reviewer`` and ``editor`` groups the migrations create (issue 11, point 7): what
each may and may not reach in the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Metric, MetricStatus, Publication
from tests.factories import ArticleFactory, MetricFactory, region


def member(client, group: str):
    user = User.objects.create_user(f"{group}1", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def metric():
    return MetricFactory(article=ArticleFactory(region=region("510821")))


@pytest.mark.django_db
def test_the_migrations_create_both_groups_with_their_permissions():
    reviewer = set(
        Group.objects.get(name="reviewer").permissions.values_list("codename", flat=True)
    )
    editor = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    assert "change_metric" in reviewer and "view_article" in reviewer
    assert not any(p.startswith(("delete_", "add_")) for p in reviewer)
    assert {"add_sourcepage", "add_publication", "change_publication"} <= editor
    assert "change_metric" not in editor and not any(p.startswith("delete_") for p in editor)


@pytest.mark.django_db
def test_a_reviewer_reviews_and_corrects_in_the_queue(client, metric):
    member(client, "reviewer")
    assert client.get(reverse("admin:articles_metric_review")).status_code == 200
    client.post(reverse("admin:articles_metric_review"), {"metric": metric.pk, "action": "approve"})
    assert Metric.objects.get(pk=metric.pk).status == MetricStatus.APPROVED
    change = client.get(reverse("admin:articles_metric_change", args=[metric.pk]))
    assert change.status_code == 200 and 'name="value"' in change.content.decode()


@pytest.mark.django_db
def test_a_reviewer_cannot_delete_nor_upload_nor_add_pages(client, metric):
    member(client, "reviewer")
    assert client.get(reverse("admin:articles_metric_delete", args=[metric.pk])).status_code == 403
    assert (
        client.post(
            reverse("admin:articles_metric_delete", args=[metric.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Metric.objects.filter(pk=metric.pk).exists()
    assert client.get(reverse("admin:articles_sourcepage_upload")).status_code == 403
    assert (
        client.post(reverse("admin:articles_sourcepage_upload"), {"preview": "1"}).status_code
        == 403
    )
    assert client.get(reverse("admin:articles_sourcepage_add")).status_code == 403
    assert client.get(reverse("admin:articles_publication_add")).status_code == 403
    article = metric.article
    assert (
        client.get(reverse("admin:articles_article_delete", args=[article.pk])).status_code == 403
    )
    actions = client.get(reverse("admin:articles_metric_changelist")).content.decode()
    assert 'value="delete_selected"' not in actions and 'value="approve"' in actions


@pytest.mark.django_db
def test_an_editor_adds_pages_and_publications_but_does_not_review(client, metric):
    member(client, "editor")
    assert client.get(reverse("admin:articles_sourcepage_upload")).status_code == 200
    assert client.get(reverse("admin:articles_sourcepage_add")).status_code == 200
    response = client.post(
        reverse("admin:articles_publication_add"), {"name": "广元日报", "kind": "city-paper"}
    )
    assert response.status_code == 302
    assert Publication.objects.get(name="广元日报").kind == "city-paper"
    assert client.get(reverse("admin:articles_metric_review")).status_code == 403
    client.post(reverse("admin:articles_metric_review"), {"metric": metric.pk, "action": "reject"})
    assert Metric.objects.get(pk=metric.pk).status == MetricStatus.EXTRACTED
    assert client.get(reverse("admin:articles_metric_delete", args=[metric.pk])).status_code == 403
