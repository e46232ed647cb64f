#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and starts the RegLab GUI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
BUILD="${REGLAB_BUILD_DIR:-$ROOT/build}"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found. The GUI needs one; without it try:" >&2
  echo "  $BUILD/app/reglab shot classify --steps 2000 --out shot.png" >&2
  exit 1
fi
exec "$BUILD/app/reglab" "$@"
