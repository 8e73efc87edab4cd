"""Rotating the key that seals the districts' SIS secrets, while syncs keep running.

Key-file mode (SQLite): the current key is kept beside it as `passback.key.old`, a new key
replaces `passback.key` (an atomic rename), every secret is re-sealed under the new key in
its own short transaction, and the old key is removed once none needs it. Every process can
open both old and new secrets meanwhile: a `SecretBox` that meets a secret sealed under a key
it does not know re-reads the key files.

Environment mode: give every process the new key in `PASSBACK_SECRET_KEY` and the old one in
`PASSBACK_OLD_SECRET_KEYS`, run the rotation, then drop the old key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine, select, update

from passback import settings
from passback.core.clock import utc_now
from passback.secrets import OLD_KEY_SUFFIX, SecretBox, SecretError, new_key
from passback.store import audit
from passback.store.db import session_scope
from passback.store.schema import Base

_DISTRICTS = "districts"


@dataclass(frozen=True)
class Rotation:
    key_id: str
    resealed: int
    districts: int


def _write_private(path: os.PathLike[str] | str, text: str, *, exclusive: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _new_key_file(database_url: str) -> None:
    source = settings.secret_key_source(database_url)
    if source.key_file is None:
        return
    path = source.key_file
    old = path.with_name(path.name + OLD_KEY_SUFFIX)
    if old.exists():  # an earlier rotation stopped half-way: finish that one
        return
    SecretBox.for_database(database_url)  # makes the key file if there is none yet
    _write_private(old, path.read_text(encoding="ascii"), exclusive=True)
    temporary = path.with_name(f".{path.name}.rotating")
    _write_private(temporary, new_key() + "\n", exclusive=False)
    os.replace(temporary, path)


def reseal_all(engine: Engine, box: SecretBox) -> tuple[int, int]:
    """Re-seal every district secret not sealed under the box's current key; returns
    (re-sealed, districts with a secret)."""
    table = Base.metadata.tables[_DISTRICTS]
    with session_scope(engine, read_only=True) as session:
        rows = session.execute(
            select(table.c.id, table.c.secret_ciphertext).where(
                table.c.secret_ciphertext.is_not(None)
            )
        ).all()
    resealed = 0
    for district_id, blob in rows:
        if box.sealed_with_current_key(blob):
            continue
        plaintext = box.decrypt(district_id, blob)
        with session_scope(engine) as session:
            # only if nobody changed it meanwhile (a new secret applied is sealed anew)
            done = session.execute(
                update(table)
                .where(table.c.id == district_id, table.c.secret_ciphertext == blob)
                .values(secret_ciphertext=box.encrypt(district_id, plaintext))
                .returning(table.c.id)
            )
            resealed += len(done.all())
    return resealed, len(rows)


def rotate(engine: Engine, database_url: str, *, actor: str) -> Rotation:
    _new_key_file(database_url)
    box = SecretBox.for_database(database_url)
    resealed, districts = reseal_all(engine, box)
    table = Base.metadata.tables[_DISTRICTS]
    with session_scope(engine, read_only=True) as session:
        blobs = session.scalars(
            select(table.c.secret_ciphertext).where(table.c.secret_ciphertext.is_not(None))
        ).all()
    if not all(box.sealed_with_current_key(b) for b in blobs):
        raise SecretError("some secrets are still sealed under the old key; run the rotation again")
    source = settings.secret_key_source(database_url)
    if source.key_file is not None:
        source.key_file.with_name(source.key_file.name + OLD_KEY_SUFFIX).unlink(missing_ok=True)
    with session_scope(engine) as session:
        audit.record(
            session,
            actor=actor,
            district=None,
            action="secret_key.rotate",
            target=box.key_id,
            now=utc_now(),
            details={"resealed": resealed, "districts": districts},
        )
    return Rotation(box.key_id, resealed, districts)
