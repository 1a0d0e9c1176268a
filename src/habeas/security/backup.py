"""Encrypted, verified backups of the registry (SQLite or PostgreSQL).

A snapshot is consistent while the registry is in use: SQLite through its online backup
API (a copy of one committed state, WAL included), PostgreSQL through ``pg_dump`` (one
repeatable-read transaction, custom format). The snapshot is streamed through encryption
into ``FILE.partial`` and renamed to ``FILE`` only when complete, so a crash or ``kill -9``
mid-way never leaves a half-written backup under the final name.

File format: a magic line, then frames (4-byte big-endian length + Fernet token, i.e.
authenticated encryption under the field keys): a header frame (JSON: engine, time, audit
head), data frames of up to 4 MiB, and a trailer frame (JSON: frame count, SHA-256 of the
data). Restore checks every frame, the count and the digest, so a truncated, reordered or
altered backup is refused; then it checks the restored database (SQLite integrity check,
migrations, the audit chain).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils import timezone

from habeas.security import keys

MAGIC = b"HABEAS-BACKUP-1\n"
CHUNK = 4 * 2**20


class BackupError(RuntimeError):
    """The backup cannot be made or restored; the message says why."""


@dataclass
class BackupInfo:
    """What a backup holds."""

    path: str
    engine: str
    created_at: str
    bytes: int = 0
    sha256: str = ""
    audit_head: dict[str, Any] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)


def _frame(out: IO[bytes], data: bytes) -> None:
    token = keys.encrypt(data)
    out.write(struct.pack(">I", len(token)) + token)


def _frames(handle: IO[bytes]) -> Iterator[bytes]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a Habeas backup file")
    while True:
        size = handle.read(4)
        if not size:
            return
        if len(size) != 4:
            raise BackupError("the backup file is truncated")
        (length,) = struct.unpack(">I", size)
        token = handle.read(length)
        if len(token) != length:
            raise BackupError("the backup file is truncated")
        try:
            yield keys.decrypt(token)
        except keys.KeyProblem as exc:
            raise BackupError("the backup was altered or made with other keys") from exc


def _engine(config: dict[str, Any]) -> str:
    return "postgresql" if "postgresql" in config["ENGINE"] else "sqlite"


def _pg_env(config: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", config.get("HOST") or "127.0.0.1", "--port", str(config.get("PORT") or 5432)]
    if config.get("USER"):
        args += ["--username", config["USER"]]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return args, env


def _snapshot(config: dict[str, Any], workdir: Path) -> Path:
    """A consistent copy of the database as one file in ``workdir``."""
    target = workdir / "snapshot"
    if _engine(config) == "sqlite":
        source = sqlite3.connect(f"file:{config['NAME']}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            (ok,) = copy.execute("PRAGMA integrity_check").fetchone()
            if ok != "ok":
                raise BackupError(f"the database fails its integrity check: {ok}")
        finally:
            copy.close()
            source.close()
        return target
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (apt-get install postgresql-client)")
    args, env = _pg_env(config)
    cmd = ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(target), config["NAME"]]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()[:500]}")
    return target


def make_backup(path: Path, alias: str = "default") -> BackupInfo:
    """Write an encrypted snapshot of database ``alias`` to ``path``."""
    from habeas.audit.models import AuditHead

    config = settings.DATABASES[alias]
    head = AuditHead.objects.using(alias).filter(pk=1).first()
    info = BackupInfo(
        path=str(path),
        engine=_engine(config),
        created_at=timezone.now().isoformat(),
        audit_head={"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": ""},
    )
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="habeas-backup-") as tmp:
        snapshot = _snapshot(config, Path(tmp))
        digest, frames = hashlib.sha256(), 0
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, snapshot.open("rb") as data:
            out.write(MAGIC)
            header = {k: v for k, v in info.__dict__.items() if k not in ("path", "checks")}
            _frame(out, json.dumps({"header": header}).encode())
            while chunk := data.read(CHUNK):
                digest.update(chunk)
                info.bytes += len(chunk)
                frames += 1
                _frame(out, b"D" + chunk)
            info.sha256 = digest.hexdigest()
            trailer = {"trailer": {"frames": frames, "bytes": info.bytes, "sha256": info.sha256}}
            _frame(out, json.dumps(trailer).encode())
            out.flush()
            os.fsync(out.fileno())
    os.replace(partial, path)
    return info


def _unpack(path: Path, target: Path) -> BackupInfo:
    """Decrypt ``path`` into the file ``target``, checking every frame and the digest."""
    with path.open("rb") as handle, target.open("wb") as out:
        frames = _frames(handle)
        first = next(frames, None)
        if first is None or not first.startswith(b'{"header"'):
            raise BackupError("the backup has no header")
        info = BackupInfo(path=str(path), **json.loads(first)["header"])
        digest, count, trailer = hashlib.sha256(), 0, None
        for frame in frames:
            if trailer is not None:
                raise BackupError("data after the end of the backup")
            if frame.startswith(b"D"):
                digest.update(frame[1:])
                out.write(frame[1:])
                count += 1
            else:
                trailer = json.loads(frame)["trailer"]
    if trailer is None:
        raise BackupError("the backup is truncated (no trailer)")
    if trailer["frames"] != count or trailer["sha256"] != digest.hexdigest():
        raise BackupError("the backup's content does not match its digest")
    info.checks.append(f"decrypted and authenticated {count} frame(s); SHA-256 matches")
    return info


def restore_backup(path: Path, target: str) -> BackupInfo:
    """Restore the backup at ``path`` into ``target`` (an SQLite path or PostgreSQL URL),
    then verify the result: integrity, schema, and the audit chain up to the backed-up head.

    An SQLite target is written beside and renamed into place only once verified.
    """
    from habeas.store import database_config

    config = database_config(target)
    engine = _engine(config)
    with tempfile.TemporaryDirectory(prefix="habeas-restore-") as tmp:
        plain = Path(tmp) / "snapshot"
        info = _unpack(path, plain)
        if info.engine != engine:
            raise BackupError(f"this is a {info.engine} backup; the target is {engine}")
        if engine == "sqlite":
            final = Path(config["NAME"])
            staged = final.with_name(final.name + ".restoring")
            shutil.copyfile(plain, staged)
            connection = sqlite3.connect(staged)
            try:
                (ok,) = connection.execute("PRAGMA integrity_check").fetchone()
            finally:
                connection.close()
            if ok != "ok":
                staged.unlink()
                raise BackupError(f"the restored database fails its integrity check: {ok}")
            info.checks.append("SQLite integrity check: ok")
            _verify_restored(database_config(str(staged)), info)
            for suffix in ("-wal", "-shm"):
                Path(str(final) + suffix).unlink(missing_ok=True)
            os.replace(staged, final)
        else:
            args, env = _pg_env(config)
            cmd = ["pg_restore", *args, "--clean", "--if-exists", "--no-owner",
                   "--single-transaction", "--dbname", config["NAME"], str(plain)]  # fmt: skip
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode != 0:
                raise BackupError(f"pg_restore failed: {done.stderr.strip()[:500]}")
            info.checks.append("pg_restore: ok (one transaction)")
            _verify_restored(config, info)
    return info


def _verify_restored(config: dict[str, Any], info: BackupInfo) -> None:
    """Open the restored database under a temporary alias and check schema and audit."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    from habeas.audit.chain import verify

    alias = "habeas_restore_check"
    connections.databases[alias] = {**connections.databases["default"], "OPTIONS": {}, **config}
    try:
        executor = MigrationExecutor(connections[alias])
        missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if missing:
            info.checks.append(f"{len(missing)} migration(s) to apply after restoring")
        else:
            info.checks.append("schema: all migrations applied")
        result = verify(using=alias)
        if not result.ok:
            raise BackupError("the restored audit log is broken: " + "; ".join(result.problems))
        expected = info.audit_head.get("seq", 0)
        if result.head_seq != expected:
            raise BackupError(f"the restored audit log ends at {result.head_seq}, not {expected}")
        info.checks.append(
            f"audit chain: {result.entries} entries intact, head {result.head_hash[:12]}"
        )
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.databases[alias]
