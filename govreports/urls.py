"""Root URLs: the articles app at the site root, Django admin and i18n switching, and
``/favicon.ico`` for pages that name no icon (the admin, error pages)."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

# The admin names the site, not Django ("Django administration" in its header and titles)
admin.site.site_header = _("govreports 数据管理")
admin.site.site_title = _("govreports 数据管理")
admin.site.index_title = _("数据与审核")
# No navigation sidebar: beside a list's filters it left the list 630 px at 1280 px, and
# the metric, article, ingest-run and indicator tables (and an article's metrics) scrolled
# sideways (new-user passes); the breadcrumbs and the index lead to every list.
admin.site.enable_nav_sidebar = False


class FaviconView(RedirectView):
    """``/favicon.ico`` -> the static ``favicon.svg`` (its hashed name in production)."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view()),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("articles.urls")),
]
