"""schemathesis over /openapi.json against the live server, logged in as an inspector on an enrolled
tablet and as an admin: whatever it sends, the server never answers 5xx.

About 35 s per run (some 830 requests: the coverage phase, then 30 fuzzed examples per
operation), four runs: the slow tier.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server.conftest import LiveServer

MAX_EXAMPLES = 30
pytestmark = pytest.mark.slow


def _schemathesis(live: LiveServer, headers: dict[str, str], report: Path) -> subprocess.CompletedProcess[str]:
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
    command = [
        st,
        "run",
        f"{live.url}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--phases",
        "examples,coverage,fuzzing",
        "--seed",
        "4",
        "--workers",
        "2",
        "--generation-with-security-parameters",
        "false",
        "--exclude-path",
        "/api/v1/auth/logout",  # it would end the very login the run uses
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    # Run in the test's folder: schemathesis keeps a cache in `.schemathesis/` under its cwd.
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=report.parent)
    if result.returncode != 0 and "Runtime Error" in result.stdout and "FAILURES" not in result.stdout:
        # The tool itself crashed (seen once: CPython's "AST constructor recursion depth mismatch" inside
        # hypothesis while naming a filter), with no finding about the server: run it once more.
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=report.parent)
    return result


def test_no_server_errors_as_an_inspector_on_a_tablet(live: LiveServer, tmp_path: Path) -> None:
    tablet = live.tablet()
    result = _schemathesis(live, tablet.headers(), tmp_path / "inspector.xml")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_no_server_errors_as_an_admin(live: LiveServer, tmp_path: Path) -> None:
    admin = live.login(live.user("admin"))
    result = _schemathesis(live, admin.headers(), tmp_path / "admin.xml")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


@pytest.fixture(autouse=True)
def _needs_schemathesis() -> None:
    if shutil.which("st", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("schemathesis's `st` is not installed")
