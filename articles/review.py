"""Review decisions on metrics (issue 11): approve, reject or correct, one or many.

Every decision goes through here so that it is recorded (``MetricReview``: who, when,
what changed as ``{field: [old, new]}``, an optional note) and moves the data version on
(``cache.data_changed``) in the same transaction, so public pages, compare and
exports follow at once. A correction keeps the extracted values in the history and sets
the status ``corrected``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet

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
        rows = list(queryset.order_by().values_list("pk", "status", "indicator_id", "region_id"))
        MetricReview.objects.bulk_create(
            [
                MetricReview(
                    metric_id=pk,
                    reviewer=reviewer,
                    action=action,
                    changes={"status": [old, status]} if old != status else {},
                    note=note,
                )
                for pk, old, _indicator, _region in rows
            ],
            batch_size=BATCH,
        )
        pks = [pk for pk, *_ in rows]
        for start in range(0, len(pks), BATCH):  # bounded IN lists on every database
            Metric.objects.filter(pk__in=pks[start : start + BATCH]).update(status=status)
        # update() sends no signals; winners before coverage, the order of every writer
        compare_winners.touch((indicator, region) for _pk, _s, indicator, region in rows)
        touch(indicator for _pk, _status, indicator, _region in rows)
        data_changed()
    return len(rows)
