"""The secret store: private files (0600 in a 0700 folder) or the OS keyring; permissions are
checked as a user other than root (the tests run as root, who reads anything)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from storage.keys import (
    ENV_KEY_DIR,
    ENV_KEY_STORE,
    FileSecretStore,
    KeyMissingError,
    KeyringSecretStore,
    KeyStoreError,
    WrongKeyError,
    create_folder_key,
    default_secret_store,
    folder_key,
)

REPO = Path(__file__).resolve().parents[2]
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder anyone may enter (unlike pytest's tmp_path), so only the store's own
    permissions stand between another user and the key."""
    folder = Path(tempfile.mkdtemp(prefix="fieldcase-keystore-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_nobody(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as another user")
    return subprocess.run(
        [*NOBODY, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO), "HOME": "/nonexistent", **env},
    )


def test_keys_are_files_only_their_owner_can_read(open_dir: Path) -> None:
    store = FileSecretStore(open_dir / "keys")
    store.put("data-key-x", b"\x01" * 32)
    assert _mode(open_dir / "keys") == 0o700
    assert _mode(open_dir / "keys" / "data-key-x.key") == 0o600
    assert store.get("data-key-x") == b"\x01" * 32
    assert store.get("absent") is None
    store.put("data-key-x", b"\x02" * 32)  # replaced atomically
    assert store.get("data-key-x") == b"\x02" * 32
    assert [p.name for p in (open_dir / "keys").iterdir()] == ["data-key-x.key"]


def test_another_user_cannot_read_a_key(open_dir: Path) -> None:
    store = FileSecretStore(open_dir / "keys")
    store.put("data-key-x", b"\x01" * 32)
    key_file = open_dir / "keys" / "data-key-x.key"
    result = _as_nobody(_PROBE, str(key_file), str(open_dir / "keys"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["DENIED", str(key_file), "DENIED", str(open_dir / "keys")]


_PROBE = """
import os, sys
for p in sys.argv[1:]:
    try:
        if p.endswith('.key'):
            open(p, 'rb').read()
        else:
            os.listdir(p)
        print('READ', p)
    except PermissionError:
        print('DENIED', p)
"""


def test_a_non_root_user_keeps_private_keys_and_refuses_exposed_ones(open_dir: Path) -> None:
    home = open_dir / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    code = f"""
import os, stat
from pathlib import Path
from storage.keys import FileSecretStore, KeyStoreError, default_secret_store
store = default_secret_store()
assert isinstance(store, FileSecretStore), store
store.put("data-key-a", b"k" * 32)
folder = Path({str(home / "keys")!r})
print(oct(stat.S_IMODE(folder.stat().st_mode)), oct(stat.S_IMODE((folder / "data-key-a.key").stat().st_mode)))
print(store.get("data-key-a") == b"k" * 32)
(folder / "data-key-a.key").chmod(0o644)
try:
    store.get("data-key-a")
except KeyStoreError as exc:
    print("REFUSED", "others may read it" in str(exc))
(folder / "data-key-a.key").chmod(0o600)
folder.chmod(0o757)
try:
    store.get("data-key-a")
except KeyStoreError as exc:
    print("REFUSED", "others may write to it" in str(exc))
folder.chmod(0o755)  # others may list the names, not read a key: usable, and made 0700 on writing
print(store.get("data-key-a") == b"k" * 32)
store.put("data-key-b", b"b" * 32)
print(oct(stat.S_IMODE(folder.stat().st_mode)))
"""
    result = _as_nobody(code, **{ENV_KEY_DIR: str(home / "keys")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:6] == ["0o700 0o600", "True", "REFUSED True", "REFUSED True", "True", "0o700"]
    assert (home / "keys").stat().st_uid == 65534


def test_the_key_store_is_chosen_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_KEY_DIR, str(tmp_path / "it-keys"))
    store = default_secret_store()
    assert isinstance(store, FileSecretStore) and store.folder == tmp_path / "it-keys"
    monkeypatch.delenv(ENV_KEY_DIR)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    # A desktop session (a D-Bus session bus) whose keyring is a real one: the keyring is used.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    monkeypatch.setattr(keyring.core, "_keyring_backend", _MemoryKeyring())
    assert isinstance(default_secret_store(), KeyringSecretStore)
    # No usable keyring behind the bus, or no session bus at all: the file store under the config folder.
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    for store in (default_secret_store(), _without_bus(monkeypatch)):
        assert isinstance(store, FileSecretStore)
        assert store.folder == tmp_path / "config" / "Fieldcase" / "keys"
    monkeypatch.setenv(ENV_KEY_STORE, "keyring")
    with pytest.raises(KeyStoreError, match="no usable OS keyring"):
        default_secret_store()


def _without_bus(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    return default_secret_store()


class _MemoryKeyring(KeyringBackend):
    """A keyring backend holding passwords in memory (the OS ones need a desktop session)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.passwords[(service, username)]


def test_a_keyring_store_keeps_binary_keys(tmp_path: Path) -> None:
    backend = _MemoryKeyring()
    store = KeyringSecretStore(backend=backend)
    key = create_folder_key(tmp_path / "data", store)
    assert list(backend.passwords) == [("Fieldcase", f"data-key-{key.folder_id}")]
    assert key.secret not in backend.passwords[("Fieldcase", f"data-key-{key.folder_id}")].encode()
    assert folder_key(tmp_path / "data", store) == key
    store.delete(f"data-key-{key.folder_id}")
    with pytest.raises(KeyMissingError, match="not in the key store"):
        folder_key(tmp_path / "data", store)


def test_a_wrong_key_is_refused(tmp_path: Path) -> None:
    store = FileSecretStore(tmp_path / "keys")
    key = create_folder_key(tmp_path / "data", store)
    store.put(f"data-key-{key.folder_id}", b"\x00" * 32)
    with pytest.raises(WrongKeyError, match="wrong key"):
        folder_key(tmp_path / "data", store)
