"""Adding pages from the admin (issue 8, point 7): upload files or paste text, see what
it would store, then confirm (store) or cancel (nothing stored).

``UploadForm`` checks the input; ``upload_view`` is mounted by ``SourcePageAdmin`` at
``/admin/articles/sourcepage/upload/`` (staff with the "add page" permission). An upload
is a text, HTML or PDF page, a PDF of several pages or a zip of pages, read as
``manage.py ingest`` reads them (``articles.ingest.sources``: formats by content, the
archive and size limits, scans refused). The preview is a dry run of every page
(``services.runs.ingest_one``) listing each page with its articles and each refused file
or member with its reason. The upload itself is kept on the server between preview and
confirmation (``articles.upload_staging``, a signed token in the form), so confirming
stores exactly what was previewed, once; cancelling deletes it. Confirmed pages are
stored through ``services.runs`` as an ``IngestRun`` started by the staff member; with a
broker configured (``CELERY_BROKER_URL``), an upload of more than
``settings.UPLOAD_QUEUE_ABOVE_PAGES`` pages, or more than ``QUEUE_ABOVE_CHARS`` of text,
goes to the queue, one task per page, and the page shows the run instead of waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from . import upload_staging as staging
from .formatting import format_number, metric_text, unit_name
from .ingest.sources import SourceError, read_file_pages
from .ingest.types import ParsedArticle, Quantity
from .models import EARLIEST_YEAR, LATEST_YEAR, Article, Indicator, Region, SourcePage, Topic
from .refusals import refusal_text
from .services.reports import PageStatus
from .services.runs import (
    IngestOptions,
    PageInput,
    PageOutcome,
    queue_pages,
    run_pages,
    start_run,
)
from .services.runs import ingest_one as ingest_one_page
from .text import sentence_span

#: With a broker, uploads with more text than this (characters) are stored by workers.
QUEUE_ABOVE_CHARS = 200_000
#: Up to this many pages the preview shows every page's articles open; above, collapsed.
OPEN_PAGES_UP_TO = 3


class UploadForm(forms.Form):
    """A file (text in UTF-8 or GB18030, an HTML article page, a PDF of one or more pages
    with a text layer, or a zip of such files; told by content) or pasted text, with the
    details of its pages. A file over ``settings.UPLOAD_MAX_BYTES`` is refused."""

    file = forms.FileField(
        label=_("文件"),
        required=False,
        help_text=_("文本、HTML 或 PDF 版面（PDF 可多页），或这些文件的 zip 压缩包"),
    )
    text = forms.CharField(label=_("或粘贴正文"), required=False, widget=forms.Textarea)
    publication = forms.CharField(label=_("报刊"), max_length=128, required=False)
    issue_date = forms.DateField(
        label=_("出版日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page_label = forms.CharField(label=_("版次"), max_length=32, required=False)
    home_region = forms.CharField(
        label=_("所属地区代码"),
        max_length=6,
        required=False,
        help_text=_("6位区划代码，用于“我县”“本市”"),
    )

    def clean_issue_date(self):
        """The issue date, in the years the site shows (``models.EARLIEST_YEAR`` on)."""
        day = self.cleaned_data.get("issue_date")
        if day and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("出版日期须在%(first)s年至%(last)s年之间。"),
                params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            )
        return day

    def clean_home_region(self) -> str:
        code = self.cleaned_data["home_region"].strip()
        if code and not Region.objects.filter(adcode=code).exists():
            raise forms.ValidationError(_("没有这个区划代码：%(code)s") % {"code": code})
        return code

    def clean(self) -> dict:
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("请上传文件或粘贴正文，不要两样都给。"))
        if upload:
            limit = settings.UPLOAD_MAX_BYTES
            if upload.size > limit:
                raise forms.ValidationError(
                    _("%(name)s 太大（%(size)s 字节，上限 %(max)s）。")
                    % {"name": upload.name, "size": upload.size, "max": limit}
                )
            data["name"] = PurePath(upload.name).name or "upload"
        elif text:
            data["name"] = gettext("粘贴的正文")
        else:
            raise forms.ValidationError(_("请上传文件或粘贴正文。"))
        data["page_text"] = text
        return data

    def options(self) -> IngestOptions:
        data = self.cleaned_data
        return IngestOptions(
            publication=data["publication"].strip(),
            issue_date=data["issue_date"],
            page_label=data["page_label"].strip(),
            home_region=data["home_region"] or None,
        )


class ConfirmForm(forms.Form):
    """The preview's answer: the signed token of the kept upload (``upload_staging``)."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=512)


@dataclass
class PreviewMetric:
    """A quantity in its sentence: ``before``, ``evidence``, ``after`` (plain text; the
    template escapes each and marks the evidence), and what the parser read from it, as
    the article page will show it (``formatting``, active language): ``value`` (bound
    mark, number or range, unit: ``≥5,000份``), ``unit`` (its name: ``份`` / ``copies``)
    and ``previous`` (the earlier value the sentence gives, exact; ``""`` for none)."""

    before: str
    evidence: str
    after: str
    indicator: str
    value: str = ""
    unit: str = ""
    previous: str = ""


def preview_metric(body: str, q: Quantity, indicators: dict | None = None) -> PreviewMetric:
    """The ``PreviewMetric`` of quantity ``q`` of an article ``body``: its sentence cut
    around the evidence, and its value, unit and previous value formatted as the article
    page formats a stored metric (``metric_text``; ``format_number(exact=True)``)."""
    start, end = sentence_span(body, q.start, q.end)
    return PreviewMetric(
        body[start : q.start],
        body[q.start : q.end],
        body[q.end : end],
        _indicator_text(q.indicator, indicators or {}),
        value=metric_text(q),
        unit=unit_name(q.unit),
        previous=format_number(q.previous_value, q.unit, exact=True),
    )


def _indicator_text(slug: str | None, indicators: dict) -> str:
    """The indicator as the preview names it: on a Chinese page its Chinese name and slug
    ('失业保险金标准（unemployment-benefit-monthly）'), on an English page its English name
    alone ('Unemployment benefit (monthly)': a slug in full-width brackets read as a gap
    in the translation to a new-user pass); the slug alone when not in ``indicators``;
    '' for none."""
    if not slug:
        return ""
    indicator = indicators.get(slug)
    if indicator is None:
        return slug
    if (get_language() or "").startswith("en"):
        return indicator.name_en or indicator.name_zh
    return f"{indicator.name_zh}（{slug}）"


def preview_rows(articles: list[ParsedArticle]) -> list[dict]:
    """What each parsed article would be stored as: title, region, topic, metrics
    (``PreviewMetric``, with the indicator's name). Three queries."""
    codes = {a.region.adcode for a in articles if a.region.adcode}
    regions = {r.adcode: r for r in Region.objects.filter(adcode__in=codes)}
    topics = {t.slug: t for t in Topic.objects.all()}
    indicators = {i.slug: i for i in Indicator.objects.all()}
    rows = []
    for article in articles:
        metrics = [preview_metric(article.body, q, indicators) for q in article.quantities]
        rows.append(
            {
                "title": article.title or article.body[:30],
                "kind": article.kind,
                "region": regions.get(article.region.adcode),
                "topic": topics.get(article.topic),
                "metrics": metrics,
            }
        )
    return rows


def staged_pages(upload: staging.StagedUpload) -> list[PageInput]:
    """The pages of a kept upload, read as ``manage.py ingest`` reads files (a file or
    archive member the readers refuse is a ``PageInput`` with its ``error``)."""
    if upload.kind == "text":
        return [PageInput(name=upload.name, text=upload.text())]
    pages = []
    items = read_file_pages(upload.path, name=upload.name, max_bytes=settings.INGEST_MAX_FILE_BYTES)
    for item in items:
        if isinstance(item, SourceError):
            pages.append(PageInput(name=item.source, error=item.reason))
        else:
            pages.append(
                PageInput(name=item.source, text=item.text, url=item.url, issue_date=item.date)
            )
    return pages


def preview_pages(pages: list[PageInput], options: IngestOptions) -> list[dict]:
    """A dry run of each page: ``{"name", "error", "reason", "rows", "warnings",
    "undated", "open", "stored"}``, with ``undated`` True when the page would be stored
    without an issue date (none given, none in its text or file name), with ``rows`` from ``preview_rows`` for a page that would be stored,
    ``error`` the reason of one that would be refused (unreadable, a scan, over a limit,
    no article) as the ingest code writes it, ``reason`` the same in the active language,
    ``stored`` True for a page already stored (a ``SourcePage`` of the same text hash:
    confirming reports it updated or unchanged, never stores it again). One query for
    ``stored``."""
    dry = replace(options, dry_run=True)
    previews = []
    for page in pages:
        outcome: PageOutcome = ingest_one_page(page, dry)
        report = outcome.report
        previews.append(
            {
                "name": page.name,
                "error": outcome.error,
                "reason": refusal_text(outcome.error),
                "rows": preview_rows(report.parsed.articles) if report else [],
                "warnings": [refusal_text(w) for w in report.warnings] if report else [],
                "undated": report is not None and report.issue_date is None,
                "sha256": report.parsed.sha256 if report else "",
            }
        )
    hashes = {p["sha256"] for p in previews if p["sha256"]}
    known = set(SourcePage.objects.filter(sha256__in=hashes).values_list("sha256", flat=True))
    for preview in previews:
        preview["stored"] = preview.pop("sha256") in known
    good = [p for p in previews if p["error"] is None]
    for preview in previews:
        preview["open"] = len(good) <= OPEN_PAGES_UP_TO
    return previews


def _refused_line(name: str, reason: str) -> str:
    """One refused file as a sentence in the active language. It does not start with the
    file's name: the admin capitalises the first letter of a message (``capfirst``), and
    ``pages.zip:a.txt`` must stay as it is."""
    return gettext("未保存 %(name)s：%(reason)s") % {"name": name, "reason": refusal_text(reason)}


#: The most page names a message lists (a zip of hundreds stays readable).
NAMES_SHOWN = 10


def _known_line(names: list[str], summary) -> str:
    """The pages of a run already stored before it (``RunSummary`` ``updated`` and
    ``unchanged``), counted and named (the first ``NAMES_SHOWN``), in the active language."""
    shown = pgettext("list separator", "、").join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += "…"
    return gettext(
        "%(pages)s 个版面已经保存过，没有再保存一份（%(updated)s 个有改动、已更新，"
        "%(unchanged)s 个没有改动）：%(names)s"
    ) % {
        "pages": len(names),
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "names": shown,
    }


def _render(request, template: str, context: dict) -> TemplateResponse:
    return TemplateResponse(request, f"admin/articles/sourcepage/{template}", context)


def upload_view(request: HttpRequest, admin_site) -> HttpResponse:
    """GET: the form. POST ``preview``: keep the upload, show the dry run. POST
    ``confirm`` / ``cancel`` with the preview's token: store it / delete it, redirect."""
    if not request.user.has_perm("articles.add_sourcepage"):
        raise PermissionDenied(
            _("上传报纸版面需要“editor”（编辑）组：请管理员在“用户”中把你加入该组。")
        )
    context = {**admin_site.each_context(request), "title": gettext("上传版面")}
    if request.method == "POST" and ("confirm" in request.POST or "cancel" in request.POST):
        return _answer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render(request, "upload.html", {**context, "form": form})
    staging.sweep()
    options, name = form.options(), form.cleaned_data["name"]
    if form.cleaned_data.get("file"):
        upload = form.cleaned_data["file"]
        upload.seek(0)
        token = staging.stage(request.user.pk, name, options, chunks=upload.chunks())
    else:
        token = staging.stage(request.user.pk, name, options, text=form.cleaned_data["page_text"])
    upload = staging.claim(token, request.user.pk)  # read it as the confirmation will
    staging.release(upload)
    pages = preview_pages(staged_pages(upload), options)
    good = [p for p in pages if p["error"] is None]
    if not good:  # nothing would be stored: say why on the form, keep nothing
        staging.discard(upload)
        for page in pages:
            form.add_error(None, _refused_line(page["name"], page["error"]))
        return _render(request, "upload.html", {**context, "form": form})
    return _render(
        request,
        "upload_preview.html",
        {
            **context,
            "confirm_form": ConfirmForm(initial={"token": token}),
            "pages": pages,
            "good": good,
            "new": [p for p in good if not p["stored"]],
            "known": [p for p in good if p["stored"]],
            "refused": [p for p in pages if p["error"] is not None],
            "articles": sum(len(p["rows"]) for p in good if not p["stored"]),
            "options": options,
            "name": name,
        },
    )


def _answer(request: HttpRequest) -> HttpResponse:
    """Confirm (store) or cancel (delete) the kept upload the token names."""
    changelist = reverse("admin:articles_sourcepage_changelist")
    form = ConfirmForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    try:
        if "cancel" in request.POST:
            staging.discard(token, request.user.pk)
            messages.info(request, gettext("已取消，没有保存任何内容。"))
            return HttpResponseRedirect(changelist)
        upload = staging.claim(token, request.user.pk)
    except staging.StagedUploadGone:
        messages.error(
            request,
            gettext("这次预览已经保存、已取消或已过期，没有再次保存。请重新上传。"),
        )
        return HttpResponseRedirect(changelist)
    return _store(request, upload)


def _store(request: HttpRequest, upload: staging.StagedUpload) -> HttpResponse:
    """Store every page of ``upload`` once, here or (many pages, a broker) by workers."""
    options, user = upload.options, request.user.get_username()
    pages = staged_pages(upload)
    size = sum(len(p.text or "") for p in pages)
    broker = settings.CELERY_BROKER_URL
    if broker and (len(pages) > settings.UPLOAD_QUEUE_ABOVE_PAGES or size > QUEUE_ABOVE_CHARS):
        return _queue(request, upload, pages)
    run = start_run(total=len(pages), options=options, started_by=user)
    newest = Article.objects.aggregate(newest=Max("pk"))["newest"] or 0
    stored: list[int] = []
    known: list[str] = []  # names of the pages already stored (updated or unchanged)

    def keep(outcome: PageOutcome) -> None:
        if outcome.report is not None and outcome.report.page is not None:
            stored.append(outcome.report.page.pk)
            if outcome.report.status in (PageStatus.UPDATED, PageStatus.UNCHANGED):
                known.append(outcome.name)

    summary = run_pages(pages, options, run=run, on_outcome=keep)
    staging.discard(upload)
    for name, reason in summary.refused:
        messages.warning(request, _refused_line(name, reason))
    messages.success(
        request,
        gettext(
            "已保存 %(pages)s 个版面：%(created)s 篇新文章，%(duplicate)s 篇已存在（记为转载）。"
        )
        % {
            "pages": summary.stored,
            "created": summary.articles_created,
            "duplicate": summary.duplicates,
        },
    )
    if known:
        messages.info(request, _known_line(known, summary))
    created = Article.objects.filter(pk__gt=newest, page_id__in=stored)
    if summary.articles_created:
        messages.info(request, created_articles_message(created))
    if len(stored) == 1 and len(pages) == 1:
        return HttpResponseRedirect(reverse("admin:articles_sourcepage_change", args=stored))
    return HttpResponseRedirect(reverse("admin:articles_ingestrun_change", args=[run.pk]))


#: The new articles a confirmation lists by name; more are counted.
LISTED_ARTICLES = 20


def created_articles_message(created) -> SafeString:
    """The confirmation's list of the articles an upload created (``created``: an Article
    QuerySet), in page and reading order: each title linked to its public page, with a
    link to its admin page; beyond ``LISTED_ARTICLES`` a count of the rest. Nothing
    linked to the new articles before (a new-user pass). Two queries."""
    rows = list(
        created.order_by("page_id", "position").only("pk", "title", "body")[:LISTED_ARTICLES]
    )
    edit = gettext("编辑")
    items = format_html_join(
        "",
        '<br><a href="{}">{}</a> · <a href="{}">{}</a>',
        (
            (
                a.get_absolute_url(),
                a.display_title,
                reverse("admin:articles_article_change", args=[a.pk]),
                edit,
            )
            for a in rows
        ),
    )
    rest = created.count() - len(rows) if len(rows) == LISTED_ARTICLES else 0
    more = format_html("<br>{}", gettext("另有 %(n)s 篇") % {"n": rest}) if rest else ""
    # one line each (a list inside the admin's message list took its icons and indent)
    return format_html(
        '{}<span class="upload-created">{}{}</span>', gettext("新文章："), items, more
    )


def _queue(request, upload: staging.StagedUpload, pages: list[PageInput]) -> HttpResponse:
    from kombu.exceptions import OperationalError

    user = request.user.get_username()
    run = start_run(total=len(pages), options=upload.options, started_by=user, queued=True)
    try:
        queue_pages(pages, upload.options, run)
    except OperationalError:
        run.delete()
        # the preview can be confirmed again; pages a worker already has are stored once
        # anyway (ingest is idempotent by the page's hash)
        staging.release(upload)
        messages.error(request, gettext("无法连接任务队列，没有保存任何内容；请稍后再确认。"))
        return HttpResponseRedirect(reverse("admin:articles_sourcepage_changelist"))
    staging.discard(upload)
    messages.success(
        request,
        gettext("%(pages)s 个版面已送入队列，导入批次 #%(id)s。")
        % {"pages": len(pages), "id": run.pk},
    )
    return HttpResponseRedirect(reverse("admin:articles_ingestrun_change", args=[run.pk]))
