#!/usr/bin/env bash
# Sets everything up and runs the tests: layering contracts, lint, then pytest.
#   scripts/test.sh          the everyday tier
#   scripts/test.sh --slow   the slow tier (crash and fault counts, builds) — CI runs both
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# PostgreSQL for the server tests, where it is installed (Debian: pg_ctlcluster).
if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
  if [ -n "$ver" ]; then
    pg_ctlcluster "$ver" main start 2>/dev/null || true
    runuser -u postgres -- createuser -s root 2>/dev/null || true
  fi
fi

export QT_QPA_PLATFORM=offscreen
if [ "${1:-}" = "--slow" ]; then
  shift
  rc=0
  .venv/bin/python -m pytest -m slow "$@" || rc=$?
  # 5: no test is marked slow yet; that is not a failure of the tier.
  [ "$rc" -eq 5 ] && rc=0
  exit "$rc"
fi
.venv/bin/lint-imports
.venv/bin/ruff check .
.venv/bin/mypy app storage sync server
exec .venv/bin/python -m pytest -m "not slow" "$@"
