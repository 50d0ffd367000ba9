"""Review decisions on metrics (issue 11): approve, reject or correct, one or many.

Every decision goes through here so that it is recorded (``MetricReview``: who, when,
what changed as ``{field: [old, new]}``, an optional note) and moves the data version on
(``cache.data_changed``) in the same transaction, so public pages, compare and
exports follow at once. A correction keeps the extracted values in the history and sets
the status ``corrected``. Each decision by a user is also written to Django admin's
``LogEntry`` (``log_history``), so the metric's History page in the admin lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import compare_winners
from .aggregates import touch
from .cache import data_changed
from .models import Metric, MetricReview, MetricStatus, ReviewAction

#: Fields a reviewer may correct, in the order the queue shows them.
CORRECTABLE_FIELDS = ("indicator", "value", "unit", "bound", "region", "target")

#: Metrics updated per statement by ``decide_all``.
BATCH = 500

STATUS_OF_ACTION = {
    ReviewAction.APPROVE: MetricStatus.APPROVED,
    ReviewAction.REJECT: MetricStatus.REJECTED,
    ReviewAction.CORRECT: MetricStatus.CORRECTED,
}


def _as_text(value) -> str:
    """A field value as the history stores it: a Decimal without trailing zeros, an
    indicator by slug, a region by adcode, booleans as ``true``/``false``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    for attr in ("slug", "adcode"):
        if hasattr(value, attr):
            return getattr(value, attr)
    return str(value)


def history_message(review: MetricReview) -> str:
    """A review as one line of the admin's History, in the active language (Django stores
    its own change messages so too): '确认; 状态: 待审核 → 已确认; 备注：核对原文'."""
    parts = [str(review.get_action_display())]
    parts += [f"{label}: {old} → {new}" for label, old, new in review.change_items()]
    if review.note:
        parts.append(_("备注：%(note)s") % {"note": review.note})
    return "; ".join(parts)


def log_history(reviews: Iterable[tuple[MetricReview, Metric]]) -> None:
    """Write each ``(review, metric)`` to Django admin's ``LogEntry`` as well: an addition
    for ``add``, else a change, by the reviewer, with ``history_message``. A new-user pass
    found a reviewed metric's admin History empty, the decisions only under 审核记录.
    Reviews without a reviewer (commands, tests) are left out: a LogEntry needs a user."""
    content_type = ContentType.objects.get_for_model(Metric)
    entries = [
        LogEntry(
            user_id=review.reviewer_id,
            content_type=content_type,
            object_id=str(metric.pk),
            object_repr=str(metric)[:200],
            action_flag=ADDITION if review.action == ReviewAction.ADD else CHANGE,
            change_message=history_message(review),
        )
        for review, metric in reviews
        if review.reviewer_id is not None
    ]
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def decide(
    metric: Metric,
    reviewer,
    action: str,
    corrections: Mapping | None = None,
    note: str = "",
) -> MetricReview:
    """Apply one decision to ``metric`` and record it.

    ``action`` is a ``ReviewAction`` value; ``corrections`` (for ``correct`` only) maps
    names from ``CORRECTABLE_FIELDS`` to new values (an ``Indicator``, a ``Decimal``, a
    unit string, a ``Metric.Bound`` value, a ``Region``, a bool). A correction that
    changes nothing is recorded as an approval. ``approx`` follows ``bound`` (any bound
    but exact is approximate). Raises ValueError for an unknown action or field.
    """
    action = ReviewAction(action)
    changes: dict[str, list[str]] = {}
    if action == ReviewAction.CORRECT:
        for name, new in (corrections or {}).items():
            if name not in CORRECTABLE_FIELDS:
                raise ValueError(f"field {name!r} cannot be corrected")
            old = getattr(metric, name)
            if _as_text(old) != _as_text(new):
                changes[name] = [_as_text(old), _as_text(new)]
                setattr(metric, name, new)
        if "bound" in changes:
            metric.approx = metric.bound != Metric.Bound.EXACT
        if not changes:
            action = ReviewAction.APPROVE
    status = STATUS_OF_ACTION[action]
    if metric.status != status:
        changes["status"] = [metric.status, status]
    metric.status = status
    with transaction.atomic():
        metric.save()
        review = MetricReview.objects.create(
            metric=metric, reviewer=reviewer, action=action, changes=changes, note=note
        )
        log_history([(review, metric)])
        data_changed()
    return review


def decide_all(queryset: QuerySet[Metric], reviewer, action: str, note: str = "") -> int:
    """Approve or reject every metric of ``queryset`` at once; returns how many.

    One history row per metric (with its old status), one UPDATE, one bump of the data
    version (``update()`` sends no signals). Raises ValueError for ``correct``, which
    needs values per metric.
    """
    action = ReviewAction(action)
    if action == ReviewAction.CORRECT:
        raise ValueError("a correction is made one metric at a time")
    status = STATUS_OF_ACTION[action]
    with transaction.atomic():
        # the fields str(metric) names, for the admin History's entries
        rows = list(
            queryset.order_by()
            .select_related(None)
            .only("pk", "status", "indicator_id", "region_id", "label", "value", "unit")
        )
        reviews = [
            MetricReview(
                metric_id=metric.pk,
                reviewer=reviewer,
                action=action,
                changes={"status": [metric.status, status]} if metric.status != status else {},
                note=note,
            )
            for metric in rows
        ]
        MetricReview.objects.bulk_create(reviews, batch_size=BATCH)
        log_history(zip(reviews, rows, strict=True))
        pks = [metric.pk for metric in rows]
        for start in range(0, len(pks), BATCH):  # bounded IN lists on every database
            Metric.objects.filter(pk__in=pks[start : start + BATCH]).update(status=status)
        # update() sends no signals; winners before coverage, the order of every writer
        compare_winners.touch((m.indicator_id, m.region_id) for m in rows)
        touch(m.indicator_id for m in rows)
        data_changed()
    return len(rows)
