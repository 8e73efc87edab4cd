"""Secrets at rest: AES-GCM bound to the district, keys from the environment or a key file."""

from __future__ import annotations

import base64
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from passback.secrets import SecretBox, SecretError
from passback.settings import KEY_FILE_NAME, SECRET_KEY_ENV


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)


def test_round_trip_with_the_environment_key(secret_key: str, sqlite_url: str) -> None:
    box = SecretBox.for_database(sqlite_url)
    blob = box.encrypt("unified-1", "s3cr3t value")
    assert b"s3cr3t" not in blob
    assert box.decrypt("unified-1", blob) == "s3cr3t value"
    assert not (Path(sqlite_url.removeprefix("sqlite:///")).parent / KEY_FILE_NAME).exists()


def test_two_encryptions_differ(secret_key: str, sqlite_url: str) -> None:
    box = SecretBox.for_database(sqlite_url)
    assert box.encrypt("d", "same") != box.encrypt("d", "same")


def test_ciphertext_moved_to_another_district_fails(secret_key: str, sqlite_url: str) -> None:
    box = SecretBox.for_database(sqlite_url)
    blob = box.encrypt("unified-1", "secret-of-one")
    with pytest.raises(SecretError, match="district other-2 does not decrypt") as info:
        box.decrypt("other-2", blob)
    assert "secret-of-one" not in str(info.value)


def test_tampered_ciphertext_fails(secret_key: str, sqlite_url: str) -> None:
    box = SecretBox.for_database(sqlite_url)
    blob = bytearray(box.encrypt("d", "value"))
    blob[-1] ^= 1
    with pytest.raises(SecretError, match="does not decrypt"):
        box.decrypt("d", bytes(blob))
    with pytest.raises(SecretError, match="not in a known format"):
        box.decrypt("d", b"plain text")


def test_secret_from_another_key_names_both_key_ids(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    first = SecretBox(os.urandom(32))
    second = SecretBox(os.urandom(32))
    with pytest.raises(SecretError, match="another key") as info:
        second.decrypt("d", first.encrypt("d", "value"))
    assert first.key_id in str(info.value)
    assert second.key_id in str(info.value)


@pytest.mark.parametrize("bad", ["short", base64.urlsafe_b64encode(b"x" * 31).decode(), "!!!!"])
def test_malformed_environment_key_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, bad: str
) -> None:
    monkeypatch.setenv(SECRET_KEY_ENV, bad)
    with pytest.raises(SecretError, match="urlsafe base64 encoding of 32 random bytes") as info:
        SecretBox.for_database(sqlite_url)
    assert bad not in str(info.value)


def test_key_file_is_created_once_with_owner_only_permissions(sqlite_url: str) -> None:
    key_file = Path(sqlite_url.removeprefix("sqlite:///")).parent / KEY_FILE_NAME
    box = SecretBox.for_database(sqlite_url)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    blob = box.encrypt("d", "value")
    again = SecretBox.for_database(sqlite_url)
    assert again.key_id == box.key_id
    assert again.decrypt("d", blob) == "value"
    assert sorted(p.name for p in key_file.parent.iterdir()) == [KEY_FILE_NAME]


def test_key_file_readable_by_others_is_refused(sqlite_url: str) -> None:
    key_file = Path(sqlite_url.removeprefix("sqlite:///")).parent / KEY_FILE_NAME
    SecretBox.for_database(sqlite_url)
    key_file.chmod(0o644)
    with pytest.raises(SecretError, match=r"accessible by group or others.*chmod 600"):
        SecretBox.for_database(sqlite_url)


def test_corrupt_key_file_is_a_clear_error(sqlite_url: str) -> None:
    key_file = Path(sqlite_url.removeprefix("sqlite:///")).parent / KEY_FILE_NAME
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"not a key\n")
    os.close(fd)
    with pytest.raises(SecretError, match=f"key file {key_file} must be"):
        SecretBox.for_database(sqlite_url)


def test_processes_racing_to_create_the_key_file_agree(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'passback.db'}"
    script = (
        "import sys; from passback.secrets import SecretBox; "
        "print(SecretBox.for_database(sys.argv[1]).key_id)"
    )
    env = {k: v for k, v in os.environ.items() if k != SECRET_KEY_ENV}
    processes = [
        subprocess.Popen([sys.executable, "-c", script, url], stdout=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    key_ids = {p.communicate()[0].strip() for p in processes}
    assert all(p.returncode == 0 for p in processes)
    assert len(key_ids) == 1
    assert key_ids == {SecretBox.for_database(url).key_id.encode()}


@pytest.mark.parametrize("url", ["postgresql://postgres@127.0.0.1/test", "sqlite://"])
def test_no_key_file_without_a_sqlite_file(url: str) -> None:
    with pytest.raises(SecretError, match=f"{SECRET_KEY_ENV} is not set"):
        SecretBox.for_database(url)


def test_repr_shows_no_key_material() -> None:
    key = os.urandom(32)
    text = repr(SecretBox(key))
    assert key.hex() not in text
    assert base64.urlsafe_b64encode(key).decode() not in text
