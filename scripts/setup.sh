#!/usr/bin/env bash
# Sets up everything Fieldcase needs on a Debian machine: system packages (Qt's
# libraries, Xvfb, CJK fonts, PostgreSQL client tools, the packaging tools) and a virtualenv
# in .venv with the app, the server, the test and the packaging tools. Safe to run again; it
# skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-venv python3-pip
  xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxkbcommon-x11-0 libegl1 libgl1 libpulse0
  libfontconfig1 libdbus-1-3 fonts-noto-cjk poppler-utils
  # Packaging and deployment: pg_dump/pg_restore (backup), zbarimg (reads provisioning QR codes
  # back in tests), openssl (test certificates), makensis (the Windows installer), dpkg-deb (the
  # .deb), systemd-analyze (checks the unit), nginx (checks the TLS proxy configuration).
  postgresql-client zbar-tools openssl nsis dpkg-dev systemd nginx-light
  # The rest of what the .deb depends on (tests install it with dpkg -i).
  libglib2.0-0 libfreetype6 libx11-6 libx11-xcb1 libxcb1 libxkbcommon0 libxcb-xkb1
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.fieldcase-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".[server,test,packaging]" > .venv/pip-install.log 2>&1 || { cat .venv/pip-install.log >&2; exit 1; }
  touch "$stamp"
fi
# Compiled translations are built from the .ts sources when they are newer.
if [ -d resources/translations ] && [ -x .venv/bin/pyside6-lrelease ]; then
  for ts in resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
    fi
  done
fi
