"""Markup rendered once per language and kept in the process.

``{% kept "includes/x.html" %}``: a template that depends on nothing but the language
(translations, ``{% url %}`` without arguments, ``{% static %}``), rendered with an empty
context once per language (the article page's metric table head: eight translations).

``{% site_header %}``: the header of every page (``base.html``), rendered once per
language and page and kept.

The header (skip link, navigation with the current page marked, the language switch with
a button per language) is some 30 template nodes: 0.4 ms of every page's CPU through
the engine (eleven translations, six ``reverse()``, the language list). All of it depends
only on the active language and the page's URL name, except the language form's CSRF
token and return address, which differ per request: ``includes/site_header.html`` is
rendered with markers in their place, cut at the markers and kept; each request joins
the pieces with its own token field (``{% csrf_token %}``'s own rendering) and address,
escaped. The pieces are dropped when a setting changes (tests override ``LANGUAGES`` or
the URLconf).
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

#: Stand in for the per-request parts while the header is rendered for keeping (private
#: use characters: no translation, URL or language name holds them, and escaping keeps them).
_TOKEN = "\ue000csrf\ue000"
_NEXT = "\ue000next\ue000"
_kept: dict[tuple[str, str], tuple[str, str, str]] = {}


_kept_templates: dict[tuple[str, str], str] = {}


def _forget(**_kwargs) -> None:
    _kept.clear()
    _kept_templates.clear()


setting_changed.connect(_forget)


def _pieces(language: str, view_name: str) -> tuple[str, str, str]:
    key = (language, view_name)
    pieces = _kept.get(key)
    if pieces is None:
        html = get_template("includes/site_header.html").render(
            {"view_name": view_name, "csrf_input": mark_safe(_TOKEN), "next_url": _NEXT}
        )
        html = html.removesuffix("\n")
        before, rest = html.split(_TOKEN)
        middle, after = rest.split(_NEXT)
        pieces = _kept[key] = (before, middle, after)
    return pieces


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """The page's header: the kept pieces for the active language and the request's URL
    name, with this request's CSRF token field and the language form's return address
    (``request.url_without_lang``, else the full path; see
    ``LanguageParameterMiddleware``). Needs ``request`` in the context for those two."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    before, middle, after = _pieces(get_language() or "", getattr(match, "view_name", "") or "")
    token = CsrfTokenNode().render(context)
    address = ""
    if request is not None:
        address = getattr(request, "url_without_lang", "") or request.get_full_path()
    return mark_safe(before + token + middle + escape(address) + after)  # noqa: S308 (escaped)


@register.simple_tag
def kept(template_name: str) -> SafeString:
    """``template_name`` rendered with an empty context (so nothing of the page or the
    request can reach it) once per active language, and kept; its final newline left
    out, so the tag stands in for the markup on the including template's line."""
    key = (template_name, get_language() or "")
    html = _kept_templates.get(key)
    if html is None:
        html = _kept_templates[key] = get_template(template_name).render({}).removesuffix("\n")
    return mark_safe(html)  # noqa: S308 (a template's own output, escaped by it)
