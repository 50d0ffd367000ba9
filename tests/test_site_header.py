"""``{% site_header %}`` (``articles/templatetags/site.py``) renders what ``base.html``'s
header rendered before it was kept per language and page: that template is the reference
here, and each request still gets its own CSRF token and return address."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

#: ``base.html`` from the skip link to ``</header>`` before the tag, as it was (its
#: comment left out: it renders nothing).
REFERENCE = (
    "{% load i18n %}{% get_current_language as LANGUAGE_CODE %}"
    '  <a class="skip-link" href="#main">{% translate "跳到正文" %}</a>\n'
    '  <header class="site-header">\n'
    '    <a class="brand" href="{% url \'articles:overview\' %}">govreports</a>\n'
    "    <nav aria-label=\"{% translate '主导航' %}\">\n"
    "      <ul>\n"
    "        {% with current=request.resolver_match.view_name %}\n"
    '        <li><a href="{% url \'articles:overview\' %}"{% if current == "articles:overview" %}'
    ' aria-current="page"{% endif %}>{% translate "概览" %}</a></li>\n'
    '        <li><a href="{% url \'articles:list\' %}"{% if current == "articles:list" %}'
    ' aria-current="page"{% endif %}>{% translate "文章" %}</a></li>\n'
    '        <li><a href="{% url \'articles:compare\' %}"{% if current == "articles:compare" %}'
    ' aria-current="page"{% endif %}>{% translate "地区比较" %}</a></li>\n'
    "        {% endwith %}\n"
    "      </ul>\n"
    "    </nav>\n"
    "    {% comment %}{% endcomment %}\n"
    '    <form class="language-switch" action="{% url \'set_language\' %}" method="post" '
    "aria-label=\"{% translate '界面语言' %}\">\n"
    "      {% csrf_token %}\n"
    '      <input name="next" type="hidden" '
    'value="{{ request.url_without_lang|default:request.get_full_path }}">\n'
    "      {% get_available_languages as LANGUAGES %}\n"
    "      {% get_language_info_list for LANGUAGES as languages %}\n"
    "      {% for language in languages %}\n"
    '        <button type="submit" name="language" value="{{ language.code }}" '
    'lang="{{ language.code }}" aria-pressed="{% if language.code == LANGUAGE_CODE %}true'
    '{% else %}false{% endif %}">{{ language.name_local }}</button>\n'
    "      {% endfor %}\n"
    "    </form>\n"
    "  </header>"
)


def _request(path: str, token: str | None, *, without_lang: str | None = None):
    request = RequestFactory().get(path)
    try:
        request.resolver_match = resolve(request.path_info)
    except Exception:  # noqa: BLE001 (a 404 page has no match)
        request.resolver_match = None
    if without_lang is not None:
        request.url_without_lang = without_lang
    if token is not None:
        request.META["CSRF_COOKIE"] = token
    return request


#: (path, CSRF cookie, ``url_without_lang``, the navigation item marked current)
CASES = [
    ("/", "a" * 32, None, "/"),
    ("/articles/?q=%3Cb%3E%26%22", "b" * 32, "/articles/?q=%3Cb%3E%26%22", "/articles/"),
    ("/articles/12/", "c" * 32, "", None),
    ("/compare/?indicator=x&lang=en", "d" * 32, "/compare/?indicator=x", "/compare/"),
    ("/regions/510821/", None, None, None),
    ("/no-such-page/", "e" * 32, None, None),
]
#: A masked CSRF token differs at every rendering (Django masks it afresh).
MASKED = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _unmasked(html: str) -> str:
    return MASKED.sub('name="csrfmiddlewaretoken" value="T"', html)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_kept_header_renders_what_the_template_did(language):
    engine = engines["django"]
    reference = engine.from_string(REFERENCE)
    tag = engine.from_string("{% load site %}{% site_header %}")
    with translation.override(language):
        for _round in range(2):  # the second round reads the kept pieces
            for path, token, without_lang, current in CASES:
                request = _request(path, token, without_lang=without_lang)
                expected = _unmasked(reference.render({}, request))
                assert _unmasked(tag.render({}, request)) == expected
                assert 'name="csrfmiddlewaretoken"' in expected  # a new token without a cookie
                marked = re.findall(r'<a href="([^"]*)" aria-current="page"', expected)
                assert marked == ([current] if current else [])


def test_each_request_gets_its_own_token_and_address():
    engine = engines["django"]
    tag = engine.from_string("{% load site %}{% site_header %}")
    from django.middleware.csrf import _unmask_cipher_token

    first = tag.render({}, _request("/articles/?q=1", "f" * 32))
    second = tag.render({}, _request("/articles/?q=2&x=%3C", "g" * 32))
    tokens = [
        re.search(r'csrfmiddlewaretoken" value="([^"]*)"', h).group(1) for h in (first, second)
    ]
    assert [_unmask_cipher_token(t) for t in tokens] == ["f" * 32, "g" * 32]
    assert '<input name="next" type="hidden" value="/articles/?q=1">' in first
    assert '<input name="next" type="hidden" value="/articles/?q=2&amp;x=%3C">' in second


def test_no_request_no_token_no_address():
    tag = engines["django"].from_string("{% load site %}{% site_header %}")
    html = tag.render({})
    assert (
        "csrfmiddlewaretoken" not in html and '<input name="next" type="hidden" value="">' in html
    )
