#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs the whole test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REGLAB_PACKAGE_LISTS="$ROOT/scripts/packages-test.txt" "$ROOT/scripts/setup.sh"
BUILD="${REGLAB_BUILD_DIR:-$ROOT/build}"
cd "$BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" "$@"
