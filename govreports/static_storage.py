"""whitenoise's ``CompressedManifestStaticFilesStorage`` with each static file's URL kept
once worked out.

Django's manifest storage works a static file's URL out anew on every ``{% static %}``:
the manifest lookup, quoting and ``urljoin``, about 10 µs a tag, and a compare page has
fifteen. The manifest is read when the process starts and never changes while it runs
(``collectstatic`` is followed by a restart), so the URL of a name is the same for the
process's lifetime; it is kept the first time it is asked for.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """``CompressedManifestStaticFilesStorage`` whose ``url(name)`` is worked out once per
    name. Not kept: ``force`` calls, calls while ``DEBUG`` is on (the unhashed URL, as
    Django's own storage gives it then) and names the manifest lacks (``ValueError`` each
    time, as ``manifest_strict`` says)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        """The URL of the static file ``name`` (``ManifestStaticFilesStorage.url``)."""
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
