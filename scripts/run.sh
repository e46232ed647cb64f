#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and starts the RegLab GUI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
BUILD="${REGLAB_BUILD_DIR:-$ROOT/build}"
# Without a display reglab says so in one line and how to render headless instead.
exec "$BUILD/app/reglab" "$@"
