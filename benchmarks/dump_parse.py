"""Dump what the parser yields, to prove an optimisation changes nothing (not a test).

Parses 200 synthetic pages (``bench_ingest_volume.synthetic_page``), the sample page
tests/data/seed_page.txt, tests/data/golmud_2022_page.txt, every case text of
tests/data/cases.json and, with ``--calls FILE``, every (kind, text, kwargs) call a
recorder saw the parser tests make (``record_parser_calls.py``: a pickle of
``parse``/``split``/``extract`` calls),
and writes every result as JSON lines: per page each article's position, kind, title,
title prefix, subtitle, byline, body, region (adcode and mentions), topic, event date,
dateline place and every quantity with all its fields (value, unit, evidence span and
text, bounds, label, indicator, target, region, parts). Decimals are written with
``str`` so 12.0 and 12 differ. Run it from each tree's root (it parses with the tree it
is run in) and ``cmp`` the files::

    cd /work/main && python /path/to/dump_parse.py /tmp/before.jsonl [--calls calls.pkl]
    python benchmarks/dump_parse.py /tmp/after.jsonl [--calls calls.pkl] [-n 200]
"""

import argparse
import dataclasses
import json
import pickle
import sys
from decimal import Decimal
from pathlib import Path

#: The tree whose parser runs: the working directory when it is one (so this copy can
#: run another checkout, e.g. main's, for the "before"), else this file's.
ROOT = Path.cwd() if (Path.cwd() / "articles").is_dir() else Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _plain(obj):
    if isinstance(obj, Decimal):
        return "D" + str(obj)
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(_plain(x) for x in obj)
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return repr(obj)


def _evidence(articles):
    return [[a.body[q.start : q.end] for q in a.quantities] for a in articles]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--calls", type=Path)
    ap.add_argument("-n", type=int, default=200)
    args = ap.parse_args()
    from bench_ingest_volume import SEED, synthetic_page

    from articles.ingest.extract import extract_quantities
    from articles.ingest.pipeline import parse_page
    from articles.ingest.split import split_page

    data = ROOT / "tests" / "data"
    seed = SEED.read_text("utf-8")
    jobs = [("parse", synthetic_page(seed, n), {}) for n in range(args.n)]
    jobs += [("parse", seed, {}), ("parse", (data / "golmud_2022_page.txt").read_text("utf-8"), {})]
    for case in json.loads((data / "cases.json").read_text("utf-8"))["cases"]:
        kw = {"home_region": case["home_region"]} if case.get("home_region") else {}
        jobs.append(("parse", case["text"], kw))
    if args.calls:
        jobs += pickle.loads(args.calls.read_bytes())
    with args.out.open("w", encoding="utf-8") as out:
        for kind, text, kw in jobs:
            try:
                if kind == "parse":
                    page = parse_page(text, **kw)
                    result = {"page": _plain(page), "evidence": _evidence(page.articles)}
                elif kind == "split":
                    result = _plain(split_page(text, **kw))
                else:
                    qs = extract_quantities(text, **kw)
                    result = {"q": _plain(qs), "evidence": [text[q.start : q.end] for q in qs]}
            except Exception as exc:  # an error is a result too
                result = {"error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps([kind, text[:80], result], ensure_ascii=False) + "\n")
    print(f"{len(jobs)} results -> {args.out}")


if __name__ == "__main__":
    main()
