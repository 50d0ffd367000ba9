"""Django admin of ingest runs (``IngestRun``): read-only, with their progress, their
options as a labelled list and their refused files as a table (a new-user pass: both were
shown as raw JSON), each refusal reason in the reader's language (``refusals``)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .admin_guard import GuardedModelAdmin
from .models import IngestRun
from .refusals import refusal_text

#: ``IngestOptions`` fields (``services.runs``) -> their label, as the upload form says it.
OPTION_LABELS = {
    "publication": _("报刊"),
    "issue_date": _("出版日期"),
    "page_label": _("版次"),
    "home_region": _("所属地区代码"),
    "dry_run": _("试运行（不保存）"),
}


@admin.register(IngestRun)
class IngestRunAdmin(GuardedModelAdmin):
    """Ingest runs with their progress; read-only (runs are written by the ingest)."""

    list_display = [
        "__str__",
        "status",
        "progress_bar",
        "pages_stored",
        "pages_updated",
        "pages_unchanged",
        "pages_refused",
        "articles_duplicate",
        "queued",
        "finished_at",
    ]
    list_filter = ["status", "queued"]
    search_fields = ["started_by"]
    date_hierarchy = "started_at"
    exclude = ["options", "errors"]
    readonly_fields = ["options_list", "errors_table"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("进度"))
    def progress_bar(self, obj: IngestRun) -> str:
        return format_html(
            '<progress max="100" value="{}"></progress> {}/{}',
            obj.progress,
            obj.pages_done,
            obj.pages_total,
        )

    @admin.display(description=pgettext_lazy("verbose name", "选项"))
    def options_list(self, obj: IngestRun) -> str:
        """The run's options as ``<dl>``: the known options in ``OPTION_LABELS`` order under
        their labels, then any other key under its own name, sorted (PostgreSQL's jsonb
        keeps no key order); an empty value as —, a flag as 是/否."""
        options = obj.options or {}
        keys = [k for k in OPTION_LABELS if k in options]
        keys += sorted(k for k in options if k not in OPTION_LABELS)
        items = [(OPTION_LABELS.get(key, key), _option_value(options[key])) for key in keys]
        if not items:
            return "—"
        rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", items)
        return format_html('<dl class="run-options">{}</dl>', rows)

    @admin.display(description=pgettext_lazy("verbose name", "错误"))
    def errors_table(self, obj: IngestRun) -> str:
        """The refused files as a table: file name as stored, reason in the active
        language (``refusals.refusal_text``); — when none was refused."""
        errors = [e for e in (obj.errors or []) if isinstance(e, dict)]
        if not errors:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td></tr>",
            ((e.get("file", ""), refusal_text(str(e.get("reason") or ""))) for e in errors),
        )
        return format_html(
            '<table class="run-errors"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("文件"),
            _("原因"),
            rows,
        )


def _option_value(value) -> str:
    if value is True or value is False:
        return str(_("是") if value else _("否"))
    if value is None or value == "":
        return "—"
    return str(value)
