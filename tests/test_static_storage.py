"""``govreports.static_storage.StaticStorage``: the manifest's URL of a static file,
worked out once per name (production's storage; the tests' settings serve files
unhashed)."""

import json

import pytest
from django.test import override_settings

from govreports.static_storage import StaticStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest), encoding="utf-8")
    return StaticStorage(location=str(tmp_path), base_url="/static/")


def test_a_url_is_the_manifests_and_worked_out_once(storage, monkeypatch):
    asked = []
    real = StaticStorage.stored_name
    monkeypatch.setattr(
        StaticStorage, "stored_name", lambda self, name: asked.append(name) or real(self, name)
    )
    with override_settings(DEBUG=False):
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert asked == ["css/site.css"]


def test_a_name_the_manifest_lacks_is_refused_every_time(storage):
    with override_settings(DEBUG=False):
        for _ in range(2):
            with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
                storage.url("js/none.js")


def test_debug_and_force_are_not_kept(storage):
    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
    with override_settings(DEBUG=False):
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
        assert storage.url("css/site.css", force=True) == "/static/css/site.0123abcd.css"
