#!/usr/bin/env bash
# Sets everything up and runs the tablet app on its embedded defaults: a local data
# folder (.fieldcase-dev/tablet) filled with demo cases the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DATA="${FIELDCASE_DEV_DIR:-.fieldcase-dev}/tablet"
if [ ! -f "$DATA/fieldcase.db" ]; then
  echo "run: making demo cases in $DATA"
  .venv/bin/fieldcase --data-dir "$DATA" demo --cases 40 --photos-per-case 2 --seed 7
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting the app on a virtual screen (xvfb-run)" >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/fieldcase --data-dir "$DATA" gui
fi
exec .venv/bin/fieldcase --data-dir "$DATA" gui
