"""Form fields and forms of the article pages (the filter form of ``/articles/``)."""

from __future__ import annotations

import itertools
import re
from html import escape

import django_filters.fields
from django import forms
from django.core import validators
from django.db.models import Q
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from .gazetteer_build import FORMER_ADCODES
from .models import Region
from .names import bare_english_names
from .querytext import bound_search, search_operators
from .region_lookup import region_by_adcode

ADCODE_RE = re.compile(r"^[0-9]{6}$")


def by_bare_english(regions, texts: list[str]) -> dict[str, list]:
    """``{text.lower(): [regions]}``: the regions of queryset ``regions`` whose English
    name without its division type is one of ``texts`` (``Wangcang`` -> Wangcang County,
    any letter case; ``names.bare_english_names``), in adcode order; and, for a text
    with a u or a v, also the regions whose name has a ü typed so (``by_umlaut_spelling``):
    "Luliang" is both 陆良县 Luliang County and 吕梁市 Lüliang City, and is refused as
    ambiguous, naming both, as "Chaoyang" is. One query, two for a u or v typed."""
    wanted = {t.strip().lower() for t in texts if t.strip()}
    if not wanted:
        return {}
    starts = Q()
    for text in wanted:
        starts |= Q(name_en__istartswith=f"{text} ")
    found: dict[str, list] = {}
    for region in regions.filter(starts).order_by("adcode"):
        for bare in bare_english_names(region.name, region.short_name, region.name_en):
            if bare in wanted:
                found.setdefault(bare, []).append(region)
    for text, more in by_umlaut_spelling(regions, wanted).items():
        found.setdefault(text, []).extend(r for r in more if r not in found[text])
    return found


def fold_umlaut(text: str) -> str:
    """``text`` lower-cased with ü (and pinyin's keyboard stand-in v) read as u: the key
    under which ``Lüliang``, ``Lvliang`` and ``Luliang`` are one name."""
    return text.lower().replace("ü", "u").replace("v", "u")


def by_umlaut_spelling(regions, texts: set[str]) -> dict[str, list]:
    """``{text: [regions]}``: the regions of queryset ``regions`` with a ü in their
    English name (吕梁市 Lüliang City, 绿春县 Lüchun County) whose full or bare name
    (``names.bare_english_names``) is one of the lower-cased ``texts`` typed in ASCII,
    with v or u for the ü (``fold_umlaut``): a keyboard has no ü, and pinyin input writes
    it v. In adcode order; one query, none when no text has a u or a v."""
    folded = {fold_umlaut(t): t for t in texts if "u" in t or "v" in t}
    if not folded:
        return {}
    found: dict[str, list] = {}
    umlaut = Q(name_en__contains="ü") | Q(name_en__contains="Ü")
    for region in regions.filter(umlaut).order_by("adcode"):
        bare = bare_english_names(region.name, region.short_name, region.name_en)
        for name in {region.name_en, *bare}:
            text = folded.get(fold_umlaut(name))
            if text is not None and region not in found.get(text, []):
                found.setdefault(text, []).append(region)
    return found


def ambiguous_choices(regions) -> str:
    """The regions a name is shared by, for the error that asks for an adcode: each
    adcode with the region's path in the reader's language ('110105 北京市 朝阳区、220104
    吉林省 长春市 朝阳区'; 'Beijing Municipality Chaoyang District'), so the reader can
    tell which is which (the compare picker's list named only 朝阳区, twice: a new-user
    pass). ``regions``: ``Region`` rows with their parent and grandparent joined."""
    return pgettext("list separator", "、").join(
        f"{r.adcode} {' '.join(p.display_name for p in r.path())}" for r in regions
    )


class RegionField(forms.CharField):
    """A region typed as its 6-digit adcode (``510821``) or its unique name (``旺苍县``,
    ``旺苍``, ``Wangcang County``, or without its type, ``Wangcang``; any letter case).
    Cleans to the ``Region`` (with parent and grandparent joined, so its path
    costs no further query) or ``None`` when empty.

    Raises ``ValidationError`` for an unknown code or name, and for a name shared by
    several regions (朝阳区, 鼓楼区), listing their adcodes so the user can pick one.
    """

    default_error_messages = {
        "unknown": _("没有这个地区：%(value)s（请输入6位区划代码或地区名称）"),
        "ambiguous": _("“%(value)s”有多个地区，请用区划代码：%(choices)s"),
    }

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        regions = Region.objects.select_related("parent__parent")
        if ADCODE_RE.match(text):  # one statement compiled once, parents read
            found = [r for r in [region_by_adcode(text)] if r is not None]
        else:
            found = (
                list(regions.filter(name=text)[:10])
                or list(regions.filter(short_name=text)[:10])
                or list(regions.filter(name_en__iexact=text)[:10])
                or by_bare_english(regions, [text]).get(text.lower(), [])
            )
        if not found:
            raise forms.ValidationError(
                self.error_messages["unknown"],
                code="unknown",
                params={"value": Truncator(text).chars(40)},  # not a hostile value whole
            )
        if len(found) > 1:
            choices = ambiguous_choices(found)
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"value": text, "choices": choices},
            )
        return found[0]


#: What a NUL character in a text parameter is told (Django's own message, in Chinese,
#: says "empty string", which reads as a blank field).
NUL_MESSAGE = _("含有空字符（NUL），无法使用：请删去它。")


class RefusesNul:
    """A form mixin: every text field refuses a NUL character with ``NUL_MESSAGE``
    (Django's ``ProhibitNullCharactersValidator``, code ``null_characters_not_allowed``,
    with this project's words). A NUL reaches the filter forms because the middleware lets
    their pages answer it with a form error (``RejectNulBytesMiddleware``); the field
    refuses it before any query, which PostgreSQL could not run. Once cleaned, the form's
    data has its NULs removed, so the inputs it renders never echo one (``value="a\x00b"``
    is shown as ``ab`` beside the error)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse = validators.ProhibitNullCharactersValidator(message=NUL_MESSAGE)
        for field in self.fields.values():
            field.validators = [
                refuse if isinstance(v, validators.ProhibitNullCharactersValidator) else v
                for v in field.validators
            ]

    def full_clean(self):
        super().full_clean()
        if self.is_bound and any("\x00" in value for value in _texts(self.data)):
            # a field without the validator (a choice: ``o``) names its value in its own
            # error (``\x00 不在可用的选项中``): its error is the NUL's instead
            for name in list(self._errors or {}):
                values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
                if name in self.fields and any("\x00" in str(v) for v in values):
                    del self._errors[name]
                    self.add_error(
                        name, forms.ValidationError(NUL_MESSAGE, code="null_characters_not_allowed")
                    )
            data = self.data.copy()
            if hasattr(data, "setlist"):  # a QueryDict: every value of every key
                for key in list(data):
                    data.setlist(key, [_without_nul(v) for v in data.getlist(key)])
            else:
                data = {key: _without_nul(value) for key, value in data.items()}
            self.data = data


#: What a NUL in a parameter no form field reads is told (compare's ``find``, ``o``,
#: ``tab``: read by the view, not its form), naming the parameter.
NUL_PARAMETER_MESSAGE = _("参数“%(names)s”含有空字符（NUL），无法使用：请删去它。")


def nul_outside_form(data, fields) -> list[str]:
    """The query-string keys of ``data`` (a QueryDict) that hold a NUL, in their key or in
    any of their values, and are not among ``fields`` (a form's field names, whose NULs
    ``RefusesNul`` refuses): ``[]`` when none. Keys are given without their NULs, to be
    named in ``NUL_PARAMETER_MESSAGE``."""
    return [
        key.replace("\x00", "")
        for key, values in data.lists()
        if key not in fields and ("\x00" in key or any("\x00" in v for v in values))
    ]


def query_without_nul(data):
    """A copy of QueryDict ``data`` with every NUL removed from its keys and values, so a
    page that echoes the query string (hidden inputs, links) never writes one."""
    clean = data.copy()
    clean.clear()
    for key, values in data.lists():
        clean.setlist(key.replace("\x00", ""), [_without_nul(v) for v in values])
    return clean


def _texts(data) -> list[str]:
    """Every text value of form ``data`` (a QueryDict's lists included)."""
    if hasattr(data, "lists"):
        return [v for _, values in data.lists() for v in values if isinstance(v, str)]
    return [v for v in data.values() if isinstance(v, str)]


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


#: The query-string values a checkbox parameter takes, and what they mean.
CHECKBOX_VALUES = {"": False, "0": False, "false": False, "off": False}
CHECKBOX_VALUES |= {"1": True, "true": True, "on": True}


class StrictCheckboxInput(forms.CheckboxInput):
    """A checkbox whose query-string value reaches its field as typed (Django's
    ``CheckboxInput`` turns any value but false/0 into True, so ``?verified=maybe`` was
    checked); ``None`` when absent. Checked when the value means true."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs, check_test=lambda v: v is True or CHECKBOX_VALUES.get(str(v).lower()) is True
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        """No ``value`` attribute from the data: the widget's own ``value`` attribute is
        what a checked box submits (a typed ``maybe`` is not sent back)."""
        return None


class NamesInvalidValue:
    """A form field mixin: its ``invalid`` error names the value refused (cut to 40
    characters: a hostile value is not echoed whole), where a browser's input cannot
    hold the value and shows itself empty. The field's ``invalid`` message takes
    ``%(value)s``."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid":
                raise
            shown = Truncator(str(value)).chars(40)  # a hostile value is not echoed whole
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": shown}
            ) from None


class NamedRange:
    """A validator: a number from ``first`` to ``last`` inclusive, else
    ``ValidationError`` (code ``out_of_range``) with ``message``, which may name the
    number refused (``%(value)s``, cut to 40 characters) and the range (``%(first)s``,
    ``%(last)s``). Django's min/max validators say only "Ensure this value is less than
    or equal to 2100." (a new-user pass)."""

    def __init__(self, first: int, last: int, message: str):
        self.first, self.last, self.message = first, last, message

    def __call__(self, value: int) -> None:
        if not self.first <= value <= self.last:
            shown = Truncator(str(value)).chars(40)
            params = {"value": shown, "first": self.first, "last": self.last}
            raise forms.ValidationError(self.message, code="out_of_range", params=params)


class EchoingDateField(NamesInvalidValue, forms.DateField):
    """A date parameter whose error names the value it refused: a browser's date input
    cannot hold an invalid date and shows itself empty, so "Enter a valid date." left
    the reader guessing what was wrong (``?published_after=2024-13-45``: a new-user
    pass), where a bad region or year is named in its error."""

    default_error_messages = {
        "invalid": _("“%(value)s”不是有效的日期：请写成 年-月-日，如 2024-01-16。"),
    }


class StrictBooleanField(forms.BooleanField):
    """A checkbox parameter: absent, empty, ``0``, ``false`` or ``off`` is False, ``1``,
    ``true`` or ``on`` (any case) is True; any other value is an ``invalid`` error naming
    it, like every other bad parameter."""

    widget = StrictCheckboxInput
    default_error_messages = {
        "invalid": _("“%(value)s”不是有效的值：勾选时为 1，不勾选时省略。"),
    }

    def to_python(self, value):
        if value is None or value is True or value is False:
            return bool(value)
        meaning = CHECKBOX_VALUES.get(str(value).strip().lower())
        if meaning is None:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return meaning


#: What a parameter given two different values is told: it took the last one silently
#: (``?level=county&level=province`` showed "no province has a value"; a new-user pass).
REPEATED_MESSAGE = _("参数“%(name)s”给了不止一个值（%(values)s）：只能给一个。")


def repeated_error(name: str, values: list[str]) -> forms.ValidationError:
    """The error (code ``repeated``) for parameter ``name`` given the different ``values``,
    each cut to 40 characters: ``REPEATED_MESSAGE``, for a form's field
    (``OneValueEach``) and for ``format`` (``views.lists.bad_format``) alike."""
    shown = pgettext("list separator", "、").join(Truncator(v).chars(40) for v in values)
    return forms.ValidationError(
        REPEATED_MESSAGE, code="repeated", params={"name": name, "values": shown}
    )


class OneValueEach:
    """A form mixin for query-string forms whose fields each take one value: a parameter
    repeated with two or more different non-empty values is an error on its field (code
    ``repeated``) naming them, each cut to 40 characters; repeats of one value, or empty
    repeats beside one value (a form sends every field), are read as that value. Django
    reads the last value of a repeated key, which dropped ``?topic=nope&topic=``'s error
    and ``?year=2024&year=2023``'s first year without a word."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.repeated: dict[str, list[str]] = {}
        if not (self.is_bound and hasattr(self.data, "getlist")):
            return
        data = None
        for name in self.fields:
            values = self.data.getlist(name)
            if len(values) < 2:
                continue
            distinct = list(dict.fromkeys(v for v in values if v != ""))
            if len(distinct) > 1:
                self.repeated[name] = distinct
                continue
            data = data if data is not None else self.data.copy()
            data.setlist(name, distinct or [""])
        if data is not None:
            self.data = data

    def full_clean(self):
        super().full_clean()
        for name, values in self.repeated.items():
            self.add_error(name, repeated_error(name, values))


class DateRangeForm(OneValueEach, RefusesNul, forms.Form):
    """Base of every filter form with ``published_after``/``published_before``: a reversed
    range is a non-field error (code ``reversed_dates``) and both dates are dropped, on
    the list, the compare page and their exports alike."""

    def clean(self):
        cleaned = super().clean()
        after = cleaned.get("published_after")
        before = cleaned.get("published_before")
        if after and before and after > before:
            self.add_error(
                None,
                forms.ValidationError(
                    _("起始日期晚于截止日期：%(after)s > %(before)s"),
                    code="reversed_dates",
                    params={"after": after, "before": before},
                ),
            )
            cleaned.pop("published_after", None)
            cleaned.pop("published_before", None)
        return cleaned


#: How much of a cut search the notice under the box quotes.
NOTICE_QUOTE_CHARS = 20


class ArticleFilterForm(DateRangeForm):
    """Form of ``ArticleFilter``: like every invalid filter value, a reversed date range is
    shown on the page and then ignored, and refused (400) by the exports.

    ``q`` is cut to the search index's limits (``search.MAX_TERMS`` terms,
    ``search.MAX_QUERY_CHARS`` characters), so the cost of a search is bounded whatever
    was typed; when that drops something, ``search_notice`` says so (shown under the
    search box) and the search runs with what was kept.
    """

    search_notice = ""

    def clean_q(self):
        from .search import MAX_QUERY_CHARS, MAX_TERMS, query_runs

        bounded = bound_search(
            self.cleaned_data.get("q") or "", max_terms=MAX_TERMS, max_chars=MAX_QUERY_CHARS
        )
        if bounded.trimmed:
            self.search_notice = _(
                "搜索内容过长：只按前 %(terms)s 个词、%(chars)s 个字搜索（“%(kept)s”）。"
            ) % {
                "terms": MAX_TERMS,
                "chars": MAX_QUERY_CHARS,
                # its start only: the box holds it whole, and 100 characters quoted under
                # it made the filter form 500 px tall (a new-user pass)
                "kept": Truncator(bounded.text).chars(NOTICE_QUOTE_CHARS),
            }
        if bounded.text and not query_runs(bounded.text):
            # ！！！ or (.*)* holds nothing the index can match: say so, filter nothing
            self.search_notice = _("搜索词里没有可搜索的文字或数字，未按搜索词筛选。")
            return ""
        operators = search_operators(bounded.terms)
        if operators and not self.search_notice:
            # 低保 -养老 listed exactly what 低保 养老 lists, the opposite of what was meant,
            # and 低保 OR 养老金 nothing, both without a word (a new-user pass)
            self.search_notice = _(
                "搜索不支持运算符（%(operators)s）：文章须包含每一个词，运算符按普通文字搜索。"
            ) % {"operators": pgettext("list separator", "、").join(operators)}
        return bounded.text


#: Separators between regions in ``regions=``: commas (ASCII or Chinese) and 、.
REGION_LIST_SPLIT = re.compile(r"\s*[,，、;；]\s*")
#: The most regions one comparison takes.
REGION_LIST_MAX = 100


class RegionListField(forms.CharField):
    """Regions typed as adcodes or unique names (Chinese, short or English), separated by
    commas: ``旺苍县,苍溪县,510823``, ``Wangcang County, Cangxi County`` or ``Wangcang,
    Cangxi`` (``by_bare_english``), English in any letter case (``wangcang county``, as
    the article list's region field takes it). Cleans to the adcodes in the order typed,
    duplicates dropped (``[]`` when empty), in one query (two when an English name is
    typed in another case, three when one is typed bare).

    Raises ``ValidationError`` naming every unknown or ambiguous entry (the ambiguous with
    their adcodes), and for more than ``REGION_LIST_MAX`` entries.
    """

    default_error_messages = {
        "unknown": _("没有这些地区：%(values)s（请输入6位区划代码或地区名称，用逗号分隔）"),
        "ambiguous": _("“%(value)s”有多个地区，请用区划代码：%(choices)s"),
        "too_many": _("最多比较%(max)s个地区，输入了%(n)s个。"),
    }

    def clean(self, value):
        text = super().clean(value)
        # a former code (gazetteer_build.FORMER_ADCODES) is read as today's, as the region
        # page and the list's region filter read it
        tokens = list(
            dict.fromkeys(
                FORMER_ADCODES.get(t, t) for t in REGION_LIST_SPLIT.split(text or "") if t
            )
        )
        if not tokens:
            return []
        if len(tokens) > REGION_LIST_MAX:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": REGION_LIST_MAX, "n": len(tokens)},
            )
        found = list(
            Region.objects.filter(
                Q(adcode__in=tokens)
                | Q(name__in=tokens)
                | Q(short_name__in=tokens)
                | Q(name_en__in=tokens)
            ).values_list("adcode", "name", "short_name", "name_en")
        )
        missing = [t for t in tokens if not any(t in r for r in found)]
        english: dict[str, list[tuple]] = {}  # full English names in another letter case
        if missing:
            any_case = Q()
            for token in missing:
                any_case |= Q(name_en__iexact=token)
            for row in Region.objects.filter(any_case).values_list(
                "adcode", "name", "short_name", "name_en"
            ):
                english.setdefault(row[3].lower(), []).append(row)
            missing = [t for t in missing if t.lower() not in english]
        bare = by_bare_english(Region.objects.all(), missing) if missing else {}
        adcodes, unknown = [], []
        for token in tokens:
            exact = [r for r in found if token in (r[0], r[1], r[3])]
            matches = exact or [r for r in found if r[2] == token]
            matches = matches or english.get(token.lower(), [])
            matches = matches or [
                (r.adcode, r.name, r.short_name, r.name_en) for r in bare.get(token.lower(), [])
            ]
            if not matches:
                unknown.append(token)
            elif len(matches) > 1:
                shared = Region.objects.select_related("parent__parent").filter(
                    adcode__in=[r[0] for r in matches]
                )
                choices = ambiguous_choices(sorted(shared, key=lambda r: r.adcode))
                raise forms.ValidationError(
                    self.error_messages["ambiguous"],
                    code="ambiguous",
                    params={"value": token, "choices": choices},
                )
            elif matches[0][0] not in adcodes:
                adcodes.append(matches[0][0])
        if unknown:
            raise forms.ValidationError(
                self.error_messages["unknown"],
                code="unknown",
                params={
                    "values": pgettext("list separator", "、").join(
                        Truncator(token).chars(40) for token in unknown
                    )
                },
            )
        return adcodes


class CanonicalChoices(BaseChoiceIterator):
    """Choices already in Django's canonical form (``[(value, label)]``, a group as
    ``(name, [(value, label), ...])``), kept as they are: ``normalize_choices`` passes a
    ``BaseChoiceIterator`` through, where a list is rebuilt, option by option, each time
    the choices are iterated (validation, rendering: compare's indicator, region and
    topic pickers, ~550 options, three times a request)."""

    def __init__(self, choices):
        self.choices = list(choices)
        self._html: dict = {}
        self._joined: dict = {}

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def options_html(self) -> list[tuple]:
        """``QuickSelect``'s markup of these choices in the active language (labels may be
        lazy), built once per language: ``(value, html, selected html)`` per option,
        ``(None, html, html)`` for a group's opening and closing tags. Compare's pickers
        are the same object from request to request (``cache.derived``): their ~550
        options are escaped once, not on every page."""
        language = get_language()
        if language not in self._html:
            self._html[language] = list(_options_html(self.choices))
        return self._html[language]

    def options_joined(self) -> tuple[str, dict]:
        """``options_html`` joined, none selected, and ``{value: (position, html,
        selected html)}`` of each value's first option, built once per language: a
        single select's markup is the joined text with one option's html replaced
        (``QuickSelect.render``), not a loop over the ~550 options on every page."""
        language = get_language()
        if language not in self._joined:
            parts = self.options_html()
            first: dict = {}
            for position, (value, html, selected_html) in enumerate(parts):
                if value is not None and value not in first:
                    first[value] = (position, html, selected_html)
            self._joined[language] = ("".join(html for _v, html, _s in parts), first)
        return self._joined[language]


def _options_html(choices):
    """The parts of ``CanonicalChoices.options_html``, as ``QuickSelect.render`` writes
    them."""
    for option_value, option_label in choices:
        if option_value is None:
            option_value = ""
        if isinstance(option_label, list | tuple):
            group, options = option_value, option_label
        else:
            group, options = None, ((option_value, option_label),)
        if group:
            opening = f'\n  <optgroup label="{conditional_escape(group)}">'
            yield None, opening, opening
        for sub_value, label in options:
            label = escape(label) if type(label) is str else conditional_escape(label)
            head = f'\n  <option value="{escape(str(sub_value))}"'
            yield (
                str(sub_value),
                f"{head}>{label}</option>\n",
                f"{head} selected>{label}</option>\n",
            )
        if group:
            yield None, "\n  </optgroup>", "\n  </optgroup>"


def _attrs_html(attrs: dict) -> str:
    """Django's ``django/forms/widgets/attrs.html`` in Python: `` name="value"`` per
    attribute, the bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """``forms.Select`` with the markup of Django's ``select.html`` and
    ``select_option.html`` built in Python, byte for byte (``tests/test_forms_select.py``
    compares the two). Compare's region ``within`` picker has ~380 options: through the
    template engine, an include per option, they were 15 ms of the page (issue 9.3)."""

    def render(self, name, value, attrs=None, renderer=None):
        # ``get_context``'s work (``build_attrs``, ``format_value``, ``optgroups``) done
        # here without a dict per option: compare's four selects have ~550 options.
        final = self.build_attrs(self.attrs, attrs)
        multiple = self.allow_multiple_selected
        if multiple:
            final["multiple"] = True
        chosen = self.format_value(value)
        parts = [f'<select name="{conditional_escape(name)}"{_attrs_html(final)}>']
        has_selected = False
        choices, canonical = self._kept_options()
        kept = canonical.options_html() if canonical is not None and multiple else ()
        # the choices rendered here (and, for a multiple select, those escaped already by
        # ``CanonicalChoices``), one loop: ``(value, html, selected html)``, value None
        # for a group's tags
        for sub_value, html, selected_html in itertools.chain(_options_html(choices), kept):
            if sub_value is None:
                parts.append(html)
                continue
            selected = (not has_selected or multiple) and sub_value in chosen
            has_selected |= selected
            parts.append(selected_html if selected else html)
        if canonical is not None and not multiple:
            # a single select's one selected option (the first chosen, in the options'
            # order) put into the options joined once
            joined, first = canonical.options_joined()
            found = [first[v] for v in chosen if v in first] if not has_selected else ()
            if found:
                _position, html, selected_html = min(found)
                joined = joined.replace(html, selected_html, 1)
            parts.append(joined)
        parts.append("\n</select>")
        return mark_safe("".join(parts))

    def _kept_options(self) -> tuple:
        """``(choices to render here, CanonicalChoices or None)``: a ``django_filters``
        field wraps its ``CanonicalChoices`` in an iterator that yields its empty (and
        null) label first, then the choices; those first ones are rendered here, the rest
        comes escaped already. Other choices: all rendered here (None)."""
        choices = self.choices
        if isinstance(choices, CanonicalChoices):
            return (), choices
        inner = getattr(choices, "choices", None)
        if not isinstance(inner, CanonicalChoices) or not isinstance(
            choices, django_filters.fields.ChoiceIterator
        ):
            return choices, None
        first = list(itertools.islice(iter(choices), len(choices) - len(inner)))
        return first, inner
