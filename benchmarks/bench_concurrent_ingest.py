"""Six ``manage.py ingest`` processes at once (issue 8 point 4, issue 12 point 4), by hand.

Four processes get two pages of their own each; two get the same four pages (the sample
page and three small ones). Prints what each process said about each page and checks,
in the database, that every page is stored exactly once.

    python benchmarks/bench_concurrent_ingest.py                       # a fresh SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch python benchmarks/bench_concurrent_ingest.py

With ``DATABASE_URL`` the database is migrated and its pages deleted first: never point
it at data you keep.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_concurrent_ingest import page_text  # noqa: E402  (the test's page maker)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="concurrent-ingest-"))
    env = dict(os.environ, DJANGO_DEBUG="0", PYTHONPATH=str(ROOT))
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'db.sqlite3'}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run(
        [
            *manage,
            "shell",
            "-v",
            "0",
            "-c",
            "from articles.models import SourcePage; SourcePage.objects.all().delete()",
        ],
        env=env,
        check=True,
    )
    own = []
    for n in range(8):
        path = work / f"own{n}.txt"
        path.write_text(page_text(n), encoding="utf-8")
        own.append(str(path))
    shared = [work / "seed.txt"] + [work / f"shared{n}.txt" for n in range(3)]
    shared[0].write_text((ROOT / "tests/data/seed_page.txt").read_text("utf-8"), "utf-8")
    for n, path in enumerate(shared[1:], start=100):
        path.write_text(page_text(n), encoding="utf-8")
    shared = [str(p) for p in shared]
    argv = [own[2 * i : 2 * i + 2] for i in range(4)] + [shared, shared]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*manage, "ingest", *paths, "-v", "2"],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for paths in argv
    ]
    for i, proc in enumerate(procs):
        out, err = proc.communicate()
        print(f"process {i} exit {proc.returncode}, traceback: {'Traceback' in out + err}")
        for line in out.splitlines():
            if line.startswith(str(work)):
                name, said = line[len(str(work)) + 1 :].split(": ", 1)
                print(f"  {name}: {said.split(':')[0]}")
    print(
        f"all done in {time.perf_counter() - started:.1f} s ({env['DATABASE_URL'].split('@')[-1]})"
    )
    check = subprocess.run(
        [
            *manage,
            "shell",
            "-v",
            "0",
            "-c",
            "from django.db.models import Count; from articles.models import SourcePage;"
            "rows = SourcePage.objects.values('filename').annotate(n=Count('pk'));"
            "print(len(rows), 'pages stored,', sum(r['n'] > 1 for r in rows), 'more than once')",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    print(check.stdout.strip() or check.stderr)


if __name__ == "__main__":
    main()
