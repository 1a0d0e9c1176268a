"""Frozen versions of a release list: canonical content, hash, signature and diffs.

A version's *content* is a JSON object: the list's name and title, the version number,
who froze it, when, for which audience, the profile's fields, and one entry per person
(projected through the audience profile). Its hash is the SHA-256 of the canonical JSON
(keys sorted, no spaces, UTF-8). When a signing key is configured (``HABEAS_SIGNING_KEY``:
a PEM Ed25519 private key), the canonical bytes are signed with Ed25519 and the public key
is stored and printed with the version, so anyone can check it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from habeas.lists.criteria import Criteria, evaluate
from habeas.lists.profiles import check_clean, profile, project

FORMAT = "habeas-release-list/1"
KEY_ENV = "HABEAS_SIGNING_KEY"


def build_content(
    *,
    name: str,
    title: str,
    number: int,
    audience: str,
    frozen_by: str,
    frozen_at: datetime,
    entries: list[dict[str, Any]],
    sections: dict[str, Any],
) -> dict[str, Any]:
    """The content of a new version: entries projected for ``audience``, checked clean."""
    prof = profile(audience)
    content: dict[str, Any] = {
        "format": FORMAT,
        "list": name,
        "title": title,
        "version": number,
        "audience": audience,
        "frozen_by": frozen_by,
        "frozen_at": frozen_at.isoformat(timespec="seconds"),
        "fields": list(prof.fields),
        "count": len(entries),
        "persons": [project(e, prof) for e in entries],
    }
    for key in prof.sections:
        if key in sections:
            content[key] = sections[key]
    check_clean(content)
    return content


def canonical_bytes(content: dict[str, Any]) -> bytes:
    """The canonical JSON encoding that is hashed and signed."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical content."""
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def generate_key(path: Path) -> str:
    """Write a new Ed25519 private key (PEM, mode 0600) to ``path``; returns its public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    path.chmod(0o600)
    return _public_b64(key)


def _public_b64(key: Any) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign(content: dict[str, Any], key_path: str | None = None) -> tuple[str, str]:
    """``(signature, public_key)`` in base64, or ``("", "")`` when no key is configured.

    Raises:
        ValueError: the key file is missing or not an Ed25519 private key.
    """
    key_path = key_path if key_path is not None else os.environ.get(KEY_ENV, "")
    if not key_path:
        return "", ""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the signing key {key_path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{key_path} is not an Ed25519 private key")
    signature = key.sign(canonical_bytes(content))
    return base64.b64encode(signature).decode(), _public_b64(key)


def verify(content: dict[str, Any], signature: str, public_key: str) -> bool:
    """Whether ``signature`` is a valid Ed25519 signature of ``content`` by ``public_key``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
        key.verify(base64.b64decode(signature), canonical_bytes(content))
    except (InvalidSignature, ValueError):
        return False
    return True


#: Fields compared between versions (the rest are derived or explanatory).
_COMPARED = (
    "name",
    "name_latin",
    "birth_date",
    "status",
    "region",
    "citizenships",
    "articles",
    "sentence",
    "regime",
    "facility",
    "release_due",
    "recognitions",
    "priority",
)


def diff(
    old: dict[str, Any],
    new: dict[str, Any],
    current: dict[int, dict[str, Any]] | None = None,
    today: Any = None,
    exclusions: dict[int, str] | None = None,
) -> dict[str, Any]:
    """What changed from version ``old`` to ``new``: added, removed, changed, and why.

    ``current`` (person id → person row as the registry has it now) lets a removal say
    which criterion the person no longer meets; ``exclusions`` (person id → reason) names
    manual exclusions for versions whose audience does not carry them.
    """
    before = {p["person_id"]: p for p in old["persons"]}
    after = {p["person_id"]: p for p in new["persons"]}
    excluded = dict(exclusions or {})
    excluded |= {e["person_id"]: e["reason"] for e in (new.get("manual") or {}).get("excluded", [])}
    criteria_old, criteria_new = old.get("criteria"), new.get("criteria")
    criteria_changed = criteria_old != criteria_new
    added = []
    for pid in sorted(set(after) - set(before)):
        entry = after[pid]
        why = list(entry.get("why") or [])
        if criteria_changed:
            why.insert(0, "the criteria changed")
        added.append(_who(entry) | {"why": why or ["new on the list"]})
    removed = []
    for pid in sorted(set(before) - set(after)):
        entry = before[pid]
        removed.append(_who(entry) | {"why": _removal_reasons(pid, new, excluded, current, today)})
    changed = []
    for pid in sorted(set(before) & set(after)):
        fields = {
            f: [before[pid].get(f), after[pid].get(f)]
            for f in _COMPARED
            if f in before[pid] and f in after[pid] and before[pid].get(f) != after[pid].get(f)
        }
        if fields:
            why = [f"{f}: {_show(a)} → {_show(b)}" for f, (a, b) in fields.items()]
            changed.append(_who(after[pid]) | {"fields": fields, "why": why})
    out: dict[str, Any] = {
        "list": new.get("list"),
        "from_version": old.get("version"),
        "to_version": new.get("version"),
        "from_audience": old.get("audience"),
        "to_audience": new.get("audience"),
        "added": added,
        "removed": removed,
        "changed": changed,
    }
    if criteria_changed:
        out["criteria_changed"] = {"before": criteria_old, "after": criteria_new}
    return out


def _who(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "person_id": entry["person_id"],
        "ref": entry.get("ref"),
        "name": entry.get("name"),
        "name_latin": entry.get("name_latin"),
    }


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


def _removal_reasons(
    pid: int,
    new: dict[str, Any],
    excluded: dict[int, str],
    current: dict[int, dict[str, Any]] | None,
    today: Any,
) -> list[str]:
    if pid in excluded:
        return [f"excluded manually: {excluded[pid]}"]
    why = []
    if current is not None and pid not in current:
        return ["no longer in the registry (merged into another person or removed)"]
    if current is not None and "criteria" in new and today is not None:
        match = evaluate(Criteria.from_dict(new["criteria"]), current[pid], today)
        why = [f"no longer meets {f}" for f in match.failed]
    return why or ["no longer selected"]
