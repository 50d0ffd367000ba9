"""``{% review_waiting as n %}``: how many metrics wait for review (the admin index's
link to the queue shows it)."""

from django import template

from ..models import Metric, MetricStatus

register = template.Library()


@register.simple_tag
def review_waiting() -> int:
    """The number of metrics with status ``extracted`` (one indexed COUNT)."""
    return Metric.objects.filter(status=MetricStatus.EXTRACTED).count()
