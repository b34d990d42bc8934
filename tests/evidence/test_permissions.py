"""The device key file, tested as non-root users (the suite runs as root, who reads anything):
made owner-only by the app's user whatever the umask, unreadable to another user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOBODY, DAEMON = 65534, 1

pytestmark = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="switching to other users needs root and setpriv",
)


def _as(uid: int, gid: int, script: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", sys.executable, "-c", script],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(ROOT),
            "HOME": str(home),
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def home() -> Iterator[Path]:
    """A home folder owned by nobody, in a folder every user may pass through."""
    base = Path(tempfile.mkdtemp(prefix="fieldcase-perm-"))
    os.chmod(base, 0o755)
    home = base / "nobody"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    os.chmod(home, 0o755)
    yield home
    shutil.rmtree(base)


MAKE_KEY = """
import os, stat
from pathlib import Path
os.umask(0)  # the most careless umask: the app must not depend on it
from app.evidence.keys import KeyStore
store = KeyStore(Path({folder!r}), keyring_backend=None)
store.create("device-1")
folder = Path({folder!r})
print(oct(stat.S_IMODE(folder.stat().st_mode)), oct(stat.S_IMODE((folder / "device-1.pem").stat().st_mode)))
assert store.load("device-1") is not None
"""


def test_the_key_file_is_owner_only_and_unreadable_to_another_user(home: Path) -> None:
    folder = home / ".config" / "Fieldcase" / "device-keys"
    made = _as(NOBODY, 65534, MAKE_KEY.format(folder=str(folder)), home)
    assert made.returncode == 0, made.stderr
    assert made.stdout.split() == ["0o700", "0o600"]
    assert (folder / "device-1.pem").stat().st_uid == NOBODY
    # Another (non-root) user can neither list the folder nor read the key.
    probe = (
        "from pathlib import Path\n"
        f"folder = Path({str(folder)!r})\n"
        "for attempt in (lambda: list(folder.iterdir()), lambda: (folder / 'device-1.pem').read_bytes()):\n"
        "    try:\n"
        "        attempt()\n"
        "    except PermissionError:\n"
        "        print('denied')\n"
        "    else:\n"
        "        print('READ')\n"
    )
    other = _as(DAEMON, DAEMON, probe, home)
    assert other.stdout.split() == ["denied", "denied"], other.stderr
    # Even were the folder opened up, the file itself stays closed to others.
    os.chmod(folder, 0o755)
    other = _as(DAEMON, DAEMON, probe, home)
    assert other.stdout.split() == ["READ", "denied"], other.stderr
