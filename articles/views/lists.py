"""Article list, article detail and region pages (issue 2). Placeholder until built."""

from django.http import HttpResponse


def article_list(request):
    return HttpResponse("articles")


def article_detail(request, pk):
    return HttpResponse("article")


def region_detail(request, adcode):
    return HttpResponse("region")
