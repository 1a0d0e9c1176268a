"""Security commands: ``habeas audit verify|log``, ``habeas keys generate|rotate``,
``habeas backup``, ``habeas restore``, ``habeas reset-2fa``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import EXIT_BAD_INPUT, console, emit_json, fail
from habeas.cli.store import connect

audit_app = typer.Typer(
    help="The audit log: verify its hash chain, list entries.", no_args_is_help=True
)
keys_app = typer.Typer(help="Keys of the encrypted fields and backups.", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(
    db: DbOption = None,
    as_json: JsonOption = False,
    expect_head: Annotated[
        str | None, typer.Option(help="A head hash kept elsewhere from an earlier verify.")
    ] = None,
) -> None:
    """Recompute the audit log's hash chain; exit 1 when any entry was edited or removed."""
    connect(db)
    from habeas.audit.chain import verify

    result = verify(expect_head=expect_head)
    if as_json:
        emit_json({"ok": result.ok, **result.__dict__})
    else:
        state = "[green]intact[/]" if result.ok else "[bold red]BROKEN[/]"
        console.print(f"Audit log {state}: {result.entries} entries, head #{result.head_seq}")
        console.print(f"head hash: {result.head_hash}", highlight=False)
        for problem in result.problems:
            console.print(f"  [red]•[/] {problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(EXIT_BAD_INPUT)


@audit_app.command("log")
def audit_log(
    db: DbOption = None,
    as_json: JsonOption = False,
    person: Annotated[int | None, typer.Option(help="Only entries about this person.")] = None,
    limit: Annotated[int, typer.Option(help="The newest N entries.")] = 50,
) -> None:
    """List audit entries, newest last."""
    connect(db)
    from habeas.audit.models import AuditEntry

    entries = AuditEntry.objects.order_by("-seq")
    if person is not None:
        entries = entries.filter(person_id=person)
    rows = [
        {
            k: getattr(e, k)
            for k in (
                "seq",
                "at",
                "actor",
                "action",
                "object_type",
                "object_id",
                "origin",
                "before",
                "after",
                "hash",
            )
        }  # fmt: skip
        for e in reversed(list(entries[:limit]))
    ]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        console.print(
            f"#{r['seq']} {r['at']:%Y-%m-%d %H:%M:%S} {r['actor']} {r['action']} "
            f"{r['object_type']}:{r['object_id']} ({r['origin']})",
            highlight=False,
        )


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new random key (put it first in HABEAS_FIELD_KEYS or the key file)."""
    from habeas.security.keys import generate_key

    typer.echo(generate_key())


@keys_app.command("rotate")
def keys_rotate(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-encrypt every encrypted value under the first key (in one transaction)."""
    connect(db)
    from django.db import transaction

    from habeas.audit import chain
    from habeas.security.fields import rotate_all
    from habeas.security.keys import KeyProblem

    try:
        with transaction.atomic():
            count = rotate_all()
            chain.record(actor="cli", action="rotate_keys", object_type="keys", object_id="fields",
                         after={"values": count}, origin="cli:keys rotate")  # fmt: skip
    except KeyProblem as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json({"rotated": count})
    else:
        console.print(f"Re-encrypted {count} value(s) under the first key.")


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the encrypted backup.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write a consistent, encrypted snapshot of the registry (safe while it is in use)."""
    connect(db)
    from habeas.security.backup import BackupError, make_backup

    try:
        info = make_backup(file)
    except BackupError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(info.__dict__)
    else:
        console.print(
            f"Backup written: {file} ({info.engine}, {info.bytes:,} bytes, audit head "
            f"#{info.audit_head.get('seq')})",
            highlight=False,
        )


def restore(
    file: Annotated[Path, typer.Argument(help="An encrypted backup made by habeas backup.")],
    target: Annotated[
        str, typer.Option("--db", help="SQLite path or PostgreSQL URL to restore into.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Restore a backup into TARGET, then verify it (integrity, schema, audit chain)."""
    from habeas.cli.store import connect as setup

    setup(None, migrate=False)
    from habeas.security.backup import BackupError, restore_backup

    if not file.is_file():
        fail(f"no such file: {file}", as_json=as_json)
    try:
        info = restore_backup(file, target)
    except BackupError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(info.__dict__)
        return
    console.print(f"Restored {file} into {target}; verified:", highlight=False)
    for check in info.checks:
        console.print(f"  [green]✓[/] {check}", highlight=False)


def reset_2fa(
    username: Annotated[str, typer.Argument(help="The user who lost their authenticator.")],
    db: DbOption = None,
) -> None:
    """Remove a user's two-factor devices; they enrol a new one at their next login."""
    connect(db)
    from django.contrib.auth import get_user_model

    from habeas.audit import chain
    from habeas.security.twofactor import remove_devices

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        fail(f"no user {username!r}")
    removed = remove_devices(user)
    chain.record(actor="cli", action="reset_2fa", object_type="user", object_id=user.pk,
                 after={"devices_removed": removed}, origin="cli:reset-2fa")  # fmt: skip
    console.print(f"Removed {removed} device(s) of {username}.", highlight=False)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.add_typer(audit_app, name="audit")
    app.add_typer(keys_app, name="keys")
    app.command()(backup)
    app.command()(restore)
    app.command("reset-2fa")(reset_2fa)
