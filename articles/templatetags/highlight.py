"""Template tags that show an article body with its metrics' evidence highlighted.

``{% highlight_body article.body metrics %}`` renders the body as ``<p>`` paragraphs (one
per non-blank line) with each metric's evidence span wrapped in ``<mark>``. The body is
escaped piece by piece (``html.escape``); no article text is ever marked safe as is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..formatting import bound_mark, grouped, metric_text, plain_decimal
from ..models import Metric

register = template.Library()


@dataclass(frozen=True)
class Span:
    """An evidence span ``[start, end)`` of the body for the metric with ``key``
    (used for the anchor id ``m-<key>``), with ``title`` shown on hover."""

    start: int
    end: int
    key: int | str
    title: str


@dataclass
class Segment:
    """A run of body text covered by the same spans (none for plain text).
    ``starts`` are the keys of spans that begin here (they get the anchor ids)."""

    text: str
    spans: list[Span] = field(default_factory=list)
    starts: list[Span] = field(default_factory=list)


def split_segments(body: str, spans: Iterable[Span]) -> list[list[Segment]]:
    """Cut ``body`` into paragraphs (non-blank lines), each a list of segments whose
    boundaries are every span start/end and line break.

    Overlapping or nested spans are fine: a segment covered by two spans lists both.
    Spans out of the body's range are clipped; empty ones are dropped.
    """
    valid = []
    for span in spans:
        start, end = max(0, span.start), min(len(body), span.end)
        if start < end:
            valid.append(Span(start, end, span.key, span.title))
    cuts = {0, len(body)}
    for span in valid:
        cuts.update((span.start, span.end))
    cuts.update(i for i, ch in enumerate(body) if ch == "\n")
    cuts.update(i + 1 for i, ch in enumerate(body) if ch == "\n")
    points = sorted(cuts)

    paragraphs: list[list[Segment]] = [[]]
    started: set = set()
    for a, b in zip(points, points[1:], strict=False):
        text = body[a:b]
        if text == "\n":
            paragraphs.append([])
            continue
        covering = [s for s in valid if s.start <= a and b <= s.end]
        starts = [s for s in covering if s.key not in started]
        started.update(s.key for s in starts)
        paragraphs[-1].append(Segment(text, covering, starts))
    return [p for p in paragraphs if any(seg.text.strip() for seg in p)]


def render_segments(paragraphs: Sequence[Sequence[Segment]]) -> SafeString:
    """HTML for ``split_segments`` output; every text is escaped (``html.escape``, as
    ``format_html`` escaped each piece it was built with: the same markup in a third of
    the time)."""
    separator = pgettext("separator of metrics in one tooltip", "；")
    paragraphs_html = []
    for para in paragraphs:
        parts = []
        for seg in para:
            if not seg.spans:
                parts.append(escape(seg.text))
                continue
            anchors = "".join(
                f'<span id="m-{escape(s.key)}" class="anchor"></span>' for s in seg.starts[1:]
            )
            ident = f' id="m-{escape(seg.starts[0].key)}"' if seg.starts else ""
            keys = escape(" ".join(f"m-{s.key}" for s in seg.spans))
            title = escape(separator.join(s.title for s in seg.spans))
            css = "evidence overlap" if len(seg.spans) > 1 else "evidence"
            parts.append(
                f'{anchors}<mark{ident} class="{css}" data-metrics="{keys}" title="{title}">'
                f"{escape(seg.text)}</mark>"
            )
        inner = "".join(parts)
        if is_subheading("".join(seg.text for seg in para), para):
            paragraphs_html.append(f'<h2 class="body-subhead">{inner}</h2>')
        else:
            paragraphs_html.append(f"<p>{inner}</p>")
    return mark_safe("\n".join(paragraphs_html))  # noqa: S308 (every text escaped above)


def escape(text) -> str:
    """``django.utils.html.escape`` as a plain ``str`` (``html.escape`` of the text)."""
    return html.escape(str(text))


#: Longest line read as a section heading inside a body (思想为先文明培育有温度 is 11).
SUBHEADING_MAX_CHARS = 20


def is_subheading(text: str, segments: Sequence[Segment] = ()) -> bool:
    """True for a body paragraph that is a section heading of a feature story: short
    (at most ``SUBHEADING_MAX_CHARS``), no sentence or clause punctuation, no metric in
    it. Such lines (弘扬主旋律志愿服务有“温度”) are printed bold on the page."""
    text = text.strip()
    return (
        0 < len(text) <= SUBHEADING_MAX_CHARS
        and not any(ch in text for ch in "。！？；，：（）,.!?;:()")
        and not any(seg.spans for seg in segments)
    )


def bound_sign(metric) -> str:
    """``≥`` for a lower bound (余/多/超), ``≤`` for an upper one (近/不足), ``≈`` for
    约/左右 or an approximate value with no direction; empty when exact."""
    return bound_mark(metric.bound, metric.approx)


def bound_label(bound: str) -> str:
    """``Metric.get_bound_display()`` in the active language ('下限（余/多/超）' for
    ``lower``; an unknown value as is), without it: that hashes every lazy choice label,
    five translation look-ups a call, 30 µs; a region page's metric table calls it twice a
    row."""
    try:
        return str(Metric.Bound(bound).label)
    except ValueError:
        return bound


def metric_value_text(metric) -> str:
    """``≥5.11万人``-style text (``formatting.metric_text``, exact, active language)."""
    return metric_text(metric)


@register.simple_tag
def highlight_body(body: str, metrics: Iterable) -> SafeString:
    """The body as paragraphs with each metric's evidence in ``<mark id="m-<pk>">``,
    titled with its value and unit (``metrics`` are ``Metric`` rows of this body)."""
    spans = [
        Span(
            m.evidence_start,
            m.evidence_end,
            m.pk,
            f"{m.indicator.name if m.indicator_id else m.label}: {metric_value_text(m)}"
            + (pgettext("metric title suffix", "（目标）") if m.target else ""),
        )
        for m in metrics
    ]
    return render_segments(split_segments(body, spans))


def bound_labels() -> dict[str, str]:
    """``{bound: bound_label(bound)}`` of every ``Metric.Bound`` in the active language:
    for a caller that shows many rows (a region page's metric tables, 50 rows)."""
    return {bound.value: str(bound.label) for bound in Metric.Bound}


@register.filter
def metric_value(metric) -> SafeString:
    """A metric's value for tables: the bound sign in an ``<abbr>`` saying what it means
    (下限/上限/约数), then the value or range and the unit, all escaped (``html.escape``
    of each part, what ``format_html`` did, at a third of its cost: two calls a row of
    every metric table)."""
    return metric_value_html(metric)


def metric_value_html(
    metric, *, lang: str | None = None, labels: dict[str, str] | None = None
) -> SafeString:
    """``metric_value`` with the language (``"zh"``/``"en"``, None: the active one) and
    the bounds' labels (``bound_labels()``) looked up once by a caller of many rows."""
    sign = bound_sign(metric)
    rest = metric_text(metric, lang=lang)[len(sign) :]
    value = (
        f'<data value="{escape(plain_decimal(metric.value))}" '
        f'title="{escape(grouped(metric.value))}">{escape(rest)}</data>'
    )
    if not sign:
        return mark_safe(value)  # noqa: S308 (every part escaped)
    if not metric.bound:
        meaning = _("约数")
    elif labels is not None:
        meaning = labels.get(metric.bound, metric.bound)  # ``bound_label``
    else:
        meaning = bound_label(metric.bound)
    return mark_safe(f'<abbr title="{escape(meaning)}">{escape(sign)}</abbr>{value}')  # noqa: S308


#: Characters of body text shown around the first search hit in a result list.
SNIPPET_CHARS = 60


@register.filter
def marked(text: str, q: str = "") -> SafeString:
    """``text`` escaped, with the parts matching the search ``q`` in ``<mark class="hit">``
    (``search.highlight_spans``: Traditional or Simplified, spaces between characters)."""
    from ..search import Highlighter

    return marked_by(text, Highlighter(q))


def marked_by(text: str, highlighter) -> SafeString:
    """``marked(text, q)`` with ``highlighter`` a ``search.Highlighter`` of ``q``."""
    text = str(text or "")
    out, last = [], 0
    # each part through ``html.escape``, as ``format_html`` escaped it (a slice is a
    # plain ``str``), without its per-call wrapping: 25 results a search page
    for start, end in highlighter.spans(text):
        out += (escape(text[last:start]), '<mark class="hit">', escape(text[start:end]), "</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every part of the text escaped)


@register.filter
def snippet(text: str, q: str = "") -> SafeString:
    """About ``SNIPPET_CHARS`` characters of ``text`` around the first hit of ``q``,
    marked; empty when ``q`` has no hit in it."""
    from ..search import Highlighter

    return snippet_by(text, Highlighter(q))


def snippet_by(text: str, highlighter) -> SafeString:
    """``snippet(text, q)`` with ``highlighter`` a ``search.Highlighter`` of ``q``."""
    text = text or ""
    spans = highlighter.spans(text)
    if not spans:
        return mark_safe("")  # nothing to escape
    start = max(0, spans[0][0] - SNIPPET_CHARS // 2)
    end = min(len(text), start + SNIPPET_CHARS)
    inner = marked_by(text[start:end], highlighter)
    before, after = "…" if start else "", "…" if end < len(text) else ""
    return mark_safe(f"{before}{inner}{after}")  # noqa: S308 (``inner`` is escaped)
