#!/usr/bin/env bash
# Sets everything up and runs the tablet app on its embedded defaults: a local central server
# on 127.0.0.1 (SQLite, demo accounts) in .fieldcase-dev/server, and a tablet data folder in
# .fieldcase-dev/tablet, enrolled with that server, the demo inspector logged in, with demo cases.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DEV="${FIELDCASE_DEV_DIR:-.fieldcase-dev}"
SERVER_DIR="$DEV/server"
TABLET_DIR="$DEV/tablet"
PORT="${FIELDCASE_DEV_PORT:-8765}"
URL="http://127.0.0.1:$PORT"
BIN=.venv/bin

if [ ! -f "$SERVER_DIR/demo-accounts.json" ]; then
  mkdir -p "$SERVER_DIR"
  "$BIN/fieldcase-server" --data-dir "$SERVER_DIR" migrate
  "$BIN/fieldcase-server" --data-dir "$SERVER_DIR" --json demo-accounts > "$SERVER_DIR/demo-accounts.json.tmp"
  mv "$SERVER_DIR/demo-accounts.json.tmp" "$SERVER_DIR/demo-accounts.json"
fi

"$BIN/fieldcase-server" --data-dir "$SERVER_DIR" serve --host 127.0.0.1 --port "$PORT" \
  > "$DEV/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if "$BIN/python" -c "import sys, requests; requests.get(sys.argv[1], timeout=1).raise_for_status()" \
      "$URL/api/v1/health" 2>/dev/null; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "run: the server did not start; see $DEV/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "run: central server at $URL (accounts: inspector/inspector-demo, supervisor/supervisor-demo," \
     "unit/unit-demo, admin/admin-demo)"

if [ ! -f "$TABLET_DIR/fieldcase.db" ]; then
  CODE=$("$BIN/fieldcase-server" --data-dir "$SERVER_DIR" device enroll-code --district demo | tail -n 1)
  "$BIN/fieldcase" --data-dir "$TABLET_DIR" enroll --server "$URL" --code "$CODE"
  echo "inspector-demo" | "$BIN/fieldcase" --data-dir "$TABLET_DIR" login --user inspector --password-stdin
  echo "run: making demo cases in $TABLET_DIR"
  "$BIN/fieldcase" --data-dir "$TABLET_DIR" demo --cases 24 --photos-per-case 2 --seed 7
  "$BIN/fieldcase" --data-dir "$TABLET_DIR" sync || true
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting the app on a virtual screen (xvfb-run)" >&2
  xvfb-run -a -s "-screen 0 1280x800x24" "$BIN/fieldcase" --data-dir "$TABLET_DIR" gui
else
  "$BIN/fieldcase" --data-dir "$TABLET_DIR" gui
fi
