#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs the whole test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The CLI tests load the written .npy files with NumPy, as a user taking a run to Python would.
REGLAB_EXTRA_PACKAGES="python3-numpy" "$ROOT/scripts/setup.sh"
BUILD="${REGLAB_BUILD_DIR:-$ROOT/build}"
cd "$BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" "$@"
