"""Static files collect for production: the manifest storage rewrites every reference a
file makes (url(...), sourceMappingURL) and refuses one that points at a missing file, which
would stop `collectstatic`, and so a deploy, with DEBUG off."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage_finds_every_referenced_file(tmp_path):
    # overriding STORAGES resets the staticfiles storage (django.test.signals)
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chartjs-chart-geo/index.umd.min.*.js"))
