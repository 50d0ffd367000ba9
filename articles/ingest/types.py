"""Dataclasses passed between the pure ingest stages and the store.

Offsets are Python string indices (code points) into the text named in each docstring.
Values are ``decimal.Decimal``: never float, so 9.31亿 is exactly 931000000.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Bound(StrEnum):
    """Which way a qualified value bounds the true one (``Quantity.bound``). The values are
    those stored in ``Metric.bound`` (``articles.models.Metric.Bound``)."""

    EXACT = ""  # no qualifier
    LOWER = "lower"  # 余/多/超/逾/突破/以上/不低于: at least the value
    UPPER = "upper"  # 近/不足/不到/以下/不超过: at most the value
    ABOUT = "about"  # 约/左右/大约: roughly the value


class ArticleKind(StrEnum):
    """What kind of item ``split`` found (``ParsedArticle.kind``); the values are those
    stored in ``Article.kind`` (``articles.models.ArticleKind``)."""

    NEWS = "news"  # a report: headline, dateline or byline, body
    FEATURE = "feature"  # a headline with a subtitle, or a ◎ byline
    PHOTO = "photo"  # a lone caption ending in a photographer's credit


class PartRole(StrEnum):
    """How a quantity relates to the others of its indicator and region in its article
    (``Quantity.part_role``); the values are those stored in ``Metric.part_role``."""

    NONE = ""  # a value on its own
    PART = "part"  # one of several parts (15支、80余支…: kinds of volunteer teams)
    TOTAL = "total"  # the value the text calls the total of those parts (共, 总数, 合计)


@dataclass
class Quantity:
    """One number read from an article body, with what it measures.

    - ``value``: the number with 万/亿 applied; for a range the low end.
    - ``value_max``: the high end of a range (5至8个), else None.
    - ``unit``: normalized unit: 人 (名/位 count persons), 人次, 元, 元/人/月, %, or the
      text's own measure word (支, 个, 项, 平方米 ...).
    - ``approx``/``bound``: qualified by 余/多/超/逾/突破 (``Bound.LOWER``), 近/不足
      (``Bound.UPPER``) or 约/左右 (``Bound.ABOUT``); exact numbers have approx False and
      ``Bound.EXACT`` (``""``).
    - ``previous_value``: A in 由A调整至B / 从A提高到B (value is B).
    - ``start``/``end``: the evidence span in the body (number through unit, or the whole
      由A…至B phrase); ``body[start:end]`` is the evidence.
    - ``label``: the raw phrase the text gives the quantity (e.g. 实名注册志愿者总数).
    - ``indicator``: slug of the matched indicator, or None when no indicator matched.
    - ``region``: adcode of the division the quantity's own clause names (苍溪县8.6万人 in
      a 广元市 article), or None when it belongs to the article's region.
    - ``target``: True for a planned or targeted value (将新建…20个, 力争达到…, 目标…),
      which is not an observation: it is stored and shown, but not compared or charted.
    - ``part_group``/``part_role``: quantities of one indicator and region that the text
      gives as parts of a whole share a group number (1, 2 … within the article), each
      with role part, and the total, if the text gives one, role total (see ``parts``).
    """

    value: Decimal
    unit: str
    start: int
    end: int
    value_max: Decimal | None = None
    approx: bool = False
    bound: Bound = Bound.EXACT
    previous_value: Decimal | None = None
    label: str = ""
    indicator: str | None = None
    target: bool = False
    region: str | None = None
    part_group: int | None = None
    part_role: PartRole = PartRole.NONE


@dataclass
class RegionMatch:
    """Where an article is about: the primary adcode and every division it mentions."""

    adcode: str | None
    mentioned: list[str] = field(default_factory=list)


@dataclass
class ParsedArticle:
    """One item of a page as split from the text.

    ``body`` is the article text with hard-wrapped lines joined and paragraphs separated
    by a single newline; quantity offsets point into it. ``dateline_place`` is the place
    an agency dateline names (成都 in 新华社成都2月20日电), a hint for the region.
    """

    position: int
    kind: ArticleKind
    title: str = ""
    title_prefix: str = ""
    subtitle: str = ""
    byline: str = ""
    body: str = ""
    region: RegionMatch = field(default_factory=lambda: RegionMatch(None))
    topic: str | None = None
    event_date: date | None = None
    quantities: list[Quantity] = field(default_factory=list)
    dateline_place: str = ""


@dataclass
class ParsedPage:
    """A whole page: its normalized text, hash and items, in page order."""

    text: str
    sha256: str
    articles: list[ParsedArticle] = field(default_factory=list)
