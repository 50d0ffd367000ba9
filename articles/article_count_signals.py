"""The receivers that keep ``article_counts``' tables in step with writes made through
the ORM (connected by ``ArticlesConfig.ready`` through ``article_counts.connect``).

Saving or deleting an ``Article`` or a ``SourcePage`` touches what it was in (read from
the database, locked, before the write) and what it is in now; deleting a topic or
moving a region to another province rebuilds the tables (see ``article_counts``).
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Q

from .article_counts import touch


def _stored_article(instance, *, deleting: bool) -> dict | None:
    """What the stored row of ``instance`` is counted in, as ``touch`` arguments; None
    when it is not stored. The row is read ``FOR UPDATE`` inside a transaction, on the
    article table alone: a concurrent writer's change is waited for and seen (with a
    join, PostgreSQL would re-check the locked row but keep the joined region row it
    found first). For a delete the region and publications are looked up at once, since
    they may go in the same cascade: the article's own page's and every page that
    reprinted it (its appearances go with it)."""
    from .models import Region, SourcePage

    using = instance._state.db or "default"
    rows = type(instance)._base_manager.using(using).filter(pk=instance.pk)
    if connections[using].in_atomic_block:
        rows = rows.select_for_update()
    row = rows.values_list("region_id", "topic_id", "page_id").first()
    if row is None:
        return None
    region_id, topic_id, page_id = row
    if not deleting:
        return {"regions": [(region_id, topic_id)], "pages": [page_id]}
    adcode = Region.objects.using(using).filter(pk=region_id).values_list("adcode", flat=True)
    printed = (
        SourcePage.objects.using(using)
        .filter(Q(pk=page_id) | Q(appearances__article_id=instance.pk))
        .values_list("publication_id", flat=True)
        .order_by()
        .distinct()
    )
    prefix = (adcode.first() or "")[:2] if region_id is not None else ""
    return {"cells": [(prefix, topic_id)], "publications": list(printed)}


def article_before_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of ``Article``: remember the stored row's cell and publication."""
    if raw or instance._state.adding or instance.pk is None:
        instance._counted = None
        return
    instance._counted = _stored_article(instance, deleting=False)


def article_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of ``Article``: recompute the pair and publication it was in and the
    ones it is in now."""
    if raw:
        return
    before = getattr(instance, "_counted", None) or {}
    instance._counted = None
    touch(
        regions=[(instance.region_id, instance.topic_id), *before.get("regions", [])],
        pages=[instance.page_id, *before.get("pages", [])],
    )


def article_before_delete(sender, instance, **kwargs) -> None:
    """pre_delete of ``Article``: remember its cell and every publication that printed it."""
    instance._counted = _stored_article(instance, deleting=True)


def article_deleted(sender, instance, **kwargs) -> None:
    """post_delete of ``Article``: recompute what it was counted in."""
    before = getattr(instance, "_counted", None)
    if before is not None:
        touch(**before)


def _remember_stored(instance, raw: bool, column: str) -> None:
    """Set ``instance._counted`` to ``column`` of the stored row (None for a new one or
    a fixture load): what the post_save receivers compare with."""
    instance._counted = None
    if raw or instance._state.adding or instance.pk is None:
        return
    rows = type(instance)._base_manager.using(instance._state.db or "default")
    instance._counted = rows.filter(pk=instance.pk).values_list(column, flat=True).first()


def page_before_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of ``SourcePage``: remember the stored page's publication."""
    _remember_stored(instance, raw, "publication_id")


def page_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of ``SourcePage``: a page moved to another publication moves its
    printings' counts."""
    if raw:
        return
    before = getattr(instance, "_counted", None)
    if before != instance.publication_id and not kwargs.get("created"):
        touch(publications=[before, instance.publication_id])


def page_deleted(sender, instance, **kwargs) -> None:
    """post_delete of ``SourcePage``: reprints printed on it went with it."""
    touch(publications=[instance.publication_id])


def topic_deleted(sender, instance, **kwargs) -> None:
    """post_delete of ``Topic``: its articles lost their topic by an UPDATE that sends no
    signal; rebuild (a rare edit of reference data)."""
    touch(everything=True)


def region_before_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of ``Region``: remember the stored adcode."""
    _remember_stored(instance, raw, "adcode")


def region_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of ``Region``: an adcode moved to another province moves its articles;
    rebuild (a rare edit of reference data)."""
    before = getattr(instance, "_counted", None)
    if not raw and before and before[:2] != (instance.adcode or "")[:2]:
        touch(everything=True)


def connect(get_model) -> None:
    """Connect the receivers above (``ArticlesConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

    article, page = get_model("Article"), get_model("SourcePage")
    pre_save.connect(article_before_save, sender=article, dispatch_uid="counts-article-pre")
    post_save.connect(article_saved, sender=article, dispatch_uid="counts-article-save")
    pre_delete.connect(article_before_delete, sender=article, dispatch_uid="counts-article-pre-del")
    post_delete.connect(article_deleted, sender=article, dispatch_uid="counts-article-del")
    pre_save.connect(page_before_save, sender=page, dispatch_uid="counts-page-pre")
    post_save.connect(page_saved, sender=page, dispatch_uid="counts-page-save")
    post_delete.connect(page_deleted, sender=page, dispatch_uid="counts-page-del")
    topic, region = get_model("Topic"), get_model("Region")
    post_delete.connect(topic_deleted, sender=topic, dispatch_uid="counts-topic-del")
    pre_save.connect(region_before_save, sender=region, dispatch_uid="counts-region-pre")
    post_save.connect(region_saved, sender=region, dispatch_uid="counts-region-save")
