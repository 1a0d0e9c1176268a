"""Key material for confidential fields and backups, kept outside the database.

Keys are Fernet keys (AES-128-CBC with HMAC-SHA256: authenticated encryption, from the
``cryptography`` package). They come from, in order:

1. ``HABEAS_FIELD_KEYS``: comma-separated keys, the first one encrypts, all of them decrypt;
2. ``HABEAS_KEY_FILE``: a file with one key a line, the first one encrypts;
3. under DEBUG or the test settings only, a fixed development key;
4. otherwise the key file ``field-keys`` in the user's data directory, created (mode 0600)
   with a fresh random key on first use, so the demo works without setup.

Rotation: put a new key first (keep the old ones after it), run ``habeas keys rotate``
(every encrypted value and nothing else is rewritten under the new key), then drop the old.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import platformdirs
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEYS_ENV = "HABEAS_FIELD_KEYS"
KEY_FILE_ENV = "HABEAS_KEY_FILE"
#: Development only: accepted when settings.HABEAS_ALLOW_DEV_KEY is true (DEBUG, tests).
DEV_KEY = "aGFiZWFzLWRldi1rZXktbm90LXNlY3JldC0zMmJ5dGU="  # b"habeas-dev-key-not-secret-32byte"


class KeyProblem(RuntimeError):
    """No usable key, or a value that no key opens (tampered or from another registry)."""


def default_key_file() -> Path:
    """Where a registry without configured keys keeps its generated key."""
    return Path(platformdirs.user_data_dir("habeas")) / "field-keys"


def _parse(text: str) -> list[str]:
    keys = [k.strip() for k in text.replace(",", "\n").splitlines()]
    keys = [k for k in keys if k and not k.startswith("#")]
    for key in keys:
        try:
            Fernet(key.encode())
        except ValueError as exc:
            raise KeyProblem(
                "a field key is not a valid Fernet key (32 url-safe base64 bytes)"
            ) from exc
    return keys


def _allow_dev_key() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "HABEAS_ALLOW_DEV_KEY", False))


def load_keys() -> list[str]:
    """The configured keys, the one that encrypts first."""
    if os.environ.get(KEYS_ENV, "").strip():
        return _parse(os.environ[KEYS_ENV])
    if os.environ.get(KEY_FILE_ENV, "").strip():
        path = Path(os.environ[KEY_FILE_ENV]).expanduser()
        if not path.is_file():
            raise KeyProblem(f"{KEY_FILE_ENV} names {path}, which does not exist")
        keys = _keys_in_file(path)
        if not keys:
            raise KeyProblem(f"the key file {path} holds no key")
        return keys
    if _allow_dev_key():
        return [DEV_KEY]
    path = default_key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(Fernet.generate_key().decode() + "\n")
    return _keys_in_file(path)


def _keys_in_file(path: Path) -> list[str]:
    """The keys in a key file, read again only when the file changed (every encrypted
    value asks for the keys; a ``stat`` is much cheaper than reading and checking them)."""
    info = path.stat()
    return list(_read_key_file(str(path), info.st_mtime_ns, info.st_size, info.st_ino))


@lru_cache(maxsize=8)
def _read_key_file(path: str, mtime_ns: int, size: int, inode: int) -> tuple[str, ...]:
    return tuple(_parse(Path(path).read_text(encoding="ascii")))


@lru_cache(maxsize=1)
def _cached(signature: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in signature])


def keyring() -> MultiFernet:
    """The keys as a MultiFernet (encrypts with the first, decrypts with any)."""
    return _cached(tuple(load_keys()))


def generate_key() -> str:
    """A new random key."""
    return Fernet.generate_key().decode()


def encrypt(data: bytes) -> bytes:
    """Encrypt and authenticate ``data`` under the first key."""
    return keyring().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Check and decrypt ``token`` with any configured key.

    Raises:
        KeyProblem: no key opens it, or it was altered.
    """
    try:
        return keyring().decrypt(token)
    except InvalidToken as exc:
        raise KeyProblem("an encrypted value does not open with any configured key") from exc


def rotate_token(token: bytes) -> bytes:
    """``token`` re-encrypted under the first key."""
    try:
        return keyring().rotate(token)
    except InvalidToken as exc:
        raise KeyProblem("an encrypted value does not open with any configured key") from exc
