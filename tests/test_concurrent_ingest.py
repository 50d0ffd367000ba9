"""Safe together (issue 8 point 4, issue 12 point 4): six ``manage.py ingest`` processes
started at once on the test database, four with pages of their own and two with the same
pages, store every page exactly once, all exit 0 and none prints a traceback."""

import pytest

from tests.subprocesses import database_url, manage, query

COUNTIES = ["旺苍县", "仪陇县", "江油市", "嘉陵区", "永丰县", "格尔木市", "防城区", "苍溪县"]
TOPICS = ["志愿服务", "养老保险", "生态环境", "乡村振兴"]


def page_text(n: int) -> str:
    """A small page of its own: one item naming a county, with figures unique to ``n``."""
    county, topic = COUNTIES[n % len(COUNTIES)], TOPICS[n % len(TOPICS)]
    return (
        f"{county}{topic}工作推进会召开\n\n"
        f"本报讯 3月{n % 28 + 1}日，{county}召开{topic}工作推进会。会议通报，"
        f"截至目前全县共建成服务站点{100 + n}个，累计服务群众{3000 + 17 * n}人次，"
        f"投入资金{50 + n}万元。"
    )


@pytest.mark.django_db(transaction=True)
def test_six_concurrent_ingests_store_every_page_exactly_once(tmp_path, seed_text, reference_data):
    url = database_url(tmp_path)
    own = []
    for n in range(8):
        path = tmp_path / f"own{n}.txt"
        path.write_text(page_text(n), encoding="utf-8")
        own.append(str(path))
    shared = [tmp_path / "seed.txt"] + [tmp_path / f"shared{n}.txt" for n in range(3)]
    shared[0].write_text(seed_text, encoding="utf-8")
    for n, path in enumerate(shared[1:], start=100):
        path.write_text(page_text(n), encoding="utf-8")
    shared = [str(p) for p in shared]
    runs = [manage(url, "ingest", own[2 * i], own[2 * i + 1], "-v", "2") for i in range(4)]
    runs += [manage(url, "ingest", *shared, "-v", "2", "--publication", "同一报") for _ in range(2)]
    results = [(p.wait(timeout=240), *p.communicate()) for p in runs]

    for rc, out, err in results:
        assert rc == 0, err
        assert "Traceback" not in out + err and "Error" not in err, err
    stored = query(url, "SELECT filename, COUNT(*) FROM articles_sourcepage GROUP BY filename")
    assert sorted(stored) == sorted((name, 1) for name in own + shared)
    assert query(url, "SELECT COUNT(*) FROM articles_publication WHERE name = ?", ["同一报"]) == [
        (1,)
    ]
    # each shared page: one process created it, the other found it (while or after)
    for name in shared:
        lines = [
            line
            for _, out, _ in results[4:]
            for line in out.splitlines()
            if line.startswith(name + ":")
        ]
        statuses = sorted(line.split(": ", 1)[1].split(":")[0] for line in lines)
        assert statuses[0] == "created" and statuses[1].startswith("unchanged"), lines
    articles = query(url, "SELECT COUNT(*), COUNT(DISTINCT body_sha256) FROM articles_article")
    assert articles == [(8 + 8 + 3, 8 + 8 + 3)]
    runs_done = query(url, "SELECT status, pages_total FROM articles_ingestrun ORDER BY id")
    assert sorted(runs_done) == [("done", 2)] * 4 + [("done", 4)] * 2
    # the article counts (articles.article_counts) and the per-publication counts the
    # writers recomputed side by side equal a count from scratch
    cells = query(
        url,
        "SELECT prefix, topic_id, kind, year, n FROM articles_articlecount "
        "ORDER BY prefix, topic_id, kind, year",
    )
    year = "CAST(SUBSTR(CAST(a.published AS text), 1, 4) AS integer)"
    counted = query(
        url,
        f"SELECT COALESCE(SUBSTR(r.adcode, 1, 2), ''), a.topic_id, a.kind, {year}, COUNT(*) "
        "FROM articles_article a LEFT JOIN articles_region r ON r.id = a.region_id "
        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
    assert cells == counted and sum(row[-1] for row in cells) == 19
    printed = query(
        url,
        "SELECT p.name, c.articles FROM articles_publicationcount c "
        "JOIN articles_publication p ON p.id = c.publication_id WHERE c.articles > 0",
    )
    assert dict(printed) == {"同一报": 8 + 3}  # the seed page and three shared pages
    # the coverage rows the writers recomputed side by side equal a count from scratch
    kept = query(
        url,
        "SELECT indicator_id, regions, metrics FROM articles_indicatorcoverage "
        "WHERE metrics > 0 ORDER BY indicator_id",
    )
    direct = query(
        url,
        "SELECT indicator_id, COUNT(DISTINCT region_id), COUNT(*) FROM articles_metric "
        "WHERE status <> 'rejected' AND target = ? AND region_id IS NOT NULL "
        "AND indicator_id IS NOT NULL GROUP BY indicator_id ORDER BY indicator_id",
        [False],
    )
    assert kept and kept == direct


@pytest.mark.django_db(transaction=True)
def test_two_ingests_of_a_new_page_in_the_same_instant_store_it_once(
    monkeypatch, seed_text, reference_data
):
    """The race made certain: both calls look the page up (not stored yet), wait for each
    other, then both try to store it. One stores it; the other reports it unchanged,
    "stored by another run", and no IntegrityError escapes. PostgreSQL only: SQLite
    serialises writers with BEGIN IMMEDIATE (covered by the process test above), and its
    in-memory test database cannot be shared by two threads' write transactions."""
    import threading

    from django.db import connection, connections

    from articles.models import Article, SourcePage
    from articles.services import ingest as service

    if connection.vendor != "postgresql":
        pytest.skip("thread race on the service: PostgreSQL only (see docstring)")
    both_looked = threading.Barrier(2, timeout=30)
    resolve = service._resolve_options

    def resolve_then_wait(*args):
        options = resolve(*args)
        both_looked.wait()
        return options

    monkeypatch.setattr(service, "_resolve_options", resolve_then_wait)
    reports, errors = [], []

    def ingest():
        try:
            reports.append(service.ingest_page(text=seed_text, publication="同一报"))
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(r.summary().split(":")[0] for r in reports) == [
        "created",
        "unchanged (stored by another run)",
    ]
    assert SourcePage.objects.count() == 1 and Article.objects.count() == 8
