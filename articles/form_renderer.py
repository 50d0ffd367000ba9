"""A form renderer that builds Django's ``<input>`` widgets in Python (the article list's
filter form).

Django renders every widget through a template: ``text.html`` includes ``input.html``,
which includes ``attrs.html`` and loops over the attributes. The list's filter form has
six such inputs (search, region, two dates, year, the verified checkbox): 0.8 ms of a
list page's CPU through the engine. ``QuickInputRenderer`` renders those templates'
markup from the same context, byte for byte (``tests/test_form_renderer.py`` compares
it with Django's templates), and hands every other template (selects, error lists) to
Django's own renderer.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

#: Django's widget templates that are ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "search",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
)


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping: the text of ``value``, escaped
    unless ``value`` is safe (the filter is ``is_safe``: it keeps a safe input safe)."""
    return str(conditional_escape(value))


def input_html(widget: dict) -> str:
    """``django/forms/widgets/input.html`` (with ``attrs.html``) for a widget's context
    (``Widget.get_context(...)["widget"]``)."""
    attrs = "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{_text(value)}"')
        for name, value in widget["attrs"].items()
        if value is not False
    )
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{attrs}>'
    )


class QuickInputRenderer(DjangoTemplates):
    """Django's default form renderer, with ``INPUT_TEMPLATES`` built by ``input_html``."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        return super().render(template_name, context, request=request)


#: The one instance (a renderer keeps its template engine).
QUICK_INPUTS = QuickInputRenderer()
