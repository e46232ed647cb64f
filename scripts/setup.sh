#!/usr/bin/env bash
# Installs what is missing (the Debian 12 packages of scripts/packages.txt, plus those of the
# lists named in REGLAB_PACKAGE_LISTS), then configures and builds RegLab (Release) into
# build/. Called by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${REGLAB_BUILD_DIR:-$ROOT/build}"

packages=()
for list in "$ROOT/scripts/packages.txt" ${REGLAB_PACKAGE_LISTS:-}; do
  while read -r line; do
    line="${line%%#*}"
    for p in $line; do packages+=("$p"); done
  done < "$list"
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE="${REGLAB_BUILD_TYPE:-Release}" ${REGLAB_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j"$(nproc)"
