"""Faults: ``kill -9`` in the middle of an import, a link run and a backup; a full disk under
an import; two editors saving the same person.

The kills are real: ``python -m habeas`` runs in its own process group on a temporary SQLite
file — and, when ``HABEAS_TEST_POSTGRES`` names a server, again on a PostgreSQL database of the
test's own — and the whole group (the import's worker processes included) gets SIGKILL while
it is writing. Then fresh processes open the registry: it passes SQLite's integrity check (on
PostgreSQL: ``amcheck`` on every index) and holds exactly what the last completed command
left. The PostgreSQL variants carry the ``django_db`` mark, so ``pytest -m django_db`` (the
PostgreSQL run of ``make test``) includes them. The figures (when the kill came, what was
present after) are written to ``build/security/fault-figures.json`` (see
docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from habeas.apps.registry import actions
from habeas.apps.registry.models import Person
from habeas.audit.history import version_of
from habeas.audit.models import AuditEntry
from tests.conftest import HEADER, ROWS, write_csv
from tests.security import pg
from tests.security.helpers import signed_in

KEY = Fernet.generate_key().decode()
MB = 2**20
FIGURES_FILE = Path(__file__).resolve().parents[2] / "build" / "security" / "fault-figures.json"
FIGURES: dict[str, dict[str, Any]] = {}
PG_URL = pg.configured_url()
#: Every kill test runs on SQLite, and on PostgreSQL when the suite has a server (the
#: PostgreSQL variants exist only then, so neither run reports a skipped test).
ENGINES = ["sqlite"] + (
    # selected by ``pytest -m django_db`` (make test-postgres)
    [pytest.param("postgresql", marks=[pytest.mark.django_db])] if PG_URL else []
)


@pytest.fixture(scope="module", autouse=True)
def _write_figures():
    yield
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    try:  # the SQLite and the PostgreSQL run each add their own figures
        earlier = json.loads(FIGURES_FILE.read_text())
    except (OSError, ValueError):
        earlier = {}
    merged = {**earlier, **FIGURES}
    FIGURES_FILE.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n")


@pytest.fixture(scope="session")
def big_csv(tmp_path_factory) -> Path:
    """20,000 synthetic persons in the interchange format (about 6.5 MB)."""
    from habeas.demo import generate_people, write_interchange_csv

    path = tmp_path_factory.mktemp("faults-big") / "big.csv"
    write_interchange_csv(generate_people(20000, seed=3), path)
    return path


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory) -> Path:
    """The three-row test list."""
    return write_csv(tmp_path_factory.mktemp("faults-small") / "small.csv", HEADER, ROWS)


@pytest.fixture(scope="session")
def small_registry(small_csv) -> Path:
    """A registry file with the three-row test list imported (WAL folded in: one file)."""
    db = small_csv.with_name("registry.sqlite3")
    habeas("import", small_csv, "--source", "Memorial", "--db", db)
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture(scope="session")
def small_postgres(small_csv) -> Iterator[str]:
    """A PostgreSQL database with the three-row test list imported: the template the tests
    copy (``CREATE DATABASE … TEMPLATE``). Dropped at the end of the session. Only the
    PostgreSQL variants ask for it, and they exist only when a server is configured."""
    assert PG_URL is not None, "the PostgreSQL variants exist only with HABEAS_TEST_POSTGRES"
    with pg.scratch_database("habeas_fault_small", PG_URL) as url:
        habeas("import", small_csv, "--source", "Memorial", "--db", url)
        yield url


def copy_of(registry: Path, folder: Path) -> Path:
    """A copy of the registry file in ``folder``."""
    target = folder / "registry.sqlite3"
    target.write_bytes(registry.read_bytes())
    return target


class Store:
    """The registry a fault test works on: an SQLite file or a PostgreSQL database URL."""

    def __init__(self, engine: str, target: str | Path) -> None:
        self.engine = engine
        self.target = target

    @property
    def postgres(self) -> bool:
        """Whether this is a PostgreSQL database."""
        return self.engine == "postgresql"

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows of ``sql``."""
        if self.postgres:
            return pg.query(str(self.target), sql)
        with closing(sqlite3.connect(self.target)) as connection:
            return connection.execute(sql).fetchall()

    def integrity(self) -> str:
        """``"ok"`` when the database's own consistency check passes."""
        if self.postgres:
            return pg.index_check(str(self.target))
        return self.query("PRAGMA integrity_check")[0][0]

    def written(self) -> int:
        """Bytes written so far, committed or not: SQLite's ``-wal`` file; PostgreSQL's
        database size (tables grow on disk as rows are inserted, before the commit)."""
        if self.postgres:
            return self.query("SELECT pg_database_size(current_database())")[0][0]
        return _size(Path(f"{self.target}-wal"))

    def settle(self) -> float:
        """After a kill: on PostgreSQL, wait until the server has noticed the dead client and
        ended its backend (rolling its transaction back); the seconds it took."""
        began = time.monotonic()
        if self.postgres:
            name = str(self.target).rsplit("/", 1)[1]
            while pg.query(
                PG_URL or pg.DEFAULT_URL,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )[0][0]:
                assert time.monotonic() - began < 30, "the killed client's backend lives on"
                time.sleep(0.05)
        return time.monotonic() - began


@contextmanager
def small_store(engine: str, folder: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A copy of the three-row registry on ``engine``."""
    if engine == "postgresql":
        template = request.getfixturevalue("small_postgres").rsplit("/", 1)[1]
        with pg.scratch_database("habeas_fault", PG_URL, template=template) as url:
            yield Store(engine, url)
    else:
        yield Store(engine, copy_of(request.getfixturevalue("small_registry"), folder))


@contextmanager
def empty_store(engine: str, folder: Path, name: str = "habeas_fault") -> Iterator[Store]:
    """A registry on ``engine`` that does not exist yet (the first command creates it)."""
    if engine == "postgresql":
        with pg.scratch_database(name, PG_URL) as url:
            yield Store(engine, url)
    else:
        yield Store(engine, folder / f"{name}.sqlite3")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HABEAS_"))}
    env["HABEAS_FIELD_KEYS"] = KEY  # production settings with a key of the test's own
    return env


def habeas(*args: object, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``python -m habeas ARGS`` in a new process, to the end."""
    done = subprocess.run(
        [sys.executable, "-m", "habeas", *map(str, args)],
        env=_env(), capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    if check:
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    return done


def start(log: Path, *args: object) -> subprocess.Popen[bytes]:
    """``python -m habeas ARGS`` in the background, in a process group of its own."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "habeas", *map(str, args)],
            env=_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def wait_for(condition: Callable[[], bool], what: str, proc: subprocess.Popen[bytes]) -> float:
    """Poll until ``condition`` holds (at most 60 s); the seconds since the call."""
    began = time.monotonic()
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the process ended (exit {proc.returncode}) before {what}")
        if time.monotonic() - began > 60:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)
    return time.monotonic() - began


def _live_members(group: int) -> list[int]:
    """Processes of the group that are not yet dead (zombies count as dead)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and its workers; return once none of them runs."""
    assert proc.poll() is None, "the command finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while _live_members(proc.pid):
        assert time.monotonic() < deadline, "a process of the killed group is still running"
        time.sleep(0.02)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def content(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import or a link run writes."""
    tables = ("sources_source", "sources_importrun", "sources_sourcechange",
              "registry_sourcerecord", "registry_person", "registry_linkrun",
              "audit_auditentry")  # fmt: skip
    return {t: store.query(f"SELECT * FROM {t} ORDER BY id") for t in tables}  # noqa: S608


def stats(db: Path | str) -> dict[str, Any]:
    return json.loads(habeas("stats", "--json", "--db", db).stdout)


def _figures(kind: str, engine: str) -> dict[str, Any]:
    """Where a test's figures go: ``import`` on SQLite, ``import (postgresql)`` otherwise."""
    return FIGURES.setdefault(kind if engine == "sqlite" else f"{kind} ({engine})", {})


@pytest.mark.parametrize("engine", ENGINES)
def test_kill_9_during_an_import_keeps_the_earlier_import_and_none_of_the_killed_one(
    engine, big_csv, tmp_path, request
):
    with small_store(engine, tmp_path, request) as store:
        db = store.target
        before = content(store)
        assert len(before["registry_sourcerecord"]) == len(ROWS)
        baseline = store.written()

        proc = start(tmp_path / "import.log", "import", big_csv, "--source", "Big", "--db", db)
        began = time.monotonic()
        wait_for(lambda: store.written() - baseline > 6 * MB, "the import wrote 6 MB", proc)
        written_at_kill = store.written() - baseline
        kill_group(proc)
        killed_after = time.monotonic() - began
        settled = store.settle()

        assert store.integrity() == "ok"
        assert content(store) == before  # the small import whole; not one row of the big one
        assert store.query("SELECT COUNT(*) FROM sources_source WHERE name = 'Big'") == [(0,)]
        shown = stats(db)
        assert shown["source_records"] == len(ROWS) and shown["imports"] == 1
        assert [s["name"] for s in shown["sources"]] == ["Memorial"]
        assert habeas("audit", "verify", "--db", db).returncode == 0
    _figures("import", engine).update({
        "rows_in_killed_file": 20000,
        "killed_after_seconds": round(killed_after, 2),
        "bytes_written_at_kill": written_at_kill,
        "backend_gone_after_seconds": round(settled, 2),
        "source_records_after": shown["source_records"],
        "import_runs_after": shown["imports"],
    })  # fmt: skip


@pytest.mark.parametrize("engine", ENGINES)
def test_kill_9_during_a_link_run_keeps_the_assignment_of_records_to_persons(engine, tmp_path):
    from habeas.demo import generate_people, write_partner_lists

    with empty_store(engine, tmp_path) as store:
        db = store.target
        for partner in write_partner_lists(generate_people(1000, seed=5), tmp_path / "lists"):
            mapping = ["--mapping", partner.mapping_path] if partner.mapping_path else []
            habeas("import", partner.path, "--source", partner.source_name, *mapping, "--db", db)
        before = content(store)
        assignment = "SELECT id, person_id FROM registry_sourcerecord ORDER BY id"
        assigned = store.query(assignment)
        assert len(assigned) > 1500 and not before["registry_linkrun"]

        log = tmp_path / "link.log"
        proc = start(log, "link", "--db", db)
        began = time.monotonic()
        # "linking N records" is printed inside the run's transaction, after the records are
        # loaded; scoring, clustering and writing the new assignment take seconds after it.
        wait_for(lambda: "linking" in log.read_text(encoding="utf-8", errors="replace"),
                 "the link run started", proc)  # fmt: skip
        time.sleep(1.5)
        kill_group(proc)
        killed_after = time.monotonic() - began
        settled = store.settle()

        assert store.integrity() == "ok"
        assert store.query(assignment) == assigned
        assert content(store) == before  # no link run recorded, no person merged
        persons = stats(db)["persons"]
        assert persons == len(assigned)

        # The run that was killed had work to write: a complete run changes the assignment.
        done = json.loads(habeas("link", "--json", "--db", db).stdout)
        assert done["persons_merged"] > 0 and store.query(assignment) != assigned
        assert store.integrity() == "ok"
    _figures("link", engine).update({
        "source_records": len(assigned),
        "killed_after_seconds": round(killed_after, 2),
        "backend_gone_after_seconds": round(settled, 2),
        "persons_after_kill": persons,
        "persons_after_a_complete_run": done["persons"],
        "complete_run_stage_seconds": done["stage_seconds"],
    })  # fmt: skip


def _add_ballast(store: Store, mib: int = 48) -> None:
    """``mib`` MiB of random bytes in an extra table, so that writing a backup takes long
    enough to be caught in the middle."""
    if store.postgres:
        import psycopg

        with closing(psycopg.connect(str(store.target), autocommit=True)) as connection:
            connection.execute("CREATE TABLE fault_ballast (b bytea)")
            for _ in range(mib):
                connection.execute("INSERT INTO fault_ballast VALUES (%s)", (os.urandom(MB),))
        return
    with closing(sqlite3.connect(store.target)) as connection:
        connection.execute("CREATE TABLE fault_ballast (b BLOB)")
        connection.execute(
            "INSERT INTO fault_ballast WITH RECURSIVE n(i) AS "
            f"(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {mib}) "  # noqa: S608
            "SELECT randomblob(1048576) FROM n"
        )
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _untouched(target: Store) -> bool:
    """Whether a restore target was left as it was: no SQLite file, no PostgreSQL table."""
    if target.postgres:
        tables = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"
        return target.query(tables) == [(0,)]
    return not Path(target.target).exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_kill_9_during_a_backup_leaves_no_backup_and_a_refused_partial(engine, tmp_path, request):
    with (
        small_store(engine, tmp_path, request) as store,
        empty_store(engine, tmp_path, "habeas_fault_restored") as target,
    ):
        db = store.target
        _add_ballast(store)
        before = content(store)
        size = store.query("SELECT pg_database_size(current_database())")[0][0] if (
            store.postgres) else _size(Path(db))  # fmt: skip

        out = tmp_path / "registry.hbk"
        partial = tmp_path / "registry.hbk.partial"
        proc = start(tmp_path / "backup.log", "backup", out, "--db", db)
        began = time.monotonic()
        wait_for(lambda: _size(partial) > 8 * MB, "the backup wrote 8 MB", proc)
        kill_group(proc)
        killed_after = time.monotonic() - began
        partial_bytes = _size(partial)
        store.settle()

        assert not out.exists()  # never a half-written file under the backup's name
        assert partial_bytes > 8 * MB
        refused = habeas("restore", partial, "--db", target.target, check=False)
        assert refused.returncode == 1 and "truncated" in refused.stderr + refused.stdout
        assert _untouched(target)
        missing = habeas("restore", out, "--db", target.target, check=False)
        assert missing.returncode != 0 and _untouched(target)
        assert store.integrity() == "ok" and content(store) == before
        assert habeas("audit", "verify", "--db", db).returncode == 0

        # The next backup replaces the leftover and restores, verified.
        habeas("backup", out, "--db", db)
        assert not partial.exists()
        restored = json.loads(habeas("restore", out, "--db", target.target, "--json").stdout)
        expected = "pg_restore: ok (one transaction)" if store.postgres else (
            "SQLite integrity check: ok")  # fmt: skip
        assert expected in restored["checks"]
        assert content(target) == before
    _figures("backup", engine).update({
        "database_bytes": size,
        "killed_after_seconds": round(killed_after, 2),
        "partial_bytes_at_kill": partial_bytes,
        "final_file_after_kill": False,
        "restore_of_partial": (refused.stderr + refused.stdout).strip().splitlines()[-1],
    })  # fmt: skip


def test_a_full_disk_fails_the_import_and_keeps_the_earlier_content(
    big_csv, small_registry, tmp_path
):
    disk = tmp_path / "small-disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], check=True)
    try:
        db = copy_of(small_registry, disk)
        store = Store("sqlite", db)
        before = content(store)
        began = time.monotonic()
        failed = habeas("import", big_csv, "--source", "Big", "--db", db, check=False)
        seconds = time.monotonic() - began
        assert failed.returncode == 1
        assert "Traceback" not in failed.stderr
        last_line = failed.stderr.strip().splitlines()[-1]
        assert "database or disk is full" in last_line and "nothing was written" in last_line
        assert store.integrity() == "ok"
        assert content(store) == before
        assert stats(db)["source_records"] == len(ROWS)
        FIGURES["full_disk"] = {
            "filesystem": "tmpfs, 6 MiB",
            "failed_after_seconds": round(seconds, 2),
            "exit_code": failed.returncode,
            "last_line": last_line,
            "traceback_printed": "Traceback" in failed.stderr,
            "source_records_after": len(ROWS),
        }
    finally:
        subprocess.run(["umount", str(disk)], check=True)


FORM = {"source": "Mediazona", "source_kind": "news", "source_confidentiality": "public"}


def _version(html: str) -> str:
    found = re.search(r'<input type="hidden" name="version" value="([0-9a-f]+)"', html)
    assert found, "the edit form carries no version"
    return found.group(1)


@pytest.mark.django_db
def test_two_editors_on_the_edit_form_the_second_is_told_and_nothing_is_lost(editor, editor2):
    person = actions.create_person(actor=editor, citation=actions.Citation(source="Mediazona"),
                                   name="Иванов Иван Иванович", region="Москва")  # fmt: skip
    url = f"/workspace/persons/{person.pk}/edit/"
    first, second = signed_in(editor), signed_in(editor2)
    loaded = [_version(client.get(url).content.decode()) for client in (first, second)]
    assert loaded[0] == loaded[1] == version_of(person)

    values = {**FORM, "name": person.display_name}
    saved = first.post(url, {**values, "region": "Тверь", "version": loaded[0]})
    assert saved.status_code == 302
    refused = second.post(url, {**values, "region": "Пермь", "version": loaded[1]})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else changed this person while you were editing" in page
    assert "your change was not saved" in page
    person.refresh_from_db()
    assert person.region == "Тверь"  # the first change stands, the second did not overwrite
    edits = AuditEntry.objects.filter(person_id=person.pk, action="edit_person")
    assert [e.actor for e in edits] == ["ed"]

    # A form without the version (from before it carried one) is refused, not applied.
    stale_tab = second.post(url, {**values, "region": "Пермь"})
    assert stale_tab.status_code == 200 and "This form is out of date" in stale_tab.content.decode()
    assert Person.objects.get(pk=person.pk).region == "Тверь"

    # Having reloaded, the second editor sees the first one's change and may apply theirs.
    reloaded = second.get(url).content.decode()
    assert _version(reloaded) == version_of(person) != loaded[1] and "Тверь" in reloaded
    assert (
        second.post(url, {**values, "region": "Пермь", "version": _version(reloaded)}).status_code
        == 302
    )
    assert Person.objects.get(pk=person.pk).region == "Пермь"
