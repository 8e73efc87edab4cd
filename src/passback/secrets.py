"""Encryption of SIS client secrets at rest: AES-256-GCM, bound to the district.

A sealed secret is `b"pb1" + key id (4 bytes) + nonce (12 bytes) + ciphertext and tag`.
The key id is the start of SHA-256 of the key, so a secret sealed under another key is
recognised as such (and a later rotation can tell old from new). The associated data
names the district, so a ciphertext copied onto another district's row does not decrypt.

The key comes from `PASSBACK_SECRET_KEY` (urlsafe base64 of 32 bytes) or, with a SQLite
database only, from `passback.key` beside the database file, created once with mode 0600.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from passback import settings

VERSION = b"pb1"
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID_BYTES = 4
_HEADER = len(VERSION) + KEY_ID_BYTES
_GENERATE_HINT = (
    'python -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
)


class SecretError(Exception):
    """The key is missing or unusable, or a secret does not decrypt. Never carries key or
    secret material."""


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"passback-key-id\0" + key).digest()[:KEY_ID_BYTES]


def _associated_data(district_id: str) -> bytes:
    return b"passback/district-secret\0" + district_id.encode()


OLD_KEYS_ENV = "PASSBACK_OLD_SECRET_KEYS"  # comma-separated, decrypt only (rotation)
OLD_KEY_SUFFIX = ".old"  # beside the key file: the previous key while a rotation runs


class SecretBox:
    """Seals district secrets with the current key; opens them with the current key or an
    older one still listed (during a key rotation). A secret sealed under a key this box
    does not know makes it re-read its key source once, so a long-running process follows a
    rotation made by another one."""

    __slots__ = ("_aead", "_key_id", "_loader", "_older", "source")

    def __init__(
        self,
        key: bytes,
        *,
        source: str = "a key given in code",
        older: tuple[bytes, ...] = (),
        loader: Callable[[], tuple[bytes, tuple[bytes, ...]]] | None = None,
    ) -> None:
        self.source = source
        self._loader = loader
        self._use(key, older)

    def _use(self, key: bytes, older: tuple[bytes, ...]) -> None:
        for k in (key, *older):
            if len(k) != KEY_BYTES:
                raise SecretError(f"a secret key must be {KEY_BYTES} bytes, got {len(k)}")
        self._aead = AESGCM(key)
        self._key_id = _key_id(key)
        self._older = {_key_id(k): AESGCM(k) for k in older if _key_id(k) != self._key_id}

    def __repr__(self) -> str:
        return f"SecretBox(key id {self.key_id}, from {self.source})"

    @property
    def key_id(self) -> str:
        return self._key_id.hex()

    @classmethod
    def for_database(cls, database_url: str) -> SecretBox:
        """The box for a database: the environment key, else the SQLite key file (made on
        first use). Raises `SecretError` when neither is possible or the key is bad."""
        try:
            source = settings.secret_key_source(database_url)
        except settings.SettingsError as exc:
            raise SecretError(str(exc)) from None

        def load() -> tuple[bytes, tuple[bytes, ...]]:
            if source.env_var is not None:
                key = _decode_key(os.environ[source.env_var], source.describe())
                listed = [k for k in os.environ.get(OLD_KEYS_ENV, "").split(",") if k.strip()]
                return key, tuple(_decode_key(k, OLD_KEYS_ENV) for k in listed)
            assert source.key_file is not None
            key = _key_from_file(source.key_file)
            old = source.key_file.with_name(source.key_file.name + OLD_KEY_SUFFIX)
            older = (_key_from_file(old, create=False),) if old.exists() else ()
            return key, older

        key, older = load()
        return cls(key, source=source.describe(), older=older, loader=load)

    def sealed_with_current_key(self, blob: bytes) -> bool:
        return blob[len(VERSION) : _HEADER] == self._key_id

    def encrypt(self, district_id: str, plaintext: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        header = VERSION + self._key_id
        sealed = self._aead.encrypt(
            nonce, plaintext.encode(), header + _associated_data(district_id)
        )
        return header + nonce + sealed

    def _aead_for(self, key_id: bytes) -> AESGCM | None:
        if key_id == self._key_id:
            return self._aead
        return self._older.get(key_id)

    def decrypt(self, district_id: str, blob: bytes) -> str:
        if len(blob) < _HEADER + NONCE_BYTES + 16 or not blob.startswith(VERSION):
            raise SecretError(
                f"the stored secret of district {district_id} is not in a known format"
            )
        key_id = blob[len(VERSION) : _HEADER]
        aead = self._aead_for(key_id)
        if aead is None and self._loader is not None:
            self._use(*self._loader())  # the key may have been rotated since we loaded it
            aead = self._aead_for(key_id)
        if aead is None:
            raise SecretError(
                f"the stored secret of district {district_id} was encrypted with another key "
                f"(key id {key_id.hex()}, current key {self.key_id} from {self.source})"
            )
        nonce = blob[_HEADER : _HEADER + NONCE_BYTES]
        try:
            plain = aead.decrypt(
                nonce, blob[_HEADER + NONCE_BYTES :], blob[:_HEADER] + _associated_data(district_id)
            )
        except InvalidTag:
            raise SecretError(
                f"the stored secret of district {district_id} does not decrypt: it was "
                "altered or belongs to another district; apply the district's config with "
                "its client_secret again"
            ) from None
        return plain.decode()


def new_key() -> str:
    """A fresh key in the `PASSBACK_SECRET_KEY` format."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def _decode_key(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise SecretError(
            f"{where} must be the urlsafe base64 encoding of {KEY_BYTES} random bytes; "
            f"make one with: {_GENERATE_HINT}"
        )
    return key


def _key_from_file(path: Path, *, create: bool = True) -> bytes:
    if create and not path.exists():
        _create_key_file(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise SecretError(f"cannot read key file {path}: {exc.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretError(
            f"key file {path} is accessible by group or others "
            f"(mode {stat.filemode(info.st_mode)}); run: chmod 600 {path}"
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise SecretError(f"key file {path} belongs to another user (uid {info.st_uid})")
    return _decode_key(path.read_text(encoding="ascii", errors="replace"), f"key file {path}")


def _create_key_file(path: Path) -> None:
    """Write a new key to a private temporary file (O_EXCL, 0600), then link it into place.

    The link either creates the final name complete or fails because another process got
    there first; nobody ever reads a half-written key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(new_key() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
