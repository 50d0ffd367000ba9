from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("地方治理报道")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import data_changed
        from .querytext import install_sqlite_lower

        # SQL LOWER folds every letter on SQLite too, as on PostgreSQL (articles.querytext).
        connection_created.connect(install_sqlite_lower, dispatch_uid="sqlite-unicode-lower")
        # PostgreSQL sessions get the statement_timeout of govreports/settings.py.
        from govreports import dbsession

        dbsession.install()

        # Any edit to what the cached aggregates read moves the data version on.
        for model_name in (
            "Article",
            "Metric",
            "Indicator",
            "Topic",
            "Region",
            "SourcePage",
            "Publication",
            "Population",
        ):
            model = self.get_model(model_name)
            post_save.connect(data_changed, sender=model, dispatch_uid=f"bump-save-{model_name}")
            post_delete.connect(data_changed, sender=model, dispatch_uid=f"bump-del-{model_name}")
        # ... and recomputes the coverage of the metric's indicator (articles.aggregates).
        from .aggregates import metric_changed

        metric = self.get_model("Metric")
        post_save.connect(metric_changed, sender=metric, dispatch_uid="coverage-save")
        post_delete.connect(metric_changed, sender=metric, dispatch_uid="coverage-del")
        # ... and the article counts of the unfiltered list and the overview.
        from . import article_counts

        article_counts.connect(self.get_model)
        article = self.get_model("Article")
        post_save.connect(_index_article, sender=article, dispatch_uid="search-index-save")
        post_delete.connect(_unindex_article, sender=article, dispatch_uid="search-index-del")
        m2m_changed.connect(
            data_changed,
            sender=self.get_model("Article").regions_mentioned.through,
            dispatch_uid="bump-mentions",
        )


def _index_article(sender, instance, raw=False, **kwargs):
    """Keep the search index in step with a saved article (one upsert)."""
    if raw:  # loaddata: indexed by the migration or ``index_articles``
        return
    from .search import index_rows

    index_rows(
        [(instance.pk, instance.title_prefix, instance.title, instance.subtitle, instance.body)]
    )


def _unindex_article(sender, instance, **kwargs):
    from .search import unindex

    unindex([instance.pk])
