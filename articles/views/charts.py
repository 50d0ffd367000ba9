"""Overview and compare pages (issues 2 and 4). Placeholder until built."""

from django.http import HttpResponse


def overview(request):
    return HttpResponse("overview")


def compare(request):
    return HttpResponse("compare")
