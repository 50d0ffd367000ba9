"""Adding pages from the admin (issue 8, point 7): upload a file or paste text, see what
it would store, then confirm (store) or cancel (nothing stored).

``UploadForm`` checks the input; ``upload_view`` is mounted by ``SourcePageAdmin`` at
``/admin/articles/sourcepage/upload/`` (staff with the "add page" permission). A preview
is a dry run of ``ingest_page``; confirming posts the same text back and stores it
through ``services.runs`` as an ``IngestRun`` started by the staff member. With a broker
configured (``CELERY_BROKER_URL``), a page over ``QUEUE_ABOVE_CHARS`` goes to the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .ingest.sources import SourceError, read_page
from .ingest.types import ParsedArticle
from .models import Region, Topic
from .services import IngestError, ingest_page
from .services.runs import (
    IngestOptions,
    PageInput,
    queue_pages,
    record_outcomes,
    start_run,
)
from .services.runs import ingest_one as ingest_one_page
from .text import sentence_span

#: Largest upload read (bytes): a newspaper page is tens of kB of text.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: With a broker, pages longer than this (characters) are stored by a worker.
QUEUE_ABOVE_CHARS = 200_000


class UploadForm(forms.Form):
    """One page: a file (text in UTF-8 or GB18030, an HTML article page, a one-page PDF
    with a text layer; told by content) or pasted text, with its page details. A zip or a
    PDF of several pages is refused with a message pointing to ``manage.py ingest``."""

    file = forms.FileField(label=_("文件"), required=False)
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
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("%(name)s 太大（%(size)s 字节，上限 %(max)s）。")
                    % {"name": upload.name, "size": upload.size, "max": MAX_UPLOAD_BYTES}
                )
            try:  # text, HTML or PDF, told by content (articles.ingest.sources)
                page = read_page(upload.name, upload.read())
            except SourceError as exc:
                reason = exc.reason
                if reason.startswith(("holds", "is a zip")):  # several pages: the command
                    reason = gettext("含有多个版面；压缩包和多页PDF请用 manage.py ingest 导入")
                raise forms.ValidationError(
                    _("%(name)s 无法读取：%(reason)s") % {"name": upload.name, "reason": reason}
                ) from exc
            text = page.text
            data["name"] = upload.name
            data.setdefault("issue_date", None)
            data["issue_date"] = data["issue_date"] or page.date
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


@dataclass
class PreviewMetric:
    """A quantity in its sentence: ``before``, ``evidence``, ``after`` (plain text; the
    template escapes each and marks the evidence)."""

    before: str
    evidence: str
    after: str
    indicator: str


def preview_rows(articles: list[ParsedArticle]) -> list[dict]:
    """What each parsed article would be stored as: title, region, topic, metrics."""
    codes = {a.region.adcode for a in articles if a.region.adcode}
    regions = {r.adcode: r for r in Region.objects.filter(adcode__in=codes)}
    topics = {t.slug: t for t in Topic.objects.all()}
    rows = []
    for article in articles:
        metrics = []
        for q in article.quantities:
            start, end = sentence_span(article.body, q.start, q.end)
            metrics.append(
                PreviewMetric(
                    article.body[start : q.start],
                    article.body[q.start : q.end],
                    article.body[q.end : end],
                    q.indicator or "",
                )
            )
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


def upload_view(request: HttpRequest, admin_site) -> HttpResponse:
    """GET: the form. POST ``preview``: the dry run. POST ``confirm``: store, redirect."""
    if not request.user.has_perm("articles.add_sourcepage"):
        raise PermissionDenied
    context = {**admin_site.each_context(request), "title": gettext("上传版面")}
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(
            request, "admin/articles/sourcepage/upload.html", {**context, "form": form}
        )
    if "confirm" in request.POST:
        return _store(request, form)
    options = form.options()
    try:
        report = ingest_page(
            text=form.cleaned_data["page_text"],
            publication=options.publication,
            issue_date=options.issue_date,
            page_label=options.page_label,
            home_region=options.home_region,
            dry_run=True,
        )
    except IngestError as exc:
        form.add_error(None, f"{form.cleaned_data['name']}: {exc}")
        return TemplateResponse(
            request, "admin/articles/sourcepage/upload.html", {**context, "form": form}
        )
    issue_date = form.cleaned_data.get("issue_date")
    confirm = UploadForm(
        initial={
            **form.cleaned_data,
            "file": None,
            "text": form.cleaned_data["page_text"],
            # ISO, not the localised 2024年1月16日 the hidden input would otherwise carry
            "issue_date": issue_date.isoformat() if issue_date else "",
        }
    )
    return TemplateResponse(
        request,
        "admin/articles/sourcepage/upload_preview.html",
        {**context, "form": confirm, "rows": preview_rows(report.parsed.articles)},
    )


def _store(request: HttpRequest, form: UploadForm) -> HttpResponse:
    options, text, name = form.options(), form.cleaned_data["page_text"], form.cleaned_data["name"]
    page = PageInput(name=name, text=text)
    user = request.user.get_username()
    changelist = reverse("admin:articles_sourcepage_changelist")
    if settings.CELERY_BROKER_URL and len(text) > QUEUE_ABOVE_CHARS:
        run = start_run(total=1, options=options, started_by=user, queued=True)
        queue_pages([page], options, run)
        messages.success(request, gettext("已送入队列，导入批次 #%(id)s。") % {"id": run.pk})
        return HttpResponseRedirect(reverse("admin:articles_ingestrun_changelist"))
    run = start_run(total=1, options=options, started_by=user)
    outcome = ingest_one_page(page, options)
    record_outcomes(run.pk, [outcome])
    if outcome.error is not None:
        messages.error(request, f"{name}: {outcome.error}")
        return HttpResponseRedirect(changelist)
    report = outcome.report
    messages.success(
        request,
        gettext("已保存：%(created)s 篇新文章，%(duplicate)s 篇已存在（记为转载）。")
        % {"created": report.articles_created, "duplicate": report.articles_duplicate},
    )
    return HttpResponseRedirect(reverse("admin:articles_sourcepage_change", args=[report.page.pk]))
