"""Overview and compare pages: parse the query string, call a builder in articles/charts.py.

Every chart choice is a GET parameter, so a view can be shared and reloaded. A malformed
parameter is a form error shown on the page with HTTP 400, never a 500.
"""

import csv

from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..charts import (
    PER_1000,
    PER_RESIDENT,
    PER_TOTAL,
    ChartDataError,
    build_compare,
    export_columns,
    export_row,
    indicator_choices,
    overview_data,
    within_choices,
)
from ..export import safe_cell
from ..models import Indicator, RegionLevel, Topic


class CompareForm(forms.Form):
    """The compare page's query string. Choices are read once per request (3 queries)."""

    indicator = forms.ChoiceField(label=_("指标"), required=False)
    level = forms.ChoiceField(
        label=_("地区级别"),
        required=False,
        choices=[("", _("全部级别"))] + list(RegionLevel.choices),
    )
    within = forms.ChoiceField(label=_("范围"), required=False)
    topic = forms.ChoiceField(label=_("主题"), required=False)
    published_after = forms.DateField(
        label=_("发表日期起"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_before = forms.DateField(
        label=_("发表日期止"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    per = forms.ChoiceField(
        label=_("口径"),
        required=False,
        choices=[
            (PER_TOTAL, _("总量")),
            (PER_1000, _("每千名常住人口（人数，县级）")),
            (PER_RESIDENT, _("人均（金额，县级）")),
        ],
    )

    def __init__(self, *args, coverage: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.coverage = coverage
        self.fields["indicator"].choices = [("", _("请选择指标"))] + [
            (row["slug"], row["label"]) for row in coverage
        ]
        self.fields["within"].choices = within_choices()
        self.fields["topic"].choices = [("", _("全部主题"))] + [
            (t.slug, t.name) for t in Topic.objects.all()
        ]

    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:
            raise forms.ValidationError(_("起始日期晚于截止日期。"))
        data["per"] = data.get("per") or PER_TOTAL
        if data["per"] != PER_TOTAL and not data.get("level"):
            data["level"] = RegionLevel.COUNTY  # populations exist for counties only
        if data["per"] != PER_TOTAL and data.get("level") != RegionLevel.COUNTY:
            self.add_error("per", _("按常住人口换算只适用于县级地区：请把“地区级别”选为县级。"))
        return data


def compare(request):
    """``/compare/?indicator=…&level=…&within=…&topic=…&published_after=…&per=…``

    HTML by default; ``format=csv`` / ``format=json`` export exactly the rows shown.
    HTTP 400 with the message on the page for a form error or data that cannot be drawn
    (mixed units, a per-resident ratio for a unit it does not fit); an unknown ``format``
    is a 400 with the list's message.
    """
    export = request.GET.get("format")
    if export not in (None, "", "json", "csv"):
        return JsonResponse(
            {"errors": {"format": [str(_("格式须为 json 或 csv"))]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    coverage = indicator_choices()
    form = CompareForm(request.GET or None, coverage=coverage)
    context = {"form": form, "coverage": coverage, "result": None, "error": None}
    if not form.is_bound or (form.is_valid() and not form.cleaned_data["indicator"]):
        if export == "json":  # what the page shows without a choice: the indicators
            return JsonResponse(
                {"indicators": [_coverage_export(row) for row in coverage]},
                json_dumps_params={"ensure_ascii": False},
            )
        return render(request, "articles/compare.html", context)
    if not form.is_valid():
        return _refuse(request, context, export, form.errors.get_json_data())
    data = form.cleaned_data
    indicator = Indicator.objects.get(slug=data["indicator"])
    try:
        result = build_compare(
            indicator=indicator,
            level=data["level"] or None,
            within=data["within"] or None,
            topic=data["topic"] or None,
            published_after=data["published_after"],
            published_before=data["published_before"],
            per=data["per"],
        )
    except ChartDataError as error:
        context["error"] = str(error)
        return _refuse(request, context, export, {"__all__": [{"message": str(error)}]})
    if export == "json":
        return JsonResponse(result.export(), json_dumps_params={"ensure_ascii": False})
    if export == "csv":
        return _csv_response(result, f"compare-{indicator.slug}.csv")
    context["result"] = result
    return render(request, "articles/compare.html", context)


def _coverage_export(row: dict) -> dict:
    keys = ("slug", "name", "unit", "regions", "metrics", "compare_url")
    return {key: row[key] for key in keys}


def _refuse(request, context, export, errors):
    if export == "json":
        return JsonResponse(
            {"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "articles/compare.html", context, status=400)


def _csv_response(result, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM so spreadsheet programs read the Chinese as UTF-8
    columns = export_columns(result.per)
    writer = csv.DictWriter(response, fieldnames=columns)
    writer.writeheader()
    for row in result.rows:
        cells = export_row(row, result.per).items()
        # text cells (titles, evidence) are neutralised against formula injection
        writer.writerow(
            {k: "" if v is None else safe_cell(v) if isinstance(v, str) else v for k, v in cells}
        )
    return response


def overview(request):
    """``/``: articles by province and by topic, the latest articles, indicator coverage."""
    return render(request, "articles/overview.html", overview_data())
