"""URLs of the articles app, namespaced ``articles:``."""

from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("articles/", views.article_list, name="list"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("regions/<str:adcode>/", views.region_detail, name="region"),
    path("compare/", views.compare, name="compare"),
    path("compare/regions/", views.compare_regions, name="compare_regions"),
]
