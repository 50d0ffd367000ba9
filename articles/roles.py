"""The staff roles of issue 11 (point 7), as Django groups with model permissions.

``reviewer``: reads everything in the admin and reviews metrics (``change_metric``: the
queue, approve, reject, correct); may not delete anything, nor add pages (the upload and
the ingest need ``add_sourcepage``). ``editor``: adds and edits pages and publications.
The data migration ``0016_roles_groups`` creates both from ``ROLE_PERMISSIONS``; a
later change here needs a new migration.
"""

from __future__ import annotations

#: Models every role may view in the admin (autocomplete needs ``view`` too).
_READABLE = [
    "region",
    "population",
    "topic",
    "indicator",
    "publication",
    "sourcepage",
    "article",
    "metric",
    "metricreview",
    "ingestrun",
]

#: Group name -> permission codenames of the ``articles`` app.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    "reviewer": [f"view_{m}" for m in _READABLE] + ["change_metric"],
    "editor": [f"view_{m}" for m in _READABLE]
    + ["add_sourcepage", "change_sourcepage", "add_publication", "change_publication"],
}


def create_roles(apps, schema_editor=None) -> None:
    """Create or update the groups of ``ROLE_PERMISSIONS`` (migration-safe: uses the
    historical ``apps``; creates the app's permissions first, which Django otherwise only
    does after all migrations ran). Raises LookupError if a codename does not exist."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        perms = list(
            permission_model.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise LookupError(f"role {name!r}: no permission {sorted(missing)}")
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(perms)
