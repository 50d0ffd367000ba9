"""A pytest plugin that records the parser calls the tests make, for ``dump_parse.py``.

Every ``parse_page``, ``split_page`` and ``extract_quantities`` call with text (and its
``published``/``home_region``/``proper_names``; calls with a catalogue of their own are
left out) is saved, once per distinct call, as a pickled list of ``(kind, text, kwargs)``
to ``$RECORD_FILE`` when the run ends. Run it on the tree whose tests you trust, then
``dump_parse.py --calls FILE`` on each tree to compare what they yield::

    RECORD_FILE=/tmp/calls.pkl PYTHONPATH=benchmarks DJANGO_DEBUG=0 \\
        python -m pytest -q -p record_parser_calls tests/test_extract.py tests/test_split.py …
"""

import os
import pickle

CALLS: list[tuple[str, str, dict]] = []
_SEEN: set = set()
_CATALOGUES = ("gazetteer", "topics", "indicators")


def _wrap(module, name: str, kind: str) -> None:
    inner = getattr(module, name)

    def recorded(*args, **kwargs):
        text = args[0] if args else kwargs.get("text", kwargs.get("body"))
        if isinstance(text, str) and not any(kwargs.get(k) is not None for k in _CATALOGUES):
            kw = {
                k: kwargs[k]
                for k in ("published", "home_region", "proper_names")
                if kwargs.get(k) is not None
            }
            if kind == "extract" and len(args) > 1:
                kw["proper_names"] = args[1]
            key = (kind, text, repr(sorted(kw.items())))
            if key not in _SEEN:
                _SEEN.add(key)
                CALLS.append((kind, text, kw))
        return inner(*args, **kwargs)

    setattr(module, name, recorded)


def pytest_configure(config):
    import articles.ingest.extract as extract
    import articles.ingest.pipeline as pipeline
    import articles.ingest.split as split

    _wrap(pipeline, "parse_page", "parse")
    _wrap(split, "split_page", "split")
    _wrap(extract, "extract_quantities", "extract")


def pytest_unconfigure(config):
    with open(os.environ["RECORD_FILE"], "wb") as f:
        pickle.dump(CALLS, f)
