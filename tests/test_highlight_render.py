"""``highlight.render_segments`` (f-strings and ``html.escape``) renders what it rendered
with ``format_html`` (that version is kept here as the reference), and ``{% kept %}``
renders a template once per language."""

from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import pgettext

from articles.templatetags.highlight import Span, is_subheading, render_segments, split_segments


def reference_render(paragraphs):
    """``render_segments`` before, as it was."""

    def render_segment(seg):
        if not seg.spans:
            return format_html("{}", seg.text)
        anchors = format_html_join(
            "", '<span id="m-{}" class="anchor"></span>', ((s.key,) for s in seg.starts[1:])
        )
        ident = format_html(' id="m-{}"', seg.starts[0].key) if seg.starts else ""
        keys = " ".join(f"m-{s.key}" for s in seg.spans)
        title = pgettext("separator of metrics in one tooltip", "；").join(
            s.title for s in seg.spans
        )
        css = "evidence overlap" if len(seg.spans) > 1 else "evidence"
        return format_html(
            '{}<mark{} class="{}" data-metrics="{}" title="{}">{}</mark>',
            anchors,
            ident,
            css,
            keys,
            title,
            seg.text,
        )

    def render_paragraph(para):
        inner = format_html_join("", "{}", ((render_segment(s),) for s in para))
        if is_subheading("".join(seg.text for seg in para), para):
            return format_html('<h2 class="body-subhead">{}</h2>', inner)
        return format_html("<p>{}</p>", inner)

    return format_html_join("\n", "{}", ((render_paragraph(p),) for p in paragraphs))


BODY = (
    "弘扬主旋律志愿服务有“温度”\n"
    "全县<实名>注册志愿者达5.11万余人&，服务时长“120万”小时。\n\n"
    "   \n"
    "其中党员志愿者1.2万人，占比约23%。\n"
    "短行\n"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_body_renders_as_with_format_html(language):
    start = BODY.index("全县")
    spans = [
        Span(start, start + 14, 7, '实名注册志愿者: ≥5.11万人 <"a">&'),
        Span(start + 5, start + 20, 8, "重叠"),  # overlaps the first
        Span(start + 6, start + 9, 9, "嵌套"),  # inside both
        Span(BODY.index("其中"), BODY.index("占比"), 10, "党员"),
        Span(len(BODY) - 2, len(BODY) + 40, 11, "clipped"),
        Span(3, 3, 12, "empty"),
    ]
    with translation.override(language):
        for chosen in (spans, spans[:1], []):
            paragraphs = split_segments(BODY, chosen)
            html = render_segments(paragraphs)
            assert html == reference_render(paragraphs)
            assert ('class="evidence overlap"' in html) == (len(chosen) > 1)
        assert '<h2 class="body-subhead">' in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_kept_renders_the_template_with_no_context_per_language(language):
    tag = engines["django"].from_string(
        '{% load site %}{% kept "includes/metric_table_head.html" %}'
    )
    plain = engines["django"].from_string('{% include "includes/metric_table_head.html" %}')
    with translation.override(language):
        assert tag.render({}) == plain.render({}).removesuffix("\n")
        assert ("Indicator" in tag.render({})) == (language == "en")


def _metric_value_by_format_html(metric):
    """``highlight.metric_value`` as it was written, with ``format_html``."""
    from django.utils.translation import gettext as _

    from articles.formatting import grouped, plain_decimal
    from articles.templatetags.highlight import bound_label, bound_sign, metric_value_text

    sign = bound_sign(metric)
    rest = metric_value_text(metric)[len(sign) :]
    value = format_html(
        '<data value="{}" title="{}">{}</data>',
        plain_decimal(metric.value),
        grouped(metric.value),
        rest,
    )
    if not sign:
        return value
    meaning = bound_label(metric.bound) if metric.bound else _("约数")
    return format_html('<abbr title="{}">{}</abbr>{}', meaning, sign, value)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_metric_value_is_what_format_html_built(language):
    """Every bound, approximate or not, ranges, units with characters to escape, a
    missing value: the f-string markup equals the ``format_html`` markup."""
    from types import SimpleNamespace

    from articles.templatetags.highlight import metric_value

    cases = [
        (Decimal("51104"), None, "人", "", False),
        (Decimal("51104"), None, "人", "lower", True),
        (Decimal("0.5"), Decimal("8"), "<元>&'\"", "upper", True),
        (Decimal("12345678.9"), None, "%", "about", True),
        (Decimal("3"), None, "个", "", True),
        (Decimal("3"), Decimal("3"), "个", "odd<bound>", True),
        (None, None, "人", "", False),
    ]
    with translation.override(language):
        for value, value_max, unit, bound, approx in cases:
            metric = SimpleNamespace(
                value=value, value_max=value_max, unit=unit, bound=bound, approx=approx
            )
            assert metric_value(metric) == _metric_value_by_format_html(metric)
